"""The LanguageTool rule ids and categories cleaner knows offline, without a server."""

from __future__ import annotations

from cleaner.checks.languagetool.known import (
    LANGUAGETOOL,
    PIVOT,
    known_categories,
    known_rule_engines,
    pivot_rule_ids,
)
from cleaner.checks.languagetool.mapping import category_names
from cleaner.checks.languagetool.measured_selection import MEASURED_OFF, MEASURED_ON
from cleaner.checks.languagetool.pivot_rules import PIVOT_RULES
from cleaner.checks.languagetool.selection import HAND_PICKED_DISABLED


def test_pivot_rule_ids_are_cleaners_xml_rules_and_belong_to_the_pivot_engine() -> None:
    ids = pivot_rule_ids()
    assert ids and set(ids) == set(PIVOT_RULES)
    engines = known_rule_engines()
    assert all(engines[rule] == PIVOT for rule in ids)


def test_the_selection_lists_ids_are_languagetools_and_wildcards_are_left_out() -> None:
    engines = known_rule_engines()
    named = HAND_PICKED_DISABLED | MEASURED_OFF | MEASURED_ON
    exact = {rule for rule in named if "*" not in rule} - set(PIVOT_RULES)
    assert exact and all(engines[rule] == LANGUAGETOOL for rule in exact)
    assert not any("*" in rule for rule in engines)
    assert set(engines) == exact | set(PIVOT_RULES)  # nothing cleaner does not name itself


def test_known_categories_are_cleaners_not_languagetools_own() -> None:
    categories = known_categories()
    assert category_names() <= categories
    assert {info.category for info in PIVOT_RULES.values()} <= categories
    assert "TYPOS" not in categories and "spelling" in categories  # TYPOS is LanguageTool's id for spelling
