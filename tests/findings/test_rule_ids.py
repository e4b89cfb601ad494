"""KnownIds: unknown ids are named with the closest known one; LanguageTool-shaped ids are trusted when it is on."""

from __future__ import annotations

from cleaner.findings.rule_ids import KnownIds

ENGINES = {"TRADE_PCT_PRICES_ON": "rules", "CLEANER_PIVOT_NO_ONLY": "pivot", "EN_UNPAIRED_QUOTES": "languagetool"}


def known(languagetool_on: bool) -> KnownIds:
    return KnownIds(ENGINES, frozenset({"mistranslation"}), languagetool_on)


def test_a_known_id_or_category_is_fine() -> None:
    assert known(False).problem("TRADE_PCT_PRICES_ON") is None
    assert known(False).problem("mistranslation", category_ok=True) is None
    assert known(False).problem("mistranslation") == "unknown rule id 'mistranslation'"


def test_a_typo_of_our_id_is_named_with_the_id_meant_even_when_languagetool_is_on() -> None:
    for on in (False, True):
        assert known(on).problem("TRADE_PCT_PRICE_ON") == (
            "unknown rule id 'TRADE_PCT_PRICE_ON'; did you mean 'TRADE_PCT_PRICES_ON'?"
        )


def test_languagetool_shaped_ids_are_trusted_only_while_languagetool_is_on() -> None:
    assert known(True).problem("EN_QUOTES") is None
    assert known(True).engine_of("EN_QUOTES") == "languagetool"
    assert known(False).problem("EN_QUOTES") == "unknown rule id 'EN_QUOTES'"
    assert known(False).problem("EN_QUOTES", languagetool_table=True) is None
    assert known(False).engine_of("EN_QUOTES") is None


def test_our_own_prefix_and_lower_case_ids_are_never_taken_for_languagetool() -> None:
    assert known(True).problem("CLEANER_PIVOT_NOPE") is not None
    assert known(True).problem("CLEANER_PIVOT_NO_ONLY") is None
    assert known(True).problem("fluency-pivot-snese") is not None
