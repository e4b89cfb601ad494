"""Rule types: ``type:`` picks the module that builds what a rule matches; mistakes name file:line: rule."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cleaner.checks.rules.loader import load_rules
from cleaner.checks.rules.types import TYPES
from cleaner.errors import RuleFileErrors
from tests.support.rule_kit import HEAD


def test_every_type_has_its_own_key() -> None:
    keys = [key for key, _ in TYPES.values()]
    assert set(TYPES) >= {"phrase", "regex", "swap", "case"} and len(set(keys)) == len(keys)


def test_old_rules_without_type_keep_their_type(write_rules: Callable[[str], Path]) -> None:
    folder = write_rules(HEAD + '    match: "pricing talks"\n    examples:\n      - bad: "More pricing talks."\n')
    (rule,) = load_rules([folder]).rules
    assert rule.pattern is not None and rule.regex is None


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ('    type: swap\n    match: "x"\n', "type 'swap' needs the key 'swap'"),
        ('    type: phrase\n    match: "x"\n    regex: "y"\n', "needs exactly one of match, regex, swap, words"),
        ("    type: case\n    words: [TRUMP]\n", "list each word in its proper case, not 'TRUMP'"),
        ('    swap: {has: have}\n    replace: "x"\n', "takes its replacements from its table"),
    ],
)
def test_type_mistakes_are_reported(write_rules: Callable[[str], Path], body: str, problem: str) -> None:
    folder = write_rules(HEAD + body + '    examples:\n      - bad: "x has y TRUMP"\n        good: "z"\n')
    with pytest.raises(RuleFileErrors) as info:
        load_rules([folder])
    assert any(problem in str(e) and ": R: " in str(e) for e in info.value.errors), info.value.errors
