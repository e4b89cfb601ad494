"""What a rule is, once loaded and validated (the YAML shape is in docs/rules.md)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from cleaner.checks.rules import cpu_deadline
from cleaner.checks.rules.pattern import Pattern
from cleaner.findings import Severity

REGEX_SECONDS = 5.0
"""Time allowed to one regex on one paragraph (or one context test); beyond it ``TimeoutError``."""


class LazyRegex:
    """A regular expression compiled on first use, pickled as its source.

    Unpickling a compiled ``re.Pattern`` recompiles it; with a few hundred regex
    rules that costs a second on every run.  Most rules never run on a given
    article (their required literals are absent), so they are never compiled.
    Every search is bounded: in the main thread Python's ``re`` runs under a
    CPU-time deadline (:mod:`cleaner.checks.rules.cpu_deadline`); in other threads the
    ``regex`` module (same syntax and results) with its own timeout.  Either
    way a search that runs too long raises ``TimeoutError``.
    """

    __slots__ = ("_bounded", "_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None
        self._bounded: Any = None

    def __getstate__(self) -> tuple[str, int]:
        return self.pattern, self.flags

    def __setstate__(self, state: tuple[str, int]) -> None:
        self.pattern, self.flags = state
        self._compiled = None
        self._bounded = None

    @property
    def bounded(self) -> Any:
        """The pattern compiled by the ``regex`` module, whose searches take a ``timeout``."""
        if self._bounded is None:
            import regex

            self._bounded = regex.compile(self.pattern, _regex_module_flags(self.flags))
        return self._bounded

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def finditer(self, text: str, pos: int = 0, endpos: int = 2**63 - 1) -> Iterator[Any]:
        if cpu_deadline.available():
            with cpu_deadline.cpu_deadline(REGEX_SECONDS):
                return iter(list(self.compiled.finditer(text, pos, endpos)))
        return iter(list(self.bounded.finditer(text, pos, endpos, timeout=REGEX_SECONDS)))

    def search(self, text: str) -> Any:
        if cpu_deadline.available():
            with cpu_deadline.cpu_deadline(REGEX_SECONDS):
                return self.compiled.search(text)
        return self.bounded.search(text, timeout=REGEX_SECONDS)

    def match(self, text: str) -> Any:
        if cpu_deadline.available():
            with cpu_deadline.cpu_deadline(REGEX_SECONDS):
                return self.compiled.match(text)
        return self.bounded.match(text, timeout=REGEX_SECONDS)


def _regex_module_flags(flags: int) -> int:
    """The ``regex`` module's flags for ``re`` flags (their ASCII bits differ)."""
    import regex

    table = {
        re.IGNORECASE: regex.IGNORECASE,
        re.MULTILINE: regex.MULTILINE,
        re.DOTALL: regex.DOTALL,
        re.VERBOSE: regex.VERBOSE,
        re.ASCII: regex.ASCII,
        re.UNICODE: regex.UNICODE,
    }
    return sum(int(v) for k, v in table.items() if flags & k)


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
    replaces: tuple[str, ...] = ()
    """Ids of the rules this one took over (``replaces:``): they still name it in suppressions and settings."""
    part: int = 0
    """For a table rule, which entry this is (every entry is one Rule with the same id; part 0 holds the examples)."""

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
