"""The fix stage: Findings → FixPlan (edits and suggestions, linked to findings by id) → corrected text."""

from cleaner.fixes.apply import StalePlanError, apply_plan, corrected_text, output_spans
from cleaner.fixes.plan import DEFAULT_THRESHOLD, Edit, FixPlan, Suggestion, plan_fixes, propose_edit, smallest_edit
from cleaner.fixes.prose import CROSSES_MARKUP

__all__ = [
    "CROSSES_MARKUP",
    "DEFAULT_THRESHOLD",
    "Edit",
    "FixPlan",
    "StalePlanError",
    "Suggestion",
    "apply_plan",
    "corrected_text",
    "output_spans",
    "plan_fixes",
    "propose_edit",
    "smallest_edit",
]
