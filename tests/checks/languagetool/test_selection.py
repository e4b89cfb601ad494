import pytest

from cleaner.checks.languagetool.selection import (
    is_british_spelling,
    keep_match,
)
from cleaner.checks.languagetool.settings import LanguageToolSettings


@pytest.mark.parametrize(
    ("word", "suggested"),
    [
        ("programme", ["program", "programmer"]),
        ("travellers", ["travelers"]),
        ("offences", ["offenses"]),
        ("honour", ["honor"]),
        ("criticised", ["criticized"]),
        ("theatre", ["theater"]),
        ("behaviour", ["behavior"]),
        ("enrol", ["enroll"]),
        ("yoghurt", ["yogurt"]),
        ("sceptical", ["skeptical"]),
        ("practise", ["practice"]),
        ("randomised", ["randomized", "randomize"]),
    ],
)
def test_british_spellings_are_recognised(word, suggested):
    assert is_british_spelling(word, suggested)


@pytest.mark.parametrize(
    ("word", "suggested"),
    [
        ("staller", ["smaller", "stalled"]),
        ("ccording", ["according"]),
        ("goed", ["good"]),
        ("goverment", ["government"]),
    ],
)
def test_real_misspellings_are_not_british(word, suggested):
    assert not is_british_spelling(word, suggested)


def test_spelling_filters():
    spell = "MORFOLOGIK_RULE_EN_US"
    assert not keep_match(spell, "Kilcher", ["Kilter"])
    assert not keep_match(spell, "KCNA", ["KNA"])
    assert not keep_match(spell, "programme", ["program"])
    assert keep_match(spell, "staller", ["smaller", "stalled"])
    assert keep_match(spell, "Kilcher", ["Kilter"], skip_names=False)
    assert keep_match("EN_SPECIFIC_CASE", "President XI", ["President Xi"])  # not a spelling rule


def test_prefixes_drop_whole_rule_families():
    prefixes = LanguageToolSettings().rule_prefixes()
    assert prefixes == ("EN_DIACRITICS_REPLACE_",)
    assert not keep_match("EN_DIACRITICS_REPLACE_ORTHOGRAPHY_DEMBELE", "Dembele", ["Dembélé"], prefixes)
