"""The matcher: one pass, word boundaries, typography, context, overlaps, casing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cleaner.checks.rules.compiler import compile_rules
from cleaner.checks.rules.loader import load_rules
from cleaner.checks.rules.matcher import RuleChecker
from cleaner.document.document import Document
from cleaner.findings.finding import Finding

RULES = """\
classes:
  nat: [Chinese, South Korean]
rules:
  - id: PRICING
    match: "pricing {talks|negotiations}"
    replace: "trade {2}"
    message: "tarif"
    category: mistranslation
    severity: major
    confidence: 0.9
    examples:
      - bad: "More pricing talks."
        good: "More trade talks."
  - id: CHIEF
    match: "$nat chief"
    replace: "{1} leader"
    when:
      not_followed_by: [executive, "of staff"]
    message: "chef"
    category: title
    severity: major
    confidence: 0.9
    examples:
      - bad: "Chinese chief Xi spoke."
        good: "Chinese leader Xi spoke."
  - id: PRICES
    match: "$num% prices"
    replace: "{1}% {tariff:3}"
    when:
      near: [products, imports, "re:(?i)\\\\btariffs?\\\\b"]
      not_near: [oil]
    message: "tarifs"
    category: mistranslation
    severity: major
    confidence: 0.9
    examples:
      - bad: "He cut his 145% prices on Chinese products."
        good: "He cut his 145% tariffs on Chinese products."
  - id: RATE_RATES
    match: "=rate =rates"
    replace: "rates"
    message: "doubled"
    category: mt-artifact
    severity: minor
    confidence: 0.9
    examples:
      - bad: "They cut their rate rates."
        good: "They cut their rates."
  - id: WINDOWED
    match: "the couple"
    replace: "the two leaders"
    when:
      near: [trade]
      window: 3
    message: "couple"
    category: mistranslation
    severity: minor
    confidence: 0.5
    examples:
      - bad: "The couple discussed trade."
        good: "The two leaders discussed trade."
  - id: CONCLUDE
    match: "conclude {an agreement|a deal}"
    replace: "{reach:1} {2}"
    message: "conclure"
    category: calque
    severity: minor
    confidence: 0.8
    examples:
      - bad: "They concluded a deal."
        good: "They reached a deal."
  - id: AGREEMENT_LONG
    match: "conclude an agreement with"
    replace: "reach an agreement with"
    message: "longer"
    category: calque
    severity: minor
    confidence: 0.8
    examples:
      - bad: "Hard to conclude an agreement with him."
        good: "Hard to reach an agreement with him."
  - id: HAS_AFTER_PLURAL
    regex: '\\b(?:talks|negotiations) between [^,.]{3,60}? (?P<flag>has)\\b'
    replace: "have"
    skip: quote
    message: "agreement"
    category: agreement
    severity: major
    confidence: 0.8
    examples:
      - bad: "Negotiations between the two countries has stalled."
        good: "Negotiations between the two countries have stalled."
"""


@pytest.fixture(scope="module")
def checker(tmp_path_factory: pytest.TempPathFactory) -> RuleChecker:
    folder = tmp_path_factory.mktemp("matcher")
    (folder / "r.yaml").write_text(RULES, encoding="utf-8")
    return RuleChecker(compile_rules(load_rules([folder])))


def run(checker: RuleChecker, text: str) -> list[Finding]:
    return list(checker.check(Document.from_text(text)))


def ids(checker: RuleChecker, text: str) -> list[str]:
    return [f.rule_id for f in run(checker, text)]


def test_offsets_are_str_indices_into_the_text(checker: RuleChecker) -> None:
    text = "😀 Emoji first, then pricing talks."
    (f,) = run(checker, text)
    assert text[f.start : f.end] == f.text == "pricing talks"


def test_case_insensitive_with_case_preserving_replacement(checker: RuleChecker) -> None:
    (f,) = run(checker, "Pricing Negotiations resumed.")
    assert f.replacements == ("Trade Negotiations",)
    (g,) = run(checker, "PRICING TALKS RESUME")
    assert g.replacements == ("TRADE TALKS",)


def test_word_boundaries(checker: RuleChecker) -> None:
    assert ids(checker, "They set separate rates.") == []
    assert ids(checker, "They cut their rate rates.") == ["RATE_RATES"]
    assert ids(checker, "Repricing talks.") == []


def test_typography_curly_quotes_and_nbsp(checker: RuleChecker) -> None:
    assert ids(checker, "More pricing\u00a0talks.") == ["PRICING"]
    assert ids(checker, "“Chinese chief” Xi.") == ["CHIEF"]


def test_not_followed_by(checker: RuleChecker) -> None:
    assert ids(checker, "The Chinese chief executive resigned.") == []
    assert ids(checker, "The South Korean chief of staff spoke.") == []
    assert ids(checker, "The South Korean chief spoke.") == ["CHIEF"]


def test_near_and_not_near_in_the_sentence(checker: RuleChecker) -> None:
    assert ids(checker, "He cut 145% prices on imports.") == ["PRICES"]
    assert ids(checker, "Oil rose while 5% prices on imports fell.") == []
    assert ids(checker, "He cut 145% prices. Imports fell.") == []
    assert ids(checker, "New tariffs: 25% prices apply.") == ["PRICES"]


def test_window(checker: RuleChecker) -> None:
    assert ids(checker, "The couple then discussed trade.") == ["WINDOWED"]
    assert ids(checker, "The couple then went home and later discussed trade.") == []


def test_inflected_match_and_inflected_replacement(checker: RuleChecker) -> None:
    (f,) = run(checker, "They concluded an agreement.")
    assert f.replacements == ("reached an agreement",)


def test_longest_match_wins(checker: RuleChecker) -> None:
    (f,) = run(checker, "Hard to conclude an agreement with Xi.")
    assert f.rule_id == "AGREEMENT_LONG"


def test_regex_flag_group_flags_only_the_verb(checker: RuleChecker) -> None:
    (f,) = run(checker, "Trade negotiations between the United States and China has stalled.")
    assert (f.text, f.replacements) == ("has", ("have",))


def test_scope_skip_quote(checker: RuleChecker) -> None:
    assert ids(checker, "He said “talks between the two sides has failed” on Monday.") == []


def test_no_match_across_paragraphs(checker: RuleChecker) -> None:
    assert ids(checker, "We discussed pricing\ntalks later.") == []


def test_finding_fields(checker: RuleChecker) -> None:
    (f,) = run(checker, "More pricing talks.")
    assert (f.engine, f.category, f.severity.value, f.confidence) == ("rules", "mistranslation", "major", 0.9)


def test_disabled_rules(tmp_path: Path, write_rules: Callable[[str], Path]) -> None:
    compiled = compile_rules(load_rules([write_rules(RULES)]))
    assert list(RuleChecker(compiled, frozenset({"PRICING"})).check(Document.from_text("pricing talks"))) == []


@pytest.fixture(scope="module")
def judged(checker: RuleChecker) -> RuleChecker:
    return RuleChecker(checker.compiled, unconfirmed=True)


def test_a_match_without_its_near_words_is_left_out_unless_a_judge_will_read_it(
    checker: RuleChecker, judged: RuleChecker
) -> None:
    text = "The shop raised its 20% prices again."
    assert run(checker, text) == []
    (f,) = run(judged, text)
    assert (f.rule_id, f.text, f.unconfirmed) == ("PRICES", "20% prices", True)


def test_a_not_near_word_rules_a_match_out_even_for_a_judge(judged: RuleChecker) -> None:
    assert run(judged, "Oil firms raised their 20% prices again.") == []


def test_a_match_with_its_near_words_is_confirmed(judged: RuleChecker) -> None:
    (f,) = run(judged, "He cut his 145% prices on Chinese products.")
    assert not f.unconfirmed


OVERLAPPING = """\
rules:
  - id: LONG_UNSURE
    match: "pricing talks"
    replace: "trade talks"
    when:
      near: [tariffs]
    message: "tarif"
    category: mistranslation
    severity: major
    confidence: 0.9
    examples:
      - bad: "The pricing talks on tariffs."
        good: "The trade talks on tariffs."
  - id: SHORT_SURE
    match: "talks talks"
    replace: "talks"
    message: "doubled"
    category: mt-artifact
    severity: minor
    confidence: 0.9
    examples:
      - bad: "The talks talks ended."
        good: "The talks ended."
"""


def test_an_unconfirmed_match_never_takes_the_place_of_a_confirmed_one(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(OVERLAPPING, encoding="utf-8")
    judged = RuleChecker(compile_rules(load_rules([tmp_path])), unconfirmed=True)
    found = run(judged, "The pricing talks talks ended.")
    assert [(f.rule_id, f.unconfirmed) for f in found] == [("SHORT_SURE", False)]
    assert [(f.rule_id, f.unconfirmed) for f in run(judged, "The pricing talks ended.")] == [("LONG_UNSURE", True)]


def test_whole_forms_and_anchor_checks_find_the_same_matches(
    tmp_path: Path, checker: RuleChecker, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cleaner.checks.rules import compiler

    (tmp_path / "r.yaml").write_text(RULES, encoding="utf-8")
    monkeypatch.setattr(compiler, "FULL_FORMS", 0)
    anchored = RuleChecker(compile_rules(load_rules([tmp_path])))
    assert not anchored.compiled.owners and checker.compiled.owners  # the two really compile differently
    words = [
        "pricing",
        "talks",
        "negotiations",
        "Chinese",
        "South",
        "Korean",
        "chief",
        "executive",
        "145",
        "%",
        "prices",
        "imports",
        "the",
        "couple",
    ]
    texts = [
        " ".join(words[i:] + words[:i]) + ". They concluded a deal, and conclude an agreement with him."
        for i in range(len(words))
    ]
    for text in texts:
        assert run(anchored, text) == run(checker, text)
        assert run(checker, text)
