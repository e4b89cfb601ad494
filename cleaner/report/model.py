"""Derived values every article report shows, computed once from an ArticleResult.

The HTML page, its JSON twin and the index all read these; none of them
counts, numbers or classifies findings on its own.  Findings carry their
number (``Finding.id``: 1, 2, 3 … in text order), and each is either
*applied* (an edit of the fix plan names it) or *suggested* (a suggestion
names it, with the reason).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cleaner.document import Span
from cleaner.findings import Finding, Severity
from cleaner.fixes import Edit, Suggestion, propose_edit
from cleaner.pipeline import ArticleResult

APPLIED = "applied"
SUGGESTED = "suggested"

GARBLE_SCORE_EXPLAINED = (
    "Findings weighted by severity (major 5, minor 1, info 0.1) per 100 words of prose; "
    "0 is clean, higher is more garbled. It counts every finding, applied or not."
)


@dataclass(frozen=True, slots=True)
class Status:
    """What the fix plan did with one finding."""

    id: int
    finding: Finding
    status: str
    """:data:`APPLIED` or :data:`SUGGESTED`."""
    edit: Edit | None
    suggestion: Suggestion | None

    @property
    def reason(self) -> str | None:
        return self.suggestion.reason if self.suggestion else None

    @property
    def alternatives(self) -> tuple[str, ...]:
        """Replacements other than the one applied (all of them for a suggestion)."""
        return self.edit.alternatives if self.edit else self.finding.replacements


@dataclass(frozen=True, slots=True)
class Counts:
    """How many findings, of what kind, and what the plan did with them."""

    findings: int
    applied: int
    suggested: int
    by_severity: dict[str, int]
    by_category: dict[str, int]
    by_engine: dict[str, int]

    def as_dict(self) -> dict[str, object]:
        return {
            "findings": self.findings,
            "applied": self.applied,
            "suggested": self.suggested,
            "by_severity": dict(self.by_severity),
            "by_category": dict(self.by_category),
            "by_engine": dict(self.by_engine),
        }


def statuses(result: ArticleResult) -> list[Status]:
    """Every finding of ``result``, numbered from 1, with what the fix plan did with it."""
    edits = {e.finding_id: e for e in result.plan.edits}
    suggestions = {s.finding_id: s for s in result.plan.suggestions}
    out: list[Status] = []
    for f in result.findings:
        edit = edits.get(f.id)
        out.append(Status(f.id, f, APPLIED if edit else SUGGESTED, edit, None if edit else suggestions.get(f.id)))
    return out


@dataclass(frozen=True, slots=True)
class Choice:
    """The edit an editor accepts for one finding: ``after`` replaces ``span`` of the original text."""

    span: Span
    after: str

    def as_dict(self) -> dict[str, object]:
        return {"start": self.span.start, "end": self.span.end, "after": self.after}


def choice(result: ArticleResult, s: Status) -> Choice | None:
    """What accepting ``s`` changes: the plan's edit, or a suggestion's first replacement fitted to the prose.

    None when there is nothing safe to accept (no replacement, or one that would change markup).
    """
    if s.edit is not None:
        return Choice(s.edit.span, s.edit.after)
    if not s.finding.replacements:
        return None
    edit = propose_edit(result.document, s.finding, s.finding.replacements[0])
    return Choice(edit.span, edit.after) if edit else None


def counts(result: ArticleResult) -> Counts:
    """Counts by severity (major, minor, info), category and engine; applied and suggested."""
    found = statuses(result)
    by_severity = Counter(s.finding.severity.value for s in found)
    return Counts(
        findings=len(found),
        applied=sum(1 for s in found if s.status == APPLIED),
        suggested=sum(1 for s in found if s.status == SUGGESTED),
        by_severity={sev.value: by_severity[sev.value] for sev in Severity},
        by_category=_sorted_counts(Counter(s.finding.category for s in found)),
        by_engine=_sorted_counts(Counter(s.finding.engine for s in found)),
    )


def total(all_counts: Sequence[Counts]) -> Counts:
    """The sum of several articles' counts."""
    by_severity: Counter[str] = Counter()
    by_category: Counter[str] = Counter()
    by_engine: Counter[str] = Counter()
    for c in all_counts:
        by_severity.update(c.by_severity)
        by_category.update(c.by_category)
        by_engine.update(c.by_engine)
    return Counts(
        findings=sum(c.findings for c in all_counts),
        applied=sum(c.applied for c in all_counts),
        suggested=sum(c.suggested for c in all_counts),
        by_severity={sev.value: by_severity[sev.value] for sev in Severity},
        by_category=_sorted_counts(by_category),
        by_engine=_sorted_counts(by_engine),
    )


def _sorted_counts(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def display_name(result: ArticleResult) -> str:
    """The article's file name as shown to editors."""
    return "standard input" if result.source.is_stdin else Path(result.path).name


def worst_first(results: Sequence[ArticleResult]) -> list[ArticleResult]:
    """Articles ordered by garble score, highest first (then by path)."""
    return sorted(results, key=lambda r: (-r.garble_score, r.path))


def score_level(score: float) -> str:
    """The level of a garble score: low (under 1), medium (under 5, about one major problem per 100 words), high."""
    if score < 1:
        return "low"
    return "medium" if score < 5 else "high"
