"""Which rule ids a run knows, so a misspelled id in configuration or a directive is named, not silently ignored.

A rule id that no engine knows disables, enables or suppresses nothing, and
without a word the writer believes it does.  The rule engine's ids come from
the loaded rule files and the other engines declare theirs; LanguageTool has
thousands of rules that cannot all be known offline, so when it is on, an id
shaped like one of its ids (capitals, digits, underscores: ``EN_QUOTES``) is
trusted, unless it is one letter or two away from one of cleaner's own ids
(then it is almost surely a typo of that id) or carries cleaner's own
``CLEANER_`` prefix (every such id is known).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

LANGUAGETOOL = "languagetool"
"""The engine an unknown, trusted id is assumed to belong to."""
OWN_PREFIX = "CLEANER_"
TYPO_SCORE = 90.0
"""rapidfuzz ratio at or above which an unknown id counts as a typo of a known one (one edit in ~10 letters)."""
HINT_SCORE = 75.0
"""rapidfuzz ratio at or above which a known id is offered as "did you mean"."""
_LT_SHAPE = re.compile(r"[A-Z][A-Z0-9_]*\*?")


@dataclass(frozen=True)
class KnownIds:
    """Every rule id the run's engines can report (id → engine), their categories, and whether LanguageTool is on."""

    engines: Mapping[str, str] = field(default_factory=dict)
    """Rule id → the engine reporting it."""
    categories: frozenset[str] = frozenset()
    languagetool_on: bool = False

    def engine_of(self, rule_id: str) -> str | None:
        """The engine of a known or trusted id; None for an id nothing reports."""
        if rule_id in self.engines:
            return self.engines[rule_id]
        return LANGUAGETOOL if self.problem(rule_id) is None else None

    def problem(self, rule_id: str, *, languagetool_table: bool = False, category_ok: bool = False) -> str | None:
        """Why ``rule_id`` is suspect (``unknown rule id 'X'; did you mean 'Y'?``), or None when it is fine.

        ``languagetool_table``: the id was written where only LanguageTool ids
        belong (``[languagetool] disable``), so it is trusted even when
        LanguageTool is off in this run.  ``category_ok``: a category is as
        good as a rule id (``severity`` keys).
        """
        if rule_id in self.engines or (category_ok and rule_id in self.categories):
            return None
        own = [i for i, engine in self.engines.items() if engine != LANGUAGETOOL]
        close = _closest(rule_id, own)
        trusted = (self.languagetool_on or languagetool_table) and _LT_SHAPE.fullmatch(rule_id) is not None
        if trusted and not rule_id.startswith(OWN_PREFIX) and (close is None or close[1] < TYPO_SCORE):
            return None
        what = "unknown rule id or category" if category_ok else "unknown rule id"
        pool = [*self.engines, *(self.categories if category_ok else ())]
        hint = _closest(rule_id, pool)
        suffix = f"; did you mean {hint[0]!r}?" if hint and hint[1] >= HINT_SCORE else ""
        return f"{what} {rule_id!r}{suffix}"


def _closest(word: str, choices: Iterable[str]) -> tuple[str, float] | None:
    from rapidfuzz import fuzz, process

    pool = list(choices)
    if not pool:
        return None
    best = process.extractOne(word, pool, scorer=fuzz.ratio, processor=str.upper)
    return (best[0], float(best[1])) if best else None


def closest(word: str, choices: Iterable[str], cutoff: float = HINT_SCORE) -> str | None:
    """The choice nearest to ``word`` (rapidfuzz ratio, case-blind), if it is at least ``cutoff`` alike."""
    best = _closest(word, choices)
    return best[0] if best and best[1] >= cutoff else None
