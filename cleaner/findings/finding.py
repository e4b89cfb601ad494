"""Finding: the one currency between checkers, fixes and reports.

Checkers only yield Findings.  Once the findings of an article are final
(merged, filtered, suppressions applied) they are numbered: ``id`` 1, 2, 3 …
in text order, and every Edit and Suggestion of the fix plan names its
finding by that id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from cleaner.document import Span


class Severity(StrEnum):
    """How bad a finding is; ordered major > minor > info."""

    MAJOR = "major"
    MINOR = "minor"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def weight(self) -> float:
        """Weight in the garble score (MQM-like: major 5, minor 1, info 0.1)."""
        return _WEIGHT[self]

    def at_least(self, other: Severity) -> bool:
        return self.rank >= other.rank


_RANK = {Severity.INFO: 0, Severity.MINOR: 1, Severity.MAJOR: 2}
_WEIGHT = {Severity.INFO: 0.1, Severity.MINOR: 1.0, Severity.MAJOR: 5.0}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one span of an article, with its proposed replacements (best first)."""

    span: Span
    text: str
    rule_id: str
    engine: str
    category: str
    severity: Severity
    confidence: float
    message: str
    replacements: tuple[str, ...] = ()
    also: tuple[str, ...] = ()
    """``engine:rule_id`` of findings merged into this one."""
    unconfirmed: bool = False
    """The rule matched but its context words (``near:``) were missing: only a judge that reads the
    sentence (the fluency gate) can confirm it, and the pipeline drops it when none does."""
    id: int = 0
    """The finding's number within its article (1, 2, 3 … in text order); 0 until :func:`numbered`."""

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end

    @property
    def best_replacement(self) -> str | None:
        return self.replacements[0] if self.replacements else None

    def sort_key(self) -> tuple[int, int, str]:
        return (self.span.start, self.span.end, self.rule_id)


def numbered(findings: Iterable[Finding]) -> list[Finding]:
    """The article's final findings in text order, with ids 1, 2, 3 …"""
    ordered = sorted(findings, key=Finding.sort_key)
    return [replace(f, id=n) for n, f in enumerate(ordered, start=1)]
