"""``type: table``: one rule, several phrases, each with its own replacements and its own exclusions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cleaner.checks.rules.loader import load_rules
from cleaner.document import Document
from cleaner.errors import RuleFileErrors
from tests.support.rule_kit import HEAD, checker, fixes

TABLE = """    type: table
    table:
      - match: "the chief of $country"
        replace: ["the leader of {4}"]
        when:
          not_followed_by: [army]
      - match: "the {chief|master} of the Kremlin"
        replace: "the Kremlin leader"
        when:
          not_followed_by: [staff]
    examples:
      - bad: "The chief of Russia spoke."
        good: "The leader of Russia spoke."
      - bad: "The master of the Kremlin spoke."
        good: "The Kremlin leader spoke."
      - ok: "The chief of the Kremlin staff spoke."
"""
CLASSES = "classes:\n  country: [Russia, China]\n"


def test_each_entry_has_its_own_replacement_and_its_own_exclusions(write_rules: Callable[[str], Path]) -> None:
    folder = write_rules(CLASSES + HEAD + TABLE)
    text = (
        "The chief of China met the master of the Kremlin."
        " The chief of China army and the chief of the Kremlin staff did not."
    )
    # "army" excludes only the first entry's phrase, "staff" only the second's.
    assert fixes(folder, text) == [
        ("The chief of China", ("The leader of China",)),
        ("the master of the Kremlin", ("the Kremlin leader",)),
    ]


def test_an_exclusion_of_one_entry_does_not_silence_another(write_rules: Callable[[str], Path]) -> None:
    folder = write_rules(CLASSES + HEAD + TABLE)
    assert fixes(folder, "The chief of Russia staff met the master of the Kremlin army.") == [
        ("The chief of Russia", ("The leader of Russia",)),
        ("the master of the Kremlin", ("the Kremlin leader",)),
    ]


def test_the_rules_own_when_applies_to_every_entry(write_rules: Callable[[str], Path]) -> None:
    folder = write_rules(
        CLASSES + HEAD + TABLE.replace("    examples:", "    when:\n      not_near: [novel]\n    examples:")
    )
    assert fixes(folder, "In the novel, the chief of Russia met the master of the Kremlin.") == []


def test_every_entry_reports_the_rules_id_and_the_examples_belong_to_the_rule(
    write_rules: Callable[[str], Path],
) -> None:
    folder = write_rules(CLASSES + HEAD + TABLE)
    rules = load_rules([folder]).rules
    assert [(r.id, r.part, len(r.examples)) for r in rules] == [("R", 0, 3), ("R", 1, 0)]
    assert {
        f.rule_id
        for f in checker(folder).check(Document.from_text("The chief of China and the master of the Kremlin."))
    } == {"R"}


@pytest.mark.parametrize(
    ("table", "problem", "line"),
    [
        ('      - match: "the chief of {"\n', "table entry 1: bad pattern", 9),
        ('      - match: "x y"\n      - match: "chief"\n        replace: "{2}"\n', "refers to element {2}", 10),
        (
            '      - match: "x y"\n        when:\n          not_followed_by: ["re:("]\n',
            "not_followed_by: bad regular",
            9,
        ),
        ('      - match: "x y"\n        replace: "z"\n        unknown: 1\n', "unknown key 'unknown'", 9),
    ],
)
def test_entry_mistakes_name_the_entrys_line(
    write_rules: Callable[[str], Path], table: str, problem: str, line: int
) -> None:
    body = "    type: table\n    table:\n" + table + '    examples:\n      - bad: "x y chief"\n        good: "z"\n'
    with pytest.raises(RuleFileErrors) as info:
        load_rules([write_rules(HEAD + body)])
    assert any(problem in str(e) and f":{line}: R" in str(e) for e in info.value.errors), info.value.errors


def test_a_table_rule_takes_no_replace_of_its_own(write_rules: Callable[[str], Path]) -> None:
    body = (
        '    type: table\n    table:\n      - match: "x y"\n    replace: "z"\n'
        '    examples:\n      - bad: "x y"\n        good: "z"\n'
    )
    with pytest.raises(RuleFileErrors) as info:
        load_rules([write_rules(HEAD + body)])
    assert "takes its replacements from its entries" in str(info.value.errors[0])
