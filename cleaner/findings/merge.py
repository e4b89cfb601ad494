"""Merging: the same problem seen by two engines becomes one finding.

No checker needs to know of another; the order in which engines win comes
from the checker registry and is passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from cleaner.document import Span
from cleaner.findings.finding import Finding


def merge(findings: Iterable[Finding], precedence: Sequence[str]) -> list[Finding]:
    """Merge findings of different engines that cover the same span; sort by position.

    Findings of different engines whose spans overlap with at least half of the
    shorter one are the same problem seen twice: the one of the engine earlier
    in ``precedence`` (the checker registry's order: rules > names >
    languagetool) is kept, carrying the other's message and any replacements
    it lacked.  Findings of one engine are never merged with each other; each
    engine resolves its own overlaps.
    """
    rank = {engine: n for n, engine in enumerate(precedence)}
    result: list[Finding] = []
    for cluster in _overlapping_clusters(findings):
        kept: list[Finding] = []
        for f in sorted(cluster, key=lambda f: (rank.get(f.engine, len(rank)), f.sort_key())):
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
    """``keep`` carrying what ``other`` adds, with a confidence that belongs to the fix it now proposes.

    The confidence decides whether ``fix`` applies the first replacement, so it
    is the confidence of whoever proposes that replacement: the kept finding's,
    unless the other engine proposes the same first fix (agreement) or the kept
    finding had none of its own (then the other's fixes and confidence come along).
    """
    extra = tuple(r for r in other.replacements if r not in keep.replacements)
    message = keep.message if other.message in keep.message else f"{keep.message} [{other.engine}: {other.message}]"
    return replace(
        keep,
        message=message,
        replacements=keep.replacements or extra,
        severity=keep.severity if keep.severity.at_least(other.severity) else other.severity,
        confidence=_merged_confidence(keep, other),
        also=(*keep.also, f"{other.engine}:{other.rule_id}", *other.also),
    )


def _merged_confidence(keep: Finding, other: Finding) -> float:
    if not keep.replacements:
        return other.confidence if other.replacements else max(keep.confidence, other.confidence)
    if other.replacements and other.replacements[0] == keep.replacements[0]:
        return max(keep.confidence, other.confidence)
    return keep.confidence
