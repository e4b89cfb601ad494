"""The name-consistency checker on real Documents: what it reports, what it leaves alone, and where."""

from __future__ import annotations

import pytest

from cleaner.checks.checker import Checker
from cleaner.checks.names import RULE_ID, NameConsistencyChecker, load_known_names
from cleaner.checks.registry import NAMES
from cleaner.document.document import Document
from cleaner.findings.finding import Finding, Severity


@pytest.fixture(scope="module")
def checker() -> NameConsistencyChecker:
    return NameConsistencyChecker()


def findings(checker: NameConsistencyChecker, text: str) -> list[Finding]:
    doc = Document.from_text(text)
    found = list(checker.check(doc))
    for f in found:
        assert doc.text[f.start : f.end] == f.text
    return found


def test_its_findings_carry_its_registry_name_as_their_engine(checker: NameConsistencyChecker) -> None:
    as_checker: Checker = checker
    (f,) = findings(checker, "Talks with XI began, and Xi said little.")
    assert f.engine == as_checker.name and as_checker.name in NAMES


def test_all_caps_minority_is_reported_with_the_majority_form(checker: NameConsistencyChecker) -> None:
    text = (
        "Trump and Chinese leader Xi Jinping spoke on Thursday.\n"
        "Trump had said earlier that it was difficult to reach an agreement with XI.\n"
        "I like President XI of China, Trump wrote.\n"
        "Treasury Secretary Scott Bessent said only a call between Trump and Xi could help.\n"
        "Trump and Xi had spoken in January, and Xi made this difficult, Trump said, after Xi left."
    )
    found = findings(checker, text)
    assert [f.text for f in found] == ["XI", "XI"]
    for f in found:
        assert f.replacements == ("Xi",)
        assert f.rule_id == RULE_ID
        assert f.engine == "names"
        assert f.category == "name"
        assert f.severity is Severity.MINOR
        assert 0.7 <= f.confidence <= 0.85
        assert f.message == "\u2018XI\u2019 is spelled \u2018Xi\u2019 5 times elsewhere in this article."


def test_misspelled_surname_is_reported(checker: NameConsistencyChecker) -> None:
    text = (
        "Treasury Secretary Scott Bessent met Chinese officials in Geneva.\n"
        "Officials said Bessent was optimistic, and Mr. Bessent flew home.\n"
        "A spokesman for Besent declined to comment."
    )
    found = findings(checker, text)
    assert len(found) == 1
    (f,) = found
    assert f.text == "Besent"
    assert f.replacements == ("Bessent",)
    assert "3 times" in f.message


def test_possessive_is_left_out_of_the_span(checker: NameConsistencyChecker) -> None:
    text = "Analysts said Bessent was right. Later Bessent spoke, and Besent's aides left."
    (f,) = findings(checker, text)
    assert f.text == "Besent"
    assert text[f.end :].startswith("'s aides")


def test_doubled_final_letter_between_known_spellings(checker: NameConsistencyChecker) -> None:
    text = "Talks with Zelensky resumed. Aides said Zelensky would go, but Zelenskyy stayed."
    (f,) = findings(checker, text)
    assert (f.text, f.replacements) == ("Zelenskyy", ("Zelensky",))


@pytest.mark.parametrize(
    "text",
    [
        "Officials from Iran met officials from Iraq, and Iran said Iraq agreed.",
        "Leaders of Austria and Australia met; Austria hosted the talks.",
        "Premier Li met Lee in Seoul, and Li left before Lee.",
        "Kim and Kin met, then Kim left.",
        "John and Joan met on Monday, and John left early.",
        "Zhang met Zheng, and then Zhang spoke with Chen and Cheng.",
        "Maria met Mario, and Maria spoke first.",
        "Fans at UFC Fight Night in Moscow cheered the Fight.",
        "Russia and Russian officials met, and Russia said so.",
    ],
)
def test_distinct_names_are_not_merged(checker: NameConsistencyChecker, text: str) -> None:
    assert findings(checker, text) == []


def test_acronyms_always_in_capitals_are_untouched(checker: NameConsistencyChecker) -> None:
    text = (
        "The US and the UK met EU officials at the WTO in Geneva.\n"
        "The US said the AP had reported the talks. Who knows? The WHO said so, and the US agreed."
    )
    assert findings(checker, text) == []


def test_all_caps_headlines_and_datelines_are_skipped(checker: NameConsistencyChecker) -> None:
    text = (
        "TRUMP AND XI SPEAK AS TRADE TALKS STALL\n"
        "BEIJING, June 6 (AP) Trump and Xi spoke on Thursday, and Xi agreed to more talks in Beijing.\n"
        'Protesters shouted "I CAN BEAT BIDEN" while Biden and Xi met.'
    )
    assert findings(checker, text) == []


def test_roman_numerals_after_names_are_not_name_variants(checker: NameConsistencyChecker) -> None:
    text = "Pope Pius XI met envoys, and Xi later met President XI's envoys after World War II. Then Xi left."
    found = findings(checker, text)
    assert [f.text for f in found] == ["XI"]
    assert found[0].start == text.index("XI's")


def test_tie_prefers_the_well_known_spelling(checker: NameConsistencyChecker) -> None:
    (f,) = findings(checker, "Talks with XI began, and Xi said little.")
    assert (f.text, f.replacements) == ("XI", ("Xi",))
    assert "once" in f.message


def test_tie_prefers_title_case_over_capitals(checker: NameConsistencyChecker) -> None:
    (f,) = findings(checker, "Talks with Okonkwo began, and OKONKWO said little.")
    assert (f.text, f.replacements) == ("OKONKWO", ("Okonkwo",))


def test_well_known_spelling_wins_over_a_capitals_majority(checker: NameConsistencyChecker) -> None:
    found = findings(checker, "Talks with XI began, then XI spoke, and XI left, but Xi stayed.")
    assert [f.text for f in found] == ["XI", "XI", "XI"]
    assert {f.replacements for f in found} == {("Xi",)}


def test_unknown_tie_in_spelling_is_left_alone(checker: NameConsistencyChecker) -> None:
    assert findings(checker, "Analysts said Bessent was right, but Besent disagreed.") == []


def test_sentence_openers_do_not_count_as_names(checker: NameConsistencyChecker) -> None:
    text = "These are the reasons. There were others, and the Fed said so."
    assert findings(checker, text) == []


def test_offsets_in_a_longer_article(checker: NameConsistencyChecker) -> None:
    text = "\n\n".join(
        [
            "  Negotiators for Bessent met in Geneva on Monday.",
            "Officials said “Bessent wants a deal”, and the talks resumed.",
            "On Tuesday, Besent’s deputy left; Bessent stayed with XI’s envoy and Xi.",
        ]
    )
    doc = Document.from_text(text)
    found = list(checker.check(doc))
    assert [(f.text, f.replacements) for f in found] == [("Besent", ("Bessent",)), ("XI", ("Xi",))]
    assert found[0].start == text.index("Besent")
    assert found[1].start == text.index("XI’s") and found[1].end == found[1].start + 2


def test_known_names_come_from_the_classes_file() -> None:
    known = load_known_names()
    assert known["head_of_state_surname"]["xi"] == "Xi"
    assert "iran" in known["country"]


def test_checker_without_known_names_still_uses_majority() -> None:
    bare = NameConsistencyChecker(known={})
    found = findings(bare, "Talks with Xi began, Xi spoke, and XI left.")
    assert [(f.text, f.replacements) for f in found] == [("XI", ("Xi",))]
