"""What a rule is, once loaded and validated (the YAML shape is in docs/rules.md)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from cleaner.checks.rules.pattern import Pattern
from cleaner.findings import Severity


class LazyRegex:
    """A regular expression compiled on first use, pickled as its source.

    Unpickling a compiled ``re.Pattern`` recompiles it; with a few hundred regex
    rules that costs a second on every run.  Most rules never run on a given
    article (their required literals are absent), so they are never compiled.
    """

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __getstate__(self) -> tuple[str, int]:
        return self.pattern, self.flags

    def __setstate__(self, state: tuple[str, int]) -> None:
        self.pattern, self.flags = state
        self._compiled = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    @property
    def groups(self) -> int:
        return self.compiled.groups

    def finditer(self, text: str, pos: int = 0, endpos: int = 2**63 - 1) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text, pos, endpos)

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled.search(text)

    def match(self, text: str) -> re.Match[str] | None:
        return self.compiled.match(text)


@dataclass(frozen=True, slots=True)
class Term:
    """A context word or phrase (compiled like a pattern) or a ``re:`` regular expression."""

    source: str
    sequences: frozenset[tuple[str, ...]] = frozenset()
    regex: LazyRegex | None = None
    lengths: tuple[int, ...] = ()
    """The distinct lengths of ``sequences``, so matching tries each length once."""


@dataclass(frozen=True, slots=True)
class Conditions:
    """Context a match needs (or must not have) to count."""

    near: tuple[Term, ...] = ()
    not_near: tuple[Term, ...] = ()
    window: int | None = None
    """Tokens on each side to search; None means the whole sentence."""
    followed_by: tuple[Term, ...] = ()
    not_followed_by: tuple[Term, ...] = ()
    preceded_by: tuple[Term, ...] = ()
    not_preceded_by: tuple[Term, ...] = ()

    @property
    def empty(self) -> bool:
        return not (
            self.near
            or self.not_near
            or self.followed_by
            or self.not_followed_by
            or self.preceded_by
            or self.not_preceded_by
        )


@dataclass(frozen=True, slots=True)
class Example:
    """A sentence the rule must flag (``bad``, fixed to ``good``) or leave alone (``ok``)."""

    line: int
    bad: str | None = None
    good: str | None = None
    ok: str | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """One validated rule; ``pattern`` or ``regex`` says what it matches (built by its type, see ``types``)."""

    id: str
    path: str
    line: int
    message: str
    category: str
    severity: Severity
    confidence: float
    replacements: tuple[str, ...]
    pattern: Pattern | None = None
    regex: LazyRegex | None = None
    when: Conditions = field(default_factory=Conditions)
    skip: frozenset[str] = frozenset()
    only: frozenset[str] = frozenset()
    pivots: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()
    case_sensitive: bool = False
    swaps: Mapping[str, str] = field(default_factory=dict)
    """For swap and case rules: matched text (lower case, single spaces) → its replacement."""

    def replacements_for(self, matched: str) -> tuple[str, ...]:
        """The replacement templates for a match: the swap table's entry, else ``replacements``."""
        if self.swaps:
            swapped = self.swaps.get(" ".join(matched.lower().split()))
            if swapped is not None:
                return (swapped,)
        return self.replacements

    @property
    def specificity(self) -> int:
        return self.pattern.specificity if self.pattern else 3

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"
