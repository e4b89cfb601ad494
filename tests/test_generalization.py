"""The rules generalize: the same garbles in other articles and countries are caught, and
correct English around the same trigger words is left alone. None of these sentences is a
rule example; they stand in for articles the rules were not written against."""

from __future__ import annotations

import pytest

from cleaner.checks.rules.api import load_checker
from cleaner.checks.rules.matcher import RuleChecker
from cleaner.document.document import Document

GARBLED = [
    ("French chief Macron met the Italian premier in Rome.", "French leader"),
    ("Talks with the chief of Russia ended without a deal.", "leader of Russia"),
    ("The South Korean chief said the summit went well.", "South Korean leader"),
    ("Brussels and Tokyo agreed to end their commercial war.", "trade war"),
    ("Canada's commercial deficit with Mexico widened in March.", "trade deficit"),
    ("Washington imposed 25% prices on Mexican steel imports.", "25% tariffs"),
    ("The pricing negotiations between India and the EU resumed.", "trade negotiations"),
    ("Both sides hope to conclude a deal before June.", "reach a deal"),
    ("In Brasília, the actual government has lost its majority.", "current government"),
    ("Officials met in order to assist to the ceremony.", "attend"),
    ("Unemployment rose, according to the statistical institute of Spain.", "Spain's statistics agency"),
    ("The requirements of Putins were rejected by Kyiv.", None),
    ("Germany posted a 12 billion euro commercial surplus.", "trade surplus"),
    ("The negotiations with the Japanese delegation has resumed.", "have"),
]

CLEAN = [
    "The chief executive of the bank resigned on Friday.",
    "Oil prices rose 2% on Tuesday after the OPEC meeting.",
    "The couple married in June and moved to Leeds.",
    "The court rejected the appeal on Monday.",
    "Police chief Maria Lopez said the suspect was arrested.",
    "Chief Justice John Roberts wrote the majority opinion.",
    "The company's commercial director left in May.",
    "Interest rates were left unchanged at 4.5%.",
    "Commercial flights resumed after the storm.",
    "The talks concluded late on Thursday.",
    "She attended the ceremony in Paris.",
    "Consumer prices rose 3% in the year to March.",
    "The White House did not immediately comment.",
    "Pope Pius XI signed the treaty in 1929.",
]


@pytest.fixture(scope="module")
def checker() -> RuleChecker:
    return load_checker()


@pytest.mark.parametrize(("sentence", "expected"), GARBLED, ids=[g[0][:40] for g in GARBLED])
def test_garble_in_unseen_context_is_caught(checker: RuleChecker, sentence: str, expected: str | None) -> None:
    found = list(checker.check(Document.from_text(sentence)))
    assert found, f"nothing flagged in {sentence!r}"
    if expected is not None:
        suggestions = [r for f in found for r in f.replacements]
        assert any(expected in r for r in suggestions), f"{sentence!r}: suggestions {suggestions}"


@pytest.mark.parametrize("sentence", CLEAN, ids=[c[:40] for c in CLEAN])
def test_correct_english_is_left_alone(checker: RuleChecker, sentence: str) -> None:
    found = [(f.rule_id, f.text) for f in checker.check(Document.from_text(sentence)) if f.severity.value != "info"]
    assert not found, f"false alarm in {sentence!r}: {found}"
