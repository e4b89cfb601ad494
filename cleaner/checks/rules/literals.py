"""Required literals of a regular expression, so a regex rule runs only where it can match.

A regex rule is scanned over a paragraph only if the paragraph contains one of
the literal strings every match must contain.  They are read off the parsed
expression (``re._parser``): a literal run in the top-level sequence, or one
literal per branch of a top-level alternation.  When none can be proven the
rule simply runs everywhere; the prefilter never changes what matches.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

from cleaner.checks.rules.model import LazyRegex

sre_parse: Any = importlib.import_module("re._parser")
sre_constants: Any = importlib.import_module("re._constants")

MIN_LITERAL = 2
NON_ASCII = "\x80"
"""Pseudo-literal: every match contains a non-ASCII character (CJK runs, full-width punctuation)."""


def required_literals(pattern: re.Pattern[str] | LazyRegex) -> tuple[str, ...] | None:
    """Lower-case strings of which every match contains at least one; None if unknown."""
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except (re.error, RecursionError):
        return None
    return _sequence(list(parsed))


def _sequence(items: list[tuple[Any, Any]]) -> tuple[str, ...] | None:
    """Best required literal(s) of a sequence: the longest mandatory literal run or a branch set."""
    best: tuple[str, ...] | None = None
    run: list[str] = []

    def consider(candidate: tuple[str, ...] | None) -> None:
        nonlocal best
        usable = candidate and all(len(c) >= MIN_LITERAL or not c.isascii() for c in candidate)
        if usable and (best is None or best == (NON_ASCII,) or min(map(len, candidate)) > min(map(len, best))):  # type: ignore[arg-type]
            best = candidate

    for op, arg in items:
        char = _char(op, arg)
        if char is not None:
            run.append(char)
            continue
        consider(("".join(run),) if run else None)
        run = []
        if _non_ascii_class(op, arg):
            consider((NON_ASCII,))
        elif op is sre_constants.SUBPATTERN:
            consider(_sequence(list(arg[-1])))
        elif op is sre_constants.BRANCH:
            consider(_branches(arg[1]))
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT):
            low, _high, sub = arg
            if low >= 1:
                consider(_sequence(list(sub)))
    consider(("".join(run),) if run else None)
    return best


def _branches(branches: list[Any]) -> tuple[str, ...] | None:
    out: list[str] = []
    for branch in branches:
        lits = _sequence(list(branch))
        if not lits:
            return None
        out.extend(lits)
    return tuple(sorted(set(out)))


def _char(op: Any, arg: Any) -> str | None:
    """The lower-case character a LITERAL or a case-variant class like ``[Pp]`` stands for."""
    if op is sre_constants.LITERAL:
        return chr(arg).lower()
    if op is sre_constants.IN and arg and all(o is sre_constants.LITERAL for o, _ in arg):
        chars = {chr(a).lower() for _, a in arg}
        if len(chars) == 1:
            return chars.pop()
    return None


def _non_ascii_class(op: Any, arg: Any) -> bool:
    """True for a character class all of whose members are non-ASCII (e.g. ``[\u3400-\u9fff]``)."""
    if op is not sre_constants.IN or not arg:
        return False
    for o, a in arg:
        if o is sre_constants.LITERAL and a < 128:
            return False
        if o is sre_constants.RANGE and a[0] < 128:
            return False
        if o not in (sre_constants.LITERAL, sre_constants.RANGE):
            return False
    return True
