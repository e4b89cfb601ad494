"""``type: swap``: each phrase of the table replaced by its own, after the ``after:`` context."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.support.rule_kit import HEAD, fixes


def test_a_swap_rule_replaces_each_phrase_by_its_own(write_rules: Callable[[str], Path]) -> None:
    folder = write_rules(
        HEAD
        + """    type: swap
    after: '\\b(?:talks|tensions)\\s+'
    swap: {has: have, is: are, "has been": "have been"}
    examples:
      - bad: "The talks has stalled."
        good: "The talks have stalled."
      - ok: "The deal has stalled."
"""
    )
    assert fixes(folder, "The talks is over. The tensions has been high. The deal is done.") == [
        ("is", ("are",)),
        ("has been", ("have been",)),
    ]
