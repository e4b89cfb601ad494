"""XML rule examples: read from the rule file with their marked spans, and judged against a rule's matches."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.checks.languagetool.mapping import LTMatch
from cleaner.checks.languagetool.xml_examples import ExampleFailure, judge_example, load_examples, rule_ids

RULES = """\
<?xml version="1.0" encoding="UTF-8"?>
<rules lang="en">
<category id="CLEANER_PIVOT" name="test" type="grammar">
  <rulegroup id="CLEANER_PIVOT_THAN_THAT" name="than">
    <rule>
      <pattern><token>more</token><token>that</token></pattern>
      <message>Romance pivot: than.</message>
      <example correction="than|then">Envoys from more <marker>that</marker> 130 countries.</example>
      <example>He said <b>more</b> that day.</example>
    </rule>
    <rule>
      <pattern><token>less</token><token>that</token></pattern>
      <message>Romance pivot: than.</message>
      <example type="incorrect">Less <marker>that</marker> half.</example>
    </rule>
  </rulegroup>
  <rule id="CLEANER_PIVOT_ALONE" name="alone">
    <pattern><token>zebrafoo</token></pattern>
    <message>Romance pivot: test.</message>
    <example correction="">A <marker>zebrafoo</marker>.</example>
  </rule>
</category>
</rules>
"""


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    path = tmp_path / "grammar_custom.xml"
    path.write_text(RULES, encoding="utf-8")
    return path


def _match(rule_id: str, start: int, end: int, *replacements: str) -> LTMatch:
    return LTMatch(rule_id, "CLEANER_PIVOT", "grammar", "m", start, end, replacements)


def test_examples_keep_their_text_marker_corrections_and_rule_line(rules: Path) -> None:
    than, fine, less, alone = load_examples(rules)
    assert (than.rule_id, than.bad, than.corrections, than.line) == (
        "CLEANER_PIVOT_THAN_THAT",
        True,
        ("than", "then"),
        4,
    )
    assert than.text == "Envoys from more that 130 countries." and than.text[than.start : than.end] == "that"
    assert (fine.bad, fine.text, fine.start, fine.end) == (False, "He said more that day.", 0, 0)  # tags dropped
    assert less.bad and less.corrections == () and less.text[less.start : less.end] == "that"  # type="incorrect"
    assert (alone.rule_id, alone.line, alone.corrections) == ("CLEANER_PIVOT_ALONE", 17, ())


def test_rule_ids_are_the_groups_and_standalone_rules(rules: Path) -> None:
    assert rule_ids(rules) == ["CLEANER_PIVOT_THAN_THAT", "CLEANER_PIVOT_ALONE"]


def test_the_example_judge_can_fail(rules: Path) -> None:
    than, fine, less, _ = load_examples(rules)
    at = (than.start, than.end)
    assert judge_example(than, [_match(than.rule_id, *at, "than")]) is None
    assert judge_example(than, []) == "did not fire"
    assert judge_example(than, [_match("OTHER_RULE", *at, "than")]) == "did not fire"  # only its own rule counts
    assert judge_example(than, [_match(than.rule_id, 0, 6, "than")]) == "fired on 'Envoys', not on the marked 'that'"
    assert judge_example(than, [_match(than.rule_id, *at, "then")]) == "suggested ['then'], expected 'than' first"
    assert judge_example(less, [_match(less.rule_id, less.start, less.end)]) is None  # no correction expected
    assert judge_example(fine, [_match(fine.rule_id, 8, 12)]) == "fired on a correct example at 'more'"
    assert judge_example(fine, [_match("OTHER_RULE", 8, 12)]) is None


def test_a_failure_names_file_line_rule_and_sentence(rules: Path) -> None:
    than = load_examples(rules)[0]
    failure = ExampleFailure(than, "did not fire", rules)
    assert str(failure) == f"{rules}:4: CLEANER_PIVOT_THAN_THAT: did not fire: 'Envoys from more that 130 countries.'"
