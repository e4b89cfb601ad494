"""RuleSettings: the rule engine's section of a run's settings, and what the engine does with it."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from cleaner.checks.registry import Mode, open_checkers
from cleaner.checks.rules.settings import RuleSettings
from cleaner.config.settings import Settings
from cleaner.document import Document
from cleaner.paths import cache_dir
from tests.support.rule_kit import HEAD

HOUSE = HEAD + '    match: "pricing talks"\n    examples:\n      - bad: "More pricing talks."\n'


def _rule_ids(rules: RuleSettings, text: str) -> list[str]:
    settings = Settings(rules=rules, modes={"languagetool": Mode.OFF, "fluency": Mode.OFF})
    with contextlib.ExitStack() as stack:
        (checker,) = [c for c, _ in open_checkers(settings, stack) if c.name == "rules"]
        return [f.rule_id for f in checker.check(Document.from_text(text))]


def test_the_default_is_the_built_in_rules_from_the_cache() -> None:
    assert RuleSettings() == RuleSettings(paths=(), builtin=True, use_cache=True)
    assert Settings().rules == RuleSettings()
    with pytest.raises(dataclasses.FrozenInstanceError):
        RuleSettings().builtin = False  # type: ignore[misc]


def test_house_rules_alone_without_the_cache(write_rules: Callable[[str], Path]) -> None:
    before = sorted(cache_dir().glob("rules-*.pickle"))
    house = RuleSettings(paths=(write_rules(HOUSE),), builtin=False, use_cache=False)
    assert _rule_ids(house, "The pricing talks resumed. Pricing talks again.") == ["R", "R"]
    assert sorted(cache_dir().glob("rules-*.pickle")) == before
