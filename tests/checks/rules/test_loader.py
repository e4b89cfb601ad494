"""Every rule-file mistake is reported as file:line: rule-id: problem."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cleaner.checks.rules.loader import load_rules
from cleaner.errors import RuleFileErrors

GOOD = """\
rules:
  - id: R1
    match: "pricing talks"
    replace: "trade talks"
    message: "why"
    category: mistranslation
    severity: major
    confidence: 0.9
    examples:
      - bad: "More pricing talks."
        good: "More trade talks."
"""


def errors_of(folder: Path) -> list[str]:
    with pytest.raises(RuleFileErrors) as info:
        load_rules([folder])
    return [str(e) for e in info.value.errors]


def test_good_file_loads(write_rules: Callable[[str], Path]) -> None:
    rules = load_rules([write_rules(GOOD)]).rules
    assert [r.id for r in rules] == ["R1"]
    assert rules[0].line == 2


def test_bad_yaml_names_the_line(write_rules: Callable[[str], Path]) -> None:
    folder = write_rules(GOOD.replace('message: "why"', "message: [unclosed"))
    (err,) = errors_of(folder)
    assert err.startswith(f"{folder / 'rules.yaml'}:")
    assert "bad YAML" in err


def test_unknown_key(write_rules: Callable[[str], Path]) -> None:
    folder = write_rules(GOOD.replace("    confidence: 0.9\n", "    confidence: 0.9\n    colour: red\n"))
    (err,) = errors_of(folder)
    assert err == f"{folder / 'rules.yaml'}:2: R1: unknown key 'colour'"


def test_bad_value_points_at_its_line(write_rules: Callable[[str], Path]) -> None:
    folder = write_rules(GOOD.replace("severity: major", "severity: huge"))
    (err,) = errors_of(folder)
    assert err.startswith(f"{folder / 'rules.yaml'}:7: R1.severity:")


def test_duplicate_id_across_files(write_rules: Callable[[str], Path]) -> None:
    folder = write_rules(GOOD)
    (folder / "more.yaml").write_text(GOOD, encoding="utf-8")
    (err,) = errors_of(folder)
    assert "R1: duplicate id (first at" in err


def test_duplicate_key(write_rules: Callable[[str], Path]) -> None:
    folder = write_rules(GOOD.replace("    confidence: 0.9\n", "    confidence: 0.9\n    confidence: 0.5\n"))
    (err,) = errors_of(folder)
    assert ":9: yaml: duplicate key 'confidence'" in err


def test_replacement_refers_to_missing_element(write_rules: Callable[[str], Path]) -> None:
    (err,) = errors_of(write_rules(GOOD.replace('replace: "trade talks"', 'replace: "{3} talks"')))
    assert "R1: replacement '{3} talks' refers to element {3} but the pattern has 2" in err


def test_bad_regex(write_rules: Callable[[str], Path]) -> None:
    (err,) = errors_of(write_rules(GOOD.replace('match: "pricing talks"', "regex: '(unclosed'")))
    assert "R1: bad regular expression" in err


def test_examples_are_required(write_rules: Callable[[str], Path]) -> None:
    text = GOOD.split("    examples:")[0] + '    examples:\n      - ok: "fine"\n'
    (err,) = errors_of(write_rules(text))
    assert "needs at least one example with both 'bad' and 'good'" in err


def test_all_errors_reported_at_once(write_rules: Callable[[str], Path]) -> None:
    two = GOOD + GOOD.split("rules:\n")[1].replace("R1", "R2").replace("severity: major", "severity: x")
    two = two.replace("confidence: 0.9", "confidence: 2", 1)
    assert len(errors_of(write_rules(two))) == 2


REPLACING = GOOD.replace("  - id: R1\n", "  - id: R1\n    replaces: [OLD_R]\n")


def test_an_id_a_rule_replaces_cannot_be_taken_again(write_rules: Callable[[str], Path]) -> None:
    other = GOOD.replace("id: R1", "id: OLD_R")
    folder = write_rules(REPLACING + other.split("rules:\n", 1)[1])
    (taken,) = errors_of(folder)
    path = folder / "rules.yaml"
    assert taken == f"{path}:13: OLD_R: OLD_R is an old id that R1 replaces (first at {path}:2)"
    (own,) = errors_of(write_rules(REPLACING.replace("[OLD_R]", "[R1]")))
    assert own.endswith("rules.yaml:3: R1: a rule cannot replace its own id")


def test_old_ids_disable_the_rule_that_replaced_them(write_rules: Callable[[str], Path]) -> None:
    from cleaner.checks.rules import RuleChecker, compile_rules
    from cleaner.document import Document

    compiled = compile_rules(load_rules([write_rules(REPLACING)]))
    assert compiled.aliases == {"OLD_R": "R1"}
    text = Document.from_text("More pricing talks.")
    assert [f.rule_id for f in RuleChecker(compiled).check(text)] == ["R1"]
    assert list(RuleChecker(compiled, disabled=frozenset({"OLD_R"})).check(text)) == []
