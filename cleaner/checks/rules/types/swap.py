"""``type: swap`` (``swap:``): a substitution list, each wrong phrase with its replacement (as in Vale).

One rule stands for a family that differs only in the word swapped
("has" → "have", "is" → "are" …).  ``after:`` is an optional regular
expression the swapped phrase must follow (it is not part of the finding).
Phrases match whole words, any run of spaces between their words.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from cleaner.checks.rules.types.base import Matching, RuleTypeError, swap_key
from cleaner.checks.rules.types.regex import compiled


def build(raw: Any, classes: dict[str, list[str]], flags: int) -> Matching:
    table = {swap_key(wrong): right for wrong, right in raw["swap"].items()}
    if any(not k for k in table):
        raise RuleTypeError("swap", "a phrase to swap is empty")
    return swapping(table, raw.get("after", ""), flags)


def swapping(table: dict[str, str], after: str, flags: int) -> Matching:
    """A regex matching any phrase of ``table`` (after ``after``) as the finding, with the table as swaps."""
    words = sorted(table, key=lambda k: (-len(k), k))
    alternatives = "|".join(r"\s+".join(re.escape(w) for w in phrase.split()) for phrase in words)
    source = f"{after}(?P<flag>\\b(?:{alternatives})\\b)"
    return replace(compiled(source, flags, "after" if after else "swap"), swaps=table)
