"""``type: case``: names that came back in capitals get their case back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

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
