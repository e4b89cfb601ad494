import json

import pytest
from language_tool_python import Match

from cleaner.checks.languagetool.mapping import (
    LTMatch,
    category_of,
    confidence_of,
    from_library,
    from_raw,
    index_to_utf16,
    severity_of,
    to_finding,
    utf16_to_index,
)
from cleaner.findings.finding import Severity
from tests.support.languagetool import DATA


def _recorded():
    data = json.loads((DATA / "check_emoji.json").read_text(encoding="utf-8"))
    return data["request"]["text"], data["response"]["matches"]


@pytest.mark.parametrize(
    ("text", "index"),
    [("abc", 2), ("😀 go", 2), ("😀 go", 4), ("a🧒🏽b", 3), ("a🧒🏽b", 4), ("", 0)],
)
def test_utf16_round_trip(text, index):
    unit = index_to_utf16(text, index)
    assert unit == len(text[:index].encode("utf-16-le")) // 2
    assert utf16_to_index(text, unit) == index


def test_recorded_response_offsets_land_on_the_flagged_words():
    text, raw = _recorded()
    found = {m.rule_id: text[m.start : m.end] for m in (from_raw(r, text) for r in raw)}
    assert found == {
        "HE_VERB_AGR": "go",
        "AGREEMENT_SENT_START": "has",
        "MORFOLOGIK_RULE_EN_US": "calll",
        "EN_SPECIFIC_CASE": "President XI",
    }


def test_library_matches_give_the_same_spans_as_the_raw_json():
    text, raw = _recorded()
    for r in raw:
        via_library = from_library(Match(json.loads(json.dumps(r)), text), text)
        assert via_library == from_raw(r, text)


def test_a_span_containing_astral_characters_keeps_its_length():
    text = "x 🧒🏽 y"
    raw = {
        "offset": 2,
        "length": 4,
        "message": "m",
        "replacements": [{"value": "kid"}],
        "context": {"text": text, "offset": 2, "length": 4},
        "rule": {"id": "R", "issueType": "typographical", "category": {"id": "TYPOGRAPHY"}},
    }
    assert text[from_raw(raw, text).start : from_raw(raw, text).end] == "🧒🏽"
    lib = from_library(Match(dict(raw, rule=dict(raw["rule"])), text), text)
    assert text[lib.start : lib.end] == "🧒🏽"


def _m(rule_id="X", category="GRAMMAR", issue="grammar", replacements=("a",)):
    return LTMatch(rule_id, category, issue, "msg", 0, 2, tuple(replacements))


def test_categories_severity_confidence():
    assert category_of(_m("HE_VERB_AGR")) == "agreement"
    assert category_of(_m("REPEATED_VERBS")) == "grammar"
    assert category_of(_m("ENGLISH_WORD_REPEAT_RULE", "MISC", "duplication")) == "mt-artifact"
    assert category_of(_m("MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling")) == "spelling"
    assert category_of(_m("SOMETHING_NEW", "UNKNOWN_CATEGORY", "style")) == "style"
    assert severity_of(_m()) is Severity.MINOR
    assert severity_of(_m("X", "GRAMMAR", "uncategorized")) is Severity.MINOR
    assert severity_of(_m("X", "TYPOGRAPHY", "whitespace")) is Severity.INFO
    assert confidence_of(_m("X", "MISC", "duplication")) == 0.85
    assert confidence_of(_m(replacements=("a", "b"))) == pytest.approx(0.6)
    assert confidence_of(_m(replacements=())) <= 0.5


def test_to_finding_uses_document_offsets():
    text = "Title\nHe go home."
    f = to_finding(LTMatch("HE_VERB_AGR", "GRAMMAR", "grammar", "msg", 3, 5, ("goes",)), 6, text)
    assert (f.start, f.end, f.text, f.engine, f.rule_id) == (9, 11, "go", "languagetool", "HE_VERB_AGR")
    assert f.replacements == ("goes",)


def test_json_round_trip():
    m = _m(replacements=("a", "b"))
    assert LTMatch.from_json(json.loads(json.dumps(m.to_json()))) == m
