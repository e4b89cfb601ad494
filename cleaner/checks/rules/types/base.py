"""What every rule type builds: the engine's view of what a rule matches."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from cleaner.checks.rules.model import LazyRegex
from cleaner.checks.rules.pattern import Pattern


class RuleTypeError(ValueError):
    """A rule's definition is wrong; ``key`` is the YAML key to point at."""

    def __init__(self, key: str, problem: str) -> None:
        super().__init__(problem)
        self.key = key
        self.problem = problem


@dataclass(frozen=True)
class Matching:
    """A phrase pattern or a regular expression, how many elements or groups it has, and any swap table."""

    pattern: Pattern | None = None
    regex: LazyRegex | None = None
    groups: int = 0
    swaps: Mapping[str, str] = field(default_factory=dict)
    """Matched text (lower case, single spaces) → its replacement, for swap and case rules."""


def swap_key(text: str) -> str:
    """How a matched text is looked up in a swap table."""
    return " ".join(text.lower().split())
