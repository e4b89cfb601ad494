"""The pivot checker: cleaner's XML rules asked for alone, and reported as cleaner rules from the rule table."""

from __future__ import annotations

import pytest

from cleaner.checks.languagetool.checker import LanguageToolChecker
from cleaner.checks.languagetool.client import LTClient
from cleaner.checks.languagetool.custom_rules import CATEGORY, RULE_PREFIX
from cleaner.checks.languagetool.mapping import FALLBACK_RULE_INFO, LTMatch
from cleaner.checks.languagetool.pivot import PivotRulesChecker, pivot_settings
from cleaner.checks.languagetool.pivot_rules import PIVOT_RULES
from cleaner.checks.languagetool.settings import LanguageToolSettings
from cleaner.document import Document
from tests.support.languagetool import LT_DEFAULTS

TEXT = "Envoys from more that 130 countries attended."
THAT = TEXT.index("that")


def _mapped(m: LTMatch):
    # to_finding never asks the server: the checker's client is not needed to map a match
    checker = PivotRulesChecker(None, pivot_settings(LanguageToolSettings()))  # type: ignore[arg-type]
    return checker.to_finding(m, 100, " " * 100 + TEXT)


def test_stock_settings_switch_the_category_off_and_the_pivot_checker_asks_for_it_alone() -> None:
    stock = LanguageToolSettings(language="en-GB", max_heap="2g")
    assert "CLEANER_PIVOT" in stock.server_disabled_categories()
    assert not stock.wants_custom_rules
    pivot = pivot_settings(stock)
    assert pivot.wants_custom_rules and pivot.enabled_only and pivot.enabled_rules == frozenset()
    assert pivot.server_disabled_categories() == () and pivot.server_disabled_rules() == ()
    assert pivot.fingerprint() != stock.fingerprint()
    assert (pivot.language, pivot.max_heap) == ("en-GB", "2g")  # every other knob is the run's own


def test_a_match_becomes_a_rules_finding_trusted_as_the_table_says() -> None:
    info = PIVOT_RULES["CLEANER_PIVOT_THAN_THAT"]
    f = _mapped(LTMatch("CLEANER_PIVOT_THAN_THAT", CATEGORY, "grammar", "than?", THAT, THAT + 4, ("than",)))
    assert (f.engine, f.rule_id, f.text, f.span.start) == ("rules", "CLEANER_PIVOT_THAN_THAT", "that", 100 + THAT)
    assert (f.category, f.severity, f.confidence, f.replacements) == (
        info.category,
        info.severity,
        info.confidence,
        ("than",),
    )


def test_a_match_without_replacement_or_table_entry_is_trusted_less() -> None:
    assert PIVOT_RULES["CLEANER_PIVOT_THAN_THAT"].confidence > 0.5
    bare = _mapped(LTMatch("CLEANER_PIVOT_THAN_THAT", CATEGORY, "grammar", "than?", THAT, THAT + 4))
    assert bare.confidence == 0.5  # nothing to apply: never confident enough for fix
    unknown = _mapped(LTMatch("CLEANER_PIVOT_NEW", CATEGORY, "grammar", "new", THAT, THAT + 4, ("than",)))
    assert (unknown.severity, unknown.confidence) == (FALLBACK_RULE_INFO.severity, FALLBACK_RULE_INFO.confidence)


GARBLED = (
    "The body was found the Friday afternoon.\n"
    "Envoys from more that 130 countries attended.\n"
    "The vote will take place in Monday.\n"
)


@pytest.mark.languagetool
def test_pivot_findings_are_cleaner_rules_and_stock_languagetool_never_sees_them(lt_server, lt_settings):
    doc = Document.from_text(GARBLED)
    pivot = PivotRulesChecker(LTClient(pivot_settings(lt_settings)), pivot_settings(lt_settings)).check(doc)
    assert {(f.rule_id, f.text, f.replacements[0]) for f in pivot} >= {
        ("CLEANER_PIVOT_ARTICLE_WEEKDAY", "the Friday", "on Friday"),
        ("CLEANER_PIVOT_THAN_THAT", "that", "than"),
        ("CLEANER_PIVOT_PREP_WEEKDAY", "in Monday", "on Monday"),
    }
    assert all(f.engine == "rules" and f.rule_id in PIVOT_RULES for f in pivot)
    for settings in (lt_settings, LT_DEFAULTS):  # cleaner's selection and the "LanguageTool alone" baseline
        stock = LanguageToolChecker(LTClient(settings), settings).check(doc)
        assert stock, "stock LanguageTool should still find something here"
        assert not [f for f in stock if f.rule_id.startswith(RULE_PREFIX)]
        assert all(f.engine == "languagetool" for f in stock)
