"""FixPlan: which findings become edits, and applying them.

Planning and applying are pure functions.  An edit replaces exactly the
characters of its finding's span; everything outside the spans is copied
unchanged.  Findings that are not confident enough, have no replacement, or
collide with a better edit are kept as suggestions, never dropped.
"""

from __future__ import annotations

import bisect
import re
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

    @property
    def replacement(self) -> str:
        """What replaces the finding's whole text (``after`` may leave out shared words)."""
        return (
            self.finding.text[: self.span.start - self.finding.start]
            + self.after
            + self.finding.text[len(self.finding.text) - (self.finding.end - self.span.end) :]
        )

    @property
    def alternatives(self) -> tuple[str, ...]:
        """The finding's other proposed replacements."""
        return tuple(r for r in self.finding.replacements if r != self.replacement)


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
    span first; one is applied when it overlaps no edit already chosen.  Every
    finding ends up exactly once, either as an edit or as a suggestion with the
    reason it was not applied.  A finding whose text is not what ``source``
    holds at its span is never applied.
    """
    edits: list[Edit] = []
    suggestions: list[Suggestion] = []
    # Chosen spans as sorted (start, end) pairs.  They never overlap one another, so a
    # candidate can only clash with the last span starting before it (reaching past its
    # start) or the first starting at or after it (starting before its end; for an empty
    # candidate: at its very position) -- two bisect probes instead of a scan.
    taken: list[tuple[int, int]] = []
    ranked = sorted(findings, key=lambda f: (-f.severity.rank, -f.confidence, -len(f.span), f.sort_key()))
    for f in ranked:
        best = f.best_replacement
        if f.span.end > len(source) or f.span.slice(source) != f.text:
            suggestions.append(Suggestion(f, "the article's text at this span differs from the finding's"))
        elif best is None:
            suggestions.append(Suggestion(f, "no replacement proposed"))
        elif f.confidence < threshold:
            suggestions.append(Suggestion(f, f"confidence {f.confidence:.2f} below threshold {threshold:.2f}"))
        elif best == f.text:
            suggestions.append(Suggestion(f, "replacement equals the original text"))
        elif _clashes(taken, f.span):
            suggestions.append(Suggestion(f, "overlaps another edit"))
        else:
            edits.append(smallest_edit(f, best))
            bisect.insort(taken, (f.span.start, f.span.end))
    edits.sort(key=lambda e: (e.span.start, e.span.end))
    suggestions.sort(key=lambda s: s.finding.sort_key())
    return FixPlan(source, tuple(edits), tuple(suggestions), threshold)


def _clashes(taken: list[tuple[int, int]], span: Span) -> bool:
    """True when ``span`` overlaps (as :meth:`Span.overlaps`) one of the sorted, disjoint ``taken`` spans."""
    start, end = span.start, span.end
    i = bisect.bisect_left(taken, (start, -1))
    if i > 0 and taken[i - 1][1] > start:
        return True
    return i < len(taken) and taken[i][0] < max(end, start + 1)


def smallest_edit(f: Finding, replacement: str) -> Edit:
    """The edit replacing ``f.text`` by ``replacement``, without the words both share.

    Whole words (and the spaces between them) common to the start or the end
    of both are left out of the edit, so "145% prices" → "145% tariffs"
    becomes "prices" → "tariffs" at the right place: the text that results is
    the same, and editors see only what changes.
    """
    old, new = _WORDS.findall(f.text), _WORDS.findall(replacement)
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    start = f.span.start + sum(map(len, old[:head]))
    end = f.span.end - sum(map(len, old[len(old) - tail :]))
    before = "".join(old[head : len(old) - tail])
    after = "".join(new[head : len(new) - tail])
    return Edit(Span(start, end), before, after, f)


_WORDS = re.compile(r"\s+|[^\s]+")


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
