"""What every rule type builds: the engine's view of what a rule matches."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cleaner.checks.rules.model import LazyRegex
from cleaner.checks.rules.pattern import Pattern


class RuleTypeError(ValueError):
    """A rule's definition is wrong; ``key`` is the YAML key to point at."""

    def __init__(self, key: str, problem: str, line: int | None = None) -> None:
        super().__init__(problem)
        self.key = key
        self.problem = problem
        self.line = line
        """The line to point at when it is not the key's (a table entry's)."""


@dataclass(frozen=True)
class TableEntry:
    """One entry of a ``table`` rule: its phrase pattern, its raw YAML (``replace``, ``when``) and its line."""

    pattern: Pattern
    raw: Any
    line: int | None


@dataclass(frozen=True)
class Matching:
    """A phrase pattern or a regular expression, how many elements or groups it has, any swap table, any entries."""

    pattern: Pattern | None = None
    regex: LazyRegex | None = None
    groups: int = 0
    swaps: Mapping[str, str] = field(default_factory=dict)
    """Matched text (lower case, single spaces) → its replacement, for swap and case rules."""
    entries: tuple[TableEntry, ...] = ()
    """For table rules: the entries, each becoming one part of the rule."""


def swap_key(text: str) -> str:
    """How a matched text is looked up in a swap table."""
    return " ".join(text.lower().split())
