"""Applying a FixPlan: splicing its edits into the text, idempotently.

Kept apart from planning so that every consumer (``cleaner fix``, the report,
the rule examples) applies plans the same way.
"""

from __future__ import annotations

from cleaner.document import Span
from cleaner.errors import CleanerError
from cleaner.fixes.plan import Edit, FixPlan


class StalePlanError(CleanerError):
    """The text no longer holds what the plan was made for."""


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
