"""Refuse regular expressions that can backtrack catastrophically, before they ever run.

A backtracking engine takes exponential time when an unbounded repeat holds
another repeat and nothing forces each outer round to consume something the
inner repeat cannot: ``(a+)+$``, ``(\\w+\\s*)*x``.  Such a pattern is found on
the parsed expression (``re._parser``): the inner repeat is ambiguous with its
own outer rounds when every other item of the outer body is optional, or when
a required item can match a character the inner repeat also matches.  A
separator the inner repeat cannot match (``(?:\\.\\w+)*``) keeps it linear.
Possessive repeats and atomic groups never backtrack and are always fine.
Anything this check lets through still runs under a time bound (see
:mod:`cleaner.checks.rules.regex_run`).
"""

from __future__ import annotations

import importlib
import re
from typing import Any

sre_parse: Any = importlib.import_module("re._parser")
c: Any = importlib.import_module("re._constants")

_PROBE = "".join(chr(i) for i in range(0x250)) + "\u00a0\u2019\u201c\u201d\u3000\u4e00\uff0c"
"""Characters tried when asking whether two single-character items can match the same character."""

_REPEATS = (c.MAX_REPEAT, c.MIN_REPEAT)


def catastrophic_reason(pattern: str, flags: int = 0) -> str | None:
    """Why ``pattern`` can take exponential time (a one-line explanation), or None when it is safe."""
    try:
        parsed = sre_parse.parse(pattern, flags)
    except (re.error, RecursionError):
        return None  # the caller reports the syntax error itself
    return _scan(list(parsed), flags)


def _scan(items: list[tuple[Any, Any]], flags: int) -> str | None:
    for op, arg in items:
        if op in _REPEATS:
            _low, high, body = arg
            body_items = list(body)
            if high == c.MAXREPEAT:
                reason = _ambiguous_body(body_items, flags)
                if reason:
                    return reason
            found = _scan(body_items, flags)
        elif op is c.SUBPATTERN:
            found = _scan(list(arg[-1]), flags)
        elif op is c.BRANCH:
            found = next((r for b in arg[1] if (r := _scan(list(b), flags))), None)
        elif op in (c.ASSERT, c.ASSERT_NOT):
            found = _scan(list(arg[1]), flags)
        else:
            found = None  # possessive repeats and atomic groups never backtrack
        if found:
            return found
    return None


def _ambiguous_body(body: list[tuple[Any, Any]], flags: int) -> str | None:
    """The reason an unbounded repeat over ``body`` is exponential, if it is."""
    items = _flatten(body)
    repeats = [i for i, (op, arg) in enumerate(items) if op in _REPEATS and arg[1] > 1]
    for i in repeats:
        if all(_min_width(it) == 0 for j, it in enumerate(items) if j != i):
            return "nested quantifiers: a repeated group whose only required part is itself a repeat"
        if items[i][1][1] != c.MAXREPEAT:
            continue
        inner = _chars(list(items[i][1][2]), flags)
        follow = _follow(items, i, flags)
        if inner is not None and follow is not None and inner & follow:
            return "nested unbounded quantifiers: the inner repeat can also match what follows it in the next round"
    return None


def _follow(items: list[tuple[Any, Any]], i: int, flags: int) -> set[str] | None:
    """Characters that can come right after item ``i`` within one round of the outer repeat, or the next."""
    out: set[str] = set()
    n = len(items)
    for step in range(1, n + 1):
        item = items[(i + step) % n]
        first = _first([item], flags)
        if first is None:
            return None
        out |= first
        if _min_width(item) > 0:
            break
    return out


def _first(items: list[tuple[Any, Any]], flags: int) -> set[str] | None:
    """Characters a match of the sequence ``items`` can start with; None if not simple enough to tell."""
    out: set[str] = set()
    for op, arg in items:
        if op in _REPEATS:
            sub = _first(list(arg[2]), flags)
        elif op is c.SUBPATTERN:
            sub = _first(list(arg[-1]), flags)
        elif op is c.BRANCH:
            parts = [_first(list(b), flags) for b in arg[1]]
            sub = None if any(p is None for p in parts) else set().union(*parts)  # type: ignore[arg-type]
        else:
            sub = _chars([(op, arg)], flags)
        if sub is None:
            return None
        out |= sub
        if _min_width((op, arg)) > 0:
            break
    return out


def _flatten(items: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """The sequence with plain (non-capturing or capturing, flag-free) groups opened up."""
    out: list[tuple[Any, Any]] = []
    for op, arg in items:
        if op is c.SUBPATTERN and not arg[1] and not arg[2]:
            out.extend(_flatten(list(arg[-1])))
        else:
            out.append((op, arg))
    return out


def _min_width(item: tuple[Any, Any]) -> int:
    if item[0] in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return 0
    sub = sre_parse.SubPattern(sre_parse.State(), [item])
    return int(sub.getwidth()[0])


def _chars(items: list[tuple[Any, Any]], flags: int) -> set[str] | None:
    """The probe characters a body of single-character items can match; None if not that simple."""
    out: set[str] = set()
    for op, arg in items:
        if op in _REPEATS:
            sub = _chars(list(arg[2]), flags)
        elif op is c.SUBPATTERN:
            sub = _chars(list(arg[-1]), flags)
        elif op is c.BRANCH:
            parts = [_chars(list(b), flags) for b in arg[1]]
            sub = None if any(p is None for p in parts) else set().union(*parts)  # type: ignore[arg-type]
        elif op in (c.LITERAL, c.NOT_LITERAL, c.IN, c.ANY, c.CATEGORY):
            one = sre_parse.SubPattern(sre_parse.State(), [(op, arg)])
            try:
                probe = re.compile(_unparse_single(one), flags)
            except re.error:
                return None
            sub = {ch for ch in _PROBE if probe.fullmatch(ch)}
        elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            sub = set()
        else:
            return None
        if sub is None:
            return None
        out |= sub
    return out


def _unparse_single(sub: Any) -> str:
    """A one-character pattern equivalent to a single parsed item (literal, class, category, dot)."""
    (op, arg) = sub.data[0]
    if op is c.LITERAL:
        return re.escape(chr(arg))
    if op is c.NOT_LITERAL:
        return "[^" + re.escape(chr(arg)) + "]"
    if op is c.ANY:
        return "."
    if op is c.CATEGORY:
        return _CATEGORY[arg]
    negate = False
    parts: list[str] = []
    for o, a in arg:
        if o is c.NEGATE:
            negate = True
        elif o is c.LITERAL:
            parts.append(re.escape(chr(a)))
        elif o is c.RANGE:
            parts.append(re.escape(chr(a[0])) + "-" + re.escape(chr(a[1])))
        elif o is c.CATEGORY:
            parts.append(_CATEGORY[a])
        else:
            raise re.error("unsupported class item")
    return "[" + ("^" if negate else "") + "".join(parts) + "]"


_CATEGORY = {
    c.CATEGORY_DIGIT: r"\d",
    c.CATEGORY_NOT_DIGIT: r"\D",
    c.CATEGORY_SPACE: r"\s",
    c.CATEGORY_NOT_SPACE: r"\S",
    c.CATEGORY_WORD: r"\w",
    c.CATEGORY_NOT_WORD: r"\W",
}
