"""Python regular expressions rewritten for RE2, exact on ASCII text.

RE2 runs in time linear in the text whatever the pattern, but its syntax and
classes differ from Python's (``\\w`` and ``\\b`` are ASCII-only, ``\\s`` lacks
``\\v``, ``{,n}`` is a literal, no ``\\uXXXX``).  Rather than trusting the two
syntaxes to agree, the pattern is parsed by Python (``re._parser``) and
written out again in RE2 syntax item by item, spelling every class out for
ASCII.  The result matches exactly what Python matches on ASCII-only text;
text with other characters is left to Python's engine.  Patterns with
look-around, back-references, possessive repeats or atomic groups (which RE2
lacks) get None.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from typing import Any

sre_parse: Any = importlib.import_module("re._parser")
c: Any = importlib.import_module("re._constants")

_RE2_MAX_REPEAT = 1000

_ASCII_CLASS = {
    c.CATEGORY_DIGIT: "0-9",
    c.CATEGORY_SPACE: "\\t\\n\\x0b\\f\\r \\x1c-\\x1f",
    c.CATEGORY_WORD: "0-9A-Za-z_",
}
_NEGATED = {
    c.CATEGORY_NOT_DIGIT: c.CATEGORY_DIGIT,
    c.CATEGORY_NOT_SPACE: c.CATEGORY_SPACE,
    c.CATEGORY_NOT_WORD: c.CATEGORY_WORD,
}
_AT = {
    c.AT_BEGINNING: "^",
    c.AT_BEGINNING_STRING: "\\A",
    c.AT_END: "$",
    c.AT_END_STRING: "\\z",
    c.AT_BOUNDARY: "\\b",
    c.AT_NON_BOUNDARY: "\\B",
}


@dataclass
class _Writing:
    """One pattern being written out: group names, each group's parsed body (so a relaxed
    back-reference can repeat it), and whether to relax."""

    names: dict[int, str]
    relaxed: bool
    bodies: dict[int, str] = field(default_factory=dict)


class _Unsupported(Exception):
    """The pattern uses something RE2 cannot express."""


def to_re2(pattern: str, flags: int, relaxed: bool = False) -> str | None:
    """The RE2 spelling of a Python ``pattern`` compiled with ``flags``, or None if RE2 cannot run it.

    ``relaxed`` drops what RE2 lacks but only narrows a match (look-around
    becomes empty, possessive repeats and atomic groups become plain ones):
    the result then matches wherever the pattern does, and possibly more,
    which is what a prefilter needs.
    """
    if flags & re.LOCALE:
        return None
    try:
        parsed = sre_parse.parse(pattern, flags)
    except (re.error, RecursionError):
        return None
    flags = parsed.state.flags
    names = {number: name for name, number in parsed.state.groupdict.items()}
    try:
        body = _seq(list(parsed), _Writing(names, relaxed))
        if flags & re.IGNORECASE:
            _refuse_folding(list(parsed))
    except _Unsupported:
        return None
    inline = "".join(f for f, bit in (("i", re.IGNORECASE), ("m", re.MULTILINE), ("s", re.DOTALL)) if flags & bit)
    return (f"(?{inline})" if inline else "") + body


_FOLDS_TO_ASCII = (0x130, 0x131, 0x17F, 0x212A)
"""The only non-ASCII characters Python's IGNORECASE equates with ASCII ones (İ ı ſ K)."""


def _refuse_folding(items: list[tuple[Any, Any]]) -> None:
    """Under IGNORECASE, a literal or range covering İ ı ſ or K matches ASCII text RE2 would not."""
    for op, arg in items:
        if op is c.LITERAL and arg in _FOLDS_TO_ASCII:
            raise _Unsupported("case folding")
        if op in (c.NOT_LITERAL, c.IN):
            for o, a in arg if op is c.IN else [(c.LITERAL, arg)]:
                lo, hi = (a, a) if o in (c.LITERAL,) else a if o is c.RANGE else (0, -1)
                if any(lo <= f <= hi for f in _FOLDS_TO_ASCII):
                    raise _Unsupported("case folding")
        elif op is c.BRANCH:
            for b in arg[1]:
                _refuse_folding(list(b))
        elif op is c.SUBPATTERN:
            _refuse_folding(list(arg[-1]))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            _refuse_folding(list(arg[2]))


def _seq(items: list[tuple[Any, Any]], w: _Writing) -> str:
    return "".join(_item(op, arg, w) for op, arg in items)


def _item(op: Any, arg: Any, w: _Writing) -> str:
    if w.relaxed and op in (c.ASSERT, c.ASSERT_NOT):
        return ""
    if w.relaxed and op is c.ATOMIC_GROUP:
        return "(?:" + _seq(list(arg), w) + ")"
    if w.relaxed and op is c.POSSESSIVE_REPEAT:
        op = c.MAX_REPEAT
    if w.relaxed and op is c.GROUPREF and arg in w.bodies:
        return "(?:" + w.bodies[arg] + ")"
    if op is c.LITERAL:
        return _char(arg)
    if op is c.NOT_LITERAL:
        return "[^" + _char(arg) + "]"
    if op is c.ANY:
        return "."
    if op is c.IN:
        return _class(arg)
    if op is c.CATEGORY:
        return _class([(c.CATEGORY, arg)])
    if op is c.AT:
        if arg not in _AT:
            raise _Unsupported(str(arg))
        return _AT[arg]
    if op is c.BRANCH:
        return "(?:" + "|".join(_seq(list(b), w) for b in arg[1]) + ")"
    if op is c.SUBPATTERN:
        group, add, remove, sub = arg
        if remove or add & ~(re.IGNORECASE | re.MULTILINE | re.DOTALL):
            raise _Unsupported("inline flags")
        inner = _seq(list(sub), w)
        if add:
            on = "".join(f for f, bit in (("i", re.IGNORECASE), ("m", re.MULTILINE), ("s", re.DOTALL)) if add & bit)
            inner = f"(?{on}:{inner})"
        if group is None or w.relaxed:
            if group is not None:
                w.bodies[group] = inner
            return f"(?:{inner})"
        return f"(?P<{w.names[group]}>{inner})" if group in w.names else f"({inner})"
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        low, high, sub = arg
        if low > _RE2_MAX_REPEAT or (high != c.MAXREPEAT and high > _RE2_MAX_REPEAT):
            raise _Unsupported("repeat count")
        inner = "(?:" + _seq(list(sub), w) + ")"
        if high == c.MAXREPEAT:
            quant = "*" if low == 0 else "+" if low == 1 else f"{{{low},}}"
        elif (low, high) == (0, 1):
            quant = "?"
        else:
            quant = f"{{{low}}}" if low == high else f"{{{low},{high}}}"
        return inner + quant + ("?" if op is c.MIN_REPEAT else "")
    raise _Unsupported(str(op))


def _char(code: int) -> str:
    return f"\\x{{{code:x}}}"


def _class(items: list[tuple[Any, Any]]) -> str:
    negate = False
    parts: list[str] = []
    for op, arg in items:
        if op is c.NEGATE:
            negate = True
        elif op is c.LITERAL:
            parts.append(_char(arg))
        elif op is c.RANGE:
            parts.append(_char(arg[0]) + "-" + _char(arg[1]))
        elif op is c.CATEGORY and arg in _ASCII_CLASS:
            parts.append(_ASCII_CLASS[arg])
        elif op is c.CATEGORY and arg in _NEGATED:
            if len(items) != 1 or negate:
                raise _Unsupported("negated category inside a class")
            return "[^" + _ASCII_CLASS[_NEGATED[arg]] + "]"
        else:
            raise _Unsupported(str(op))
    if not parts:
        raise _Unsupported("empty class")
    return "[" + ("^" if negate else "") + "".join(parts) + "]"
