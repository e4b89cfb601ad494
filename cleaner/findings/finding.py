"""Finding: the one currency between checkers, fixes and reports; and the merge step.

Checkers only yield Findings.  Policy (merging overlaps between engines,
ordering) lives here so that no checker needs to know of another.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from cleaner.document.spans import Span


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

ENGINE_PRECEDENCE = ("rules", "names", "languagetool")


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


def _precedence(f: Finding) -> int:
    try:
        return ENGINE_PRECEDENCE.index(f.engine)
    except ValueError:
        return len(ENGINE_PRECEDENCE)


def merge(findings: Iterable[Finding]) -> list[Finding]:
    """Merge findings of different engines that cover the same span; sort by position.

    Findings of different engines whose spans overlap with at least half of the
    shorter one are the same problem seen twice: the one of the engine with
    higher precedence (rules > names > languagetool) is kept, carrying the
    other's message and any replacements it lacked.  Findings of one engine are
    never merged with each other; each engine resolves its own overlaps.
    """
    result: list[Finding] = []
    for cluster in _overlapping_clusters(findings):
        kept: list[Finding] = []
        for f in sorted(cluster, key=lambda f: (_precedence(f), f.sort_key())):
            for i, k in enumerate(kept):
                if k.engine != f.engine and _same_problem(k.span, f.span):
                    kept[i] = _absorb(k, f)
                    break
            else:
                kept.append(f)
        result.extend(kept)
    return sorted(result, key=Finding.sort_key)


def _overlapping_clusters(findings: Iterable[Finding]) -> Iterable[list[Finding]]:
    """Groups of findings whose spans chain together by overlap (a sweep, O(n log n))."""
    cluster: list[Finding] = []
    reach = -1
    for f in sorted(findings, key=Finding.sort_key):
        if cluster and f.start >= reach:
            yield cluster
            cluster = []
        cluster.append(f)
        reach = max(reach, f.end) if len(cluster) > 1 else f.end
    if cluster:
        yield cluster


def _same_problem(a: Span, b: Span) -> bool:
    if a == b:
        return True
    overlap = min(a.end, b.end) - max(a.start, b.start)
    shorter = min(len(a), len(b))
    return shorter > 0 and overlap * 2 >= shorter


def _absorb(keep: Finding, other: Finding) -> Finding:
    extra = tuple(r for r in other.replacements if r not in keep.replacements)
    message = keep.message if other.message in keep.message else f"{keep.message} [{other.engine}: {other.message}]"
    return replace(
        keep,
        message=message,
        replacements=keep.replacements + extra if not keep.replacements else keep.replacements,
        severity=keep.severity if keep.severity.at_least(other.severity) else other.severity,
        confidence=max(keep.confidence, other.confidence),
        also=(*keep.also, f"{other.engine}:{other.rule_id}", *other.also),
    )
