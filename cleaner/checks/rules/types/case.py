"""``type: case`` (``words:``): names that came back in capitals ("TRUMP" → "Trump").

French and Spanish copy often writes surnames in capitals; machine
translation keeps them.  Each listed word (in its proper case) is matched in
all capitals, case-sensitively, and replaced by its proper form.
"""

from __future__ import annotations

import re
from typing import Any

from cleaner.checks.rules.types.base import Matching, RuleTypeError, swap_key
from cleaner.checks.rules.types.swap import swapping


def build(raw: Any, classes: dict[str, list[str]], flags: int) -> Matching:
    words = list(raw["words"])
    shouting = [w for w in words if w == w.upper()]
    if shouting:
        raise RuleTypeError("words", f"list each word in its proper case, not {shouting[0]!r}")
    table = {swap_key(w): w for w in words}
    matching = swapping({w.upper(): w for w in words}, "", flags & ~re.IGNORECASE)
    return Matching(regex=matching.regex, groups=matching.groups, swaps=table)
