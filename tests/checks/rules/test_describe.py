"""A rule described for readers: grouping table entries, plain data, Markdown and plain text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cleaner.checks.rules.describe import group_by_id, rule_dict, rule_markdown, rule_plain
from cleaner.checks.rules.loader import load_rules

RULES = """\
rules:
  - id: T_LEADER
    message: "'chief'   for a head
      of state."
    category: title
    severity: major
    confidence: 0.9
    pivots: [fr, es]
    type: table
    table:
      - match: "the chief of Russia"
        replace: ["the leader of Russia"]
      - match: "the master of the Kremlin"
        replace: ["the Kremlin leader", "the leader of Russia"]
    examples:
      - bad: "The chief of Russia spoke."
        good: "The leader of Russia spoke."
      - ok: "The chief of staff spoke."
  - id: T_WORDY
    match: "in order to"
    replace: "to"
    message: "wordy"
    category: style
    severity: info
    confidence: 0.5
    when:
      not_near: [novel]
      window: 5
    examples:
      - bad: "We met in order to talk."
        good: "We met to talk."
      - bad: "They came in order to stay."
  - id: T_PLAIN
    match: "pricing talks"
    replace: "trade talks"
    message: "tariff"
    category: mistranslation
    severity: minor
    confidence: 0.7
    examples:
      - bad: "They held pricing talks."
        good: "They held trade talks."
"""


def _described(write_rules: Callable[[str], Path]) -> dict[str, dict[str, object]]:
    grouped = group_by_id(load_rules([write_rules(RULES)]).rules)
    return {rule_id: rule_dict(parts[0], parts) for rule_id, parts in grouped.items()}


def test_a_table_rules_entries_are_grouped_into_one_rule_in_file_order(write_rules: Callable[[str], Path]) -> None:
    rules = load_rules([write_rules(RULES)]).rules
    grouped = group_by_id(rules)
    assert list(grouped) == ["T_LEADER", "T_WORDY", "T_PLAIN"]
    assert len(grouped["T_LEADER"]) == 2 and len(grouped["T_WORDY"]) == 1
    assert sum(len(parts) for parts in grouped.values()) == len(rules)


def test_a_table_rule_shows_every_entrys_match_and_each_replacement_once(write_rules: Callable[[str], Path]) -> None:
    data = _described(write_rules)["T_LEADER"]
    assert data["match"] == "the chief of Russia ; the master of the Kremlin"
    assert data["replacements"] == ["the leader of Russia", "the Kremlin leader"]
    assert data["message"] == "'chief' for a head of state."  # the YAML's line break and runs of spaces folded
    assert data["examples"] == [
        {"bad": "The chief of Russia spoke.", "good": "The leader of Russia spoke."},
        {"ok": "The chief of staff spoke."},
    ]


def test_conditions_keep_their_terms_and_the_window_only_with_a_condition(write_rules: Callable[[str], Path]) -> None:
    described = _described(write_rules)
    assert described["T_WORDY"]["when"] == {"not_near": ["novel"], "window": 5}
    assert described["T_PLAIN"]["when"] == {}


def test_markdown_and_plain_text_carry_message_pivots_and_examples(write_rules: Callable[[str], Path]) -> None:
    data = _described(write_rules)["T_LEADER"]
    assert rule_markdown(data) == (
        "**T_LEADER** (title, major)\n\n'chief' for a head of state.\n\nPivot languages: fr, es.\n\n"
        "Examples:\n- ✗ The chief of Russia spoke. → ✓ The leader of Russia spoke.\n"
        "- ✓ The chief of staff spoke. (left alone)\n"
    )
    assert rule_plain(data).splitlines() == [
        "'chief' for a head of state.",
        "Pivot languages: fr, es.",
        "Bad: The chief of Russia spoke. -> good: The leader of Russia spoke.",
        "OK (left alone): The chief of staff spoke.",
    ]


def test_no_pivots_and_a_bad_example_without_a_fix_leave_those_parts_out(write_rules: Callable[[str], Path]) -> None:
    data = _described(write_rules)["T_WORDY"]
    markdown = rule_markdown(data)
    assert "Pivot languages" not in markdown
    assert markdown.endswith("- ✗ We met in order to talk. → ✓ We met to talk.\n- ✗ They came in order to stay.\n")
    assert rule_plain(data).splitlines() == [
        "wordy",
        "Bad: We met in order to talk. -> good: We met to talk.",
        "Bad: They came in order to stay.",
    ]
