"""FixPlan: which findings become edits.  The one planner of cleaner.

``cleaner fix``, the reports, SARIF and the rule examples all plan through
:func:`plan_fixes` (and SARIF's per-replacement fixes through
:func:`propose_edit`), so a rule example exercises exactly what ``fix`` does.
Planning is pure.  An edit replaces characters inside its finding's span
only; in a Markdown/HTML Document it is narrowed to prose (see
:mod:`cleaner.fixes.prose`).  Findings that are not confident enough, have no
replacement, or collide with a better edit are kept as suggestions, never
dropped.  Edits and suggestions name their finding by ``finding.id``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from cleaner.document import Document, Span
from cleaner.findings import Finding
from cleaner.fixes.prose import CROSSES_MARKUP, fit_to_prose

DEFAULT_THRESHOLD = 0.8


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``before`` (the text at ``span``) by ``after``, because of ``finding`` (never a copy of it)."""

    span: Span
    before: str
    after: str
    finding: Finding

    @property
    def finding_id(self) -> int:
        """The id of the finding this edit applies (unique within its article)."""
        return self.finding.id

    @property
    def replacement(self) -> str:
        """The replacement of the finding's whole text that this edit carries out."""
        best = self.finding.best_replacement
        return best if best is not None else self.after

    @property
    def alternatives(self) -> tuple[str, ...]:
        """The finding's other proposed replacements."""
        return tuple(r for r in self.finding.replacements if r != self.replacement)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A finding that was not applied, and why."""

    finding: Finding
    reason: str

    @property
    def finding_id(self) -> int:
        """The id of the finding left for a human (unique within its article)."""
        return self.finding.id


@dataclass(frozen=True, slots=True)
class FixPlan:
    """Non-overlapping edits in text order, plus the suggestions left for a human."""

    source: str
    edits: tuple[Edit, ...]
    suggestions: tuple[Suggestion, ...]
    threshold: float = DEFAULT_THRESHOLD


def plan_fixes(source: str | Document, findings: Iterable[Finding], threshold: float = DEFAULT_THRESHOLD) -> FixPlan:
    """Choose edits: confident findings with a replacement, best first, never overlapping.

    ``source`` is the article's text, or its Document: then each edit is fitted
    to the prose (markup is never changed; a finding whose edit would change
    it stays a suggestion).  Candidates are taken in order of severity, then
    confidence, then longer span first; one is applied when it overlaps no edit
    already chosen.  Every finding ends up exactly once, either as an edit or as
    a suggestion with the reason it was not applied.  A finding whose text is
    not what ``source`` holds at its span is never applied.
    """
    text = source.text if isinstance(source, Document) else source
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
        fit = None if best is None else _fitted(source, f, best)
        if f.span.end > len(text) or f.span.slice(text) != f.text:
            suggestions.append(Suggestion(f, "the article's text at this span differs from the finding's"))
        elif best is None:
            suggestions.append(Suggestion(f, "no replacement proposed"))
        elif fit is None:
            suggestions.append(Suggestion(f, CROSSES_MARKUP))
        elif f.confidence < threshold:
            suggestions.append(Suggestion(f, f"confidence {f.confidence:.2f} below threshold {threshold:.2f}"))
        elif fit[1] == fit[0].slice(text):
            suggestions.append(Suggestion(f, "replacement equals the original text"))
        elif _clashes(taken, fit[0]):
            suggestions.append(Suggestion(f, "overlaps another edit"))
        else:
            edits.append(_smallest(f, fit[0], fit[0].slice(text), fit[1]))
            bisect.insort(taken, (fit[0].start, fit[0].end))
    edits.sort(key=lambda e: (e.span.start, e.span.end))
    suggestions.sort(key=lambda s: s.finding.sort_key())
    return FixPlan(text, tuple(edits), tuple(suggestions), threshold)


def _clashes(taken: list[tuple[int, int]], span: Span) -> bool:
    """True when ``span`` overlaps (as :meth:`Span.overlaps`) one of the sorted, disjoint ``taken`` spans."""
    start, end = span.start, span.end
    i = bisect.bisect_left(taken, (start, -1))
    if i > 0 and taken[i - 1][1] > start:
        return True
    return i < len(taken) and taken[i][0] < max(end, start + 1)


def propose_edit(source: str | Document, f: Finding, replacement: str) -> Edit | None:
    """The edit that puts ``replacement`` in place of ``f`` (fitted to prose in a Document); None if it can't."""
    fit = _fitted(source, f, replacement)
    if fit is None:
        return None
    text = source.text if isinstance(source, Document) else source
    return _smallest(f, fit[0], fit[0].slice(text), fit[1])


def _fitted(source: str | Document, f: Finding, replacement: str) -> tuple[Span, str] | None:
    """The span the edit claims and the text it puts there."""
    if isinstance(source, Document):
        return fit_to_prose(source, f, replacement)
    return f.span, replacement


def smallest_edit(f: Finding, replacement: str) -> Edit:
    """The edit replacing ``f.text`` by ``replacement``, without the words both share.

    Whole words (and the spaces between them) common to the start or the end
    of both are left out of the edit, so "145% prices" → "145% tariffs"
    becomes "prices" → "tariffs" at the right place: the text that results is
    the same, and editors see only what changes.
    """
    return _smallest(f, f.span, f.text, replacement)


def _smallest(f: Finding, span: Span, old_text: str, replacement: str) -> Edit:
    """:func:`smallest_edit` of the text ``old_text`` at ``span`` (inside ``f``'s span)."""
    old, new = _WORDS.findall(old_text), _WORDS.findall(replacement)
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    start = span.start + sum(map(len, old[:head]))
    end = span.end - sum(map(len, old[len(old) - tail :]))
    before = "".join(old[head : len(old) - tail])
    after = "".join(new[head : len(new) - tail])
    return Edit(Span(start, end), before, after, f)


_WORDS = re.compile(r"\s+|[^\s]+")
