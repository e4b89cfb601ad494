"""``type: case`` (``words:``): names that came back in capitals ("TRUMP" → "Trump").

French and Spanish copy often writes surnames in capitals; machine
translation keeps them.  Each listed word (in its proper case) is matched in
all capitals, case-sensitively, and replaced by its proper form.  A
``$class`` in ``words:`` stands for the class's one-word entries, except
those whose capitals spell a Roman numeral ("Xi" → "XI", as in "Pope Pius
XI"): such a name needs a rule of its own with the context that tells the
name from the numeral, where it is listed by itself.
"""

from __future__ import annotations

import re
from typing import Any

from cleaner.checks.rules.types.base import Matching, RuleTypeError, swap_key
from cleaner.checks.rules.types.swap import swapping

_NUMERAL = re.compile(r"[IVXLCDM]+")


def build(raw: Any, classes: dict[str, list[str]], flags: int) -> Matching:
    words = list(dict.fromkeys(w for item in raw["words"] for w in _expanded(item, classes)))
    shouting = [w for w in words if w == w.upper()]
    if shouting:
        raise RuleTypeError("words", f"list each word in its proper case, not {shouting[0]!r}")
    table = {swap_key(w): w for w in words}
    matching = swapping({w.upper(): w for w in words}, "", flags & ~re.IGNORECASE)
    return Matching(regex=matching.regex, groups=matching.groups, swaps=table)


def _expanded(item: str, classes: dict[str, list[str]]) -> list[str]:
    """A listed word, or the one-word, not numeral-shaped entries of a ``$class``."""
    if not item.startswith("$"):
        return [item]
    name = item[1:]
    if name not in classes:
        raise RuleTypeError("words", f"unknown class {item!r}")
    return [w for w in classes[name] if " " not in w and not _NUMERAL.fullmatch(w.upper())]
