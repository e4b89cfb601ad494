"""FixPlan: which findings become edits, and applying them.

Planning and applying are pure functions.  An edit replaces exactly the
characters of its finding's span; everything outside the spans is copied
unchanged.  Findings that are not confident enough, have no replacement, or
collide with a better edit are kept as suggestions, never dropped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cleaner.errors import CleanerError
from cleaner.findings import Finding
from cleaner.spans import Span

DEFAULT_THRESHOLD = 0.8


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``before`` (the text at ``span``) by ``after``, because of ``finding``."""

    span: Span
    before: str
    after: str
    finding: Finding


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A finding that was not applied, and why."""

    finding: Finding
    reason: str


@dataclass(frozen=True, slots=True)
class FixPlan:
    """Non-overlapping edits in text order, plus the suggestions left for a human."""

    source: str
    edits: tuple[Edit, ...]
    suggestions: tuple[Suggestion, ...]
    threshold: float = DEFAULT_THRESHOLD


class StalePlanError(CleanerError):
    """The text no longer holds what the plan was made for."""


def plan_fixes(source: str, findings: Iterable[Finding], threshold: float = DEFAULT_THRESHOLD) -> FixPlan:
    """Choose edits: confident findings with a replacement, best first, never overlapping.

    Candidates are taken in order of severity, then confidence, then longer
    span first; one is applied when it overlaps no edit already chosen.
    """
    edits: list[Edit] = []
    suggestions: list[Suggestion] = []
    taken: list[Span] = []
    ranked = sorted(findings, key=lambda f: (-f.severity.rank, -f.confidence, -len(f.span), f.sort_key()))
    for f in ranked:
        best = f.best_replacement
        if best is None:
            suggestions.append(Suggestion(f, "no replacement proposed"))
        elif f.confidence < threshold:
            suggestions.append(Suggestion(f, f"confidence {f.confidence:.2f} below threshold {threshold:.2f}"))
        elif best == f.text:
            suggestions.append(Suggestion(f, "replacement equals the original text"))
        elif any(f.span.overlaps(t) for t in taken):
            suggestions.append(Suggestion(f, "overlaps another edit"))
        else:
            edits.append(Edit(f.span, f.text, best, f))
            taken.append(f.span)
    edits.sort(key=lambda e: (e.span.start, e.span.end))
    suggestions.sort(key=lambda s: s.finding.sort_key())
    return FixPlan(source, tuple(edits), tuple(suggestions), threshold)


def apply_plan(text: str, plan: FixPlan) -> str:
    """The text with every edit of the plan applied.

    Applying a plan to its own output returns that output unchanged, so a
    fix can safely be run twice.  Any other text raises
    :class:`StalePlanError`: a plan is never applied to text it was not made for.
    """
    if text == plan.source:
        return corrected_text(plan)
    if text == corrected_text(plan):
        return text
    raise StalePlanError("the text changed since the fixes were planned")


def corrected_text(plan: FixPlan) -> str:
    """The plan's source with its edits spliced in."""
    parts: list[str] = []
    pos = 0
    for e in plan.edits:
        parts.append(plan.source[pos : e.span.start])
        parts.append(e.after)
        pos = e.span.end
    parts.append(plan.source[pos:])
    return "".join(parts)


def output_spans(plan: FixPlan) -> list[tuple[Edit, Span]]:
    """Each edit with the span its replacement occupies in the corrected text."""
    shift = 0
    out: list[tuple[Edit, Span]] = []
    for e in plan.edits:
        start = e.span.start + shift
        out.append((e, Span(start, start + len(e.after))))
        shift += len(e.after) - len(e.before)
    return out
