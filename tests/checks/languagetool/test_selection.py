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


def test_accepted_terms_are_never_spelling_matches():
    from cleaner.findings import Vocabulary

    accepted = Vocabulary(accept=("Kilcher", "(?i)wilaya")).accepts
    assert not keep_match("MORFOLOGIK_RULE_EN_US", "Kilcher", ["Kilter"], skip_names=False, accepted=accepted)
    assert not keep_match("MORFOLOGIK_RULE_EN_US", "WILAYA", ["Malaya"], accepted=accepted)
    assert keep_match("MORFOLOGIK_RULE_EN_US", "Kilchers", ["Kilter"], skip_names=False, accepted=accepted)
    assert keep_match("HE_VERB_AGR", "Kilcher", ["x"], accepted=accepted)  # other rules are not spelling


@pytest.mark.languagetool
def test_an_accepted_name_is_not_spell_flagged_by_the_real_server(lt_server, tmp_path, capsys):
    """With the name filter off, LanguageTool flags "Kilcher"; once accepted, the name is not flagged."""
    import json

    from tests.support.article_kit import run_cli

    article = tmp_path / "a.md"
    article.write_text("Yesterday Kilcher said the talks would resume next week.\n", encoding="utf-8")
    config = tmp_path / ".cleaner.toml"

    def spelled(accept: str) -> set[str]:
        config.write_text(f"{accept}\n[languagetool]\nskip-names-in-spelling = false\n", encoding="utf-8")
        code, out, err = run_cli(
            capsys, "lint", str(article), "--require-languagetool", "--fluency", "off", "--format", "json"
        )
        assert code in (0, 1), err
        findings = json.loads(out)["files"][0]["findings"]
        return {f["text"] for f in findings if f["rule_id"].startswith("MORFOLOGIK_RULE_")}

    assert "Kilcher" in spelled("")
    assert "Kilcher" not in spelled('accept = ["Kilcher"]')
