"""``type: phrase`` (``match:``): the phrase language of docs/rules.md, compiled into the shared automaton."""

from __future__ import annotations

from typing import Any

from cleaner.checks.rules.pattern import PatternError, parse_pattern
from cleaner.checks.rules.types.base import Matching, RuleTypeError


def build(raw: Any, classes: dict[str, list[str]], flags: int) -> Matching:
    try:
        pattern = parse_pattern(raw["match"], classes)
        pattern.anchor()
    except PatternError as exc:
        raise RuleTypeError("match", f"bad pattern: {exc}") from None
    return Matching(pattern=pattern, groups=len(pattern.elements))
