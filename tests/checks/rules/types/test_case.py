"""``type: case``: names that came back in capitals get their case back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cleaner.checks.rules.loader import load_rules
from cleaner.errors import RuleFileErrors
from tests.support.rule_kit import HEAD, fixes


def test_a_case_rule_gives_shouted_names_their_case(write_rules: Callable[[str], Path]) -> None:
    folder = write_rules(
        HEAD
        + """    type: case
    words: [Trump, Macron]
    examples:
      - bad: "Mr. TRUMP spoke."
        good: "Mr. Trump spoke."
"""
    )
    assert fixes(folder, "TRUMP met MACRON, not Trumpet or trump.") == [("TRUMP", ("Trump",)), ("MACRON", ("Macron",))]


def test_a_class_in_words_stands_for_its_names_but_not_for_numeral_shaped_ones(
    write_rules: Callable[[str], Path],
) -> None:
    folder = write_rules(
        "classes:\n  leader: [Merz, Xi, Sri Lanka]\n"
        + HEAD
        + """    type: case
    words: [$leader]
    examples:
      - bad: "Chancellor MERZ spoke."
        good: "Chancellor Merz spoke."
"""
    )
    # "XI" could be eleven (Pope Pius XI): a class never brings it in; it must be listed by itself.
    assert fixes(folder, "MERZ met XI.") == [("MERZ", ("Merz",))]


def test_an_unknown_class_in_words_is_an_error(write_rules: Callable[[str], Path]) -> None:
    folder = write_rules(
        HEAD + '    type: case\n    words: [$nobody]\n    examples:\n      - bad: "X"\n        good: "Y"\n'
    )
    with pytest.raises(RuleFileErrors) as info:
        load_rules([folder])
    assert "unknown class '$nobody'" in str(info.value.errors[0]) and ": R: " in str(info.value.errors[0])
