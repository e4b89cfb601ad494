"""The LanguageTool rule ids and categories cleaner knows offline: its own XML rules and its selection lists.

LanguageTool has thousands of rules; only the ones cleaner itself names are
listed here (the rest are trusted by shape, see :mod:`cleaner.findings.rule_ids`).
"""

from __future__ import annotations

from cleaner.checks.languagetool.mapping import category_names
from cleaner.checks.languagetool.measured_selection import MEASURED_OFF, MEASURED_ON
from cleaner.checks.languagetool.pivot_rules import PIVOT_RULES
from cleaner.checks.languagetool.selection import HAND_PICKED_DISABLED

LANGUAGETOOL = "languagetool"
PIVOT = "pivot"


def pivot_rule_ids() -> tuple[str, ...]:
    """The ids of cleaner's XML rules: what the pivot checker declares it reports."""
    return tuple(PIVOT_RULES)


def known_rule_engines() -> dict[str, str]:
    """Rule id → engine (``pivot`` for cleaner's XML rules, ``languagetool`` for the ids its selection names)."""
    ids = {rule: LANGUAGETOOL for rule in HAND_PICKED_DISABLED | MEASURED_OFF | MEASURED_ON if "*" not in rule}
    ids.update((rule, PIVOT) for rule in pivot_rule_ids())
    return ids


def known_categories() -> frozenset[str]:
    """cleaner's categories for LanguageTool findings and its XML rules' (not LanguageTool's own category ids)."""
    return category_names() | {info.category for info in PIVOT_RULES.values()}
