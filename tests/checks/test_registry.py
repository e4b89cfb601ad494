"""The checker registry: one list, from which merge precedence and each checker's mode derive."""

from __future__ import annotations

import contextlib

import pytest

from cleaner.checks.registry import NAMES, PRECEDENCE, REGISTRY, Mode, mode_of, open_checkers
from cleaner.checks.rules import RuleSettings
from cleaner.config import Settings


def test_precedence_is_the_registry_order() -> None:
    assert (
        PRECEDENCE
        == NAMES
        == tuple(e.name for e in REGISTRY)
        == (
            "rules",
            "names",
            "languagetool",
            "pivot",
            "untranslated",
            "fluency",
        )
    )


def test_modes_default_per_checker_and_settings_win() -> None:
    assert mode_of("languagetool", {}) is Mode.OPTIONAL
    assert mode_of("rules", {}) is Mode.REQUIRED
    assert mode_of("languagetool", {"languagetool": Mode.OFF}) is Mode.OFF
    with pytest.raises(KeyError):
        mode_of("spelling", {})


def test_the_pivot_rules_follow_languagetool() -> None:
    assert mode_of("pivot", {}) is Mode.OPTIONAL
    assert mode_of("pivot", {"languagetool": Mode.REQUIRED}) is Mode.REQUIRED
    assert mode_of("pivot", {"languagetool": Mode.OFF}) is Mode.OFF
    assert mode_of("pivot", {"languagetool": Mode.REQUIRED, "pivot": Mode.OFF}) is Mode.OFF


def test_off_checkers_are_never_opened(write_rules) -> None:
    rules = write_rules(
        'rules:\n  - id: R\n    match: "a b"\n    message: m\n    category: grammar\n    severity: minor\n'
        '    confidence: 0.5\n    examples:\n      - bad: "a b"\n'
    )
    settings = Settings(
        rules=RuleSettings((rules,), builtin=False, use_cache=False),
        modes={"languagetool": Mode.OFF, "names": Mode.OFF},
    )
    with contextlib.ExitStack() as stack:
        opened = open_checkers(settings, stack)
    # the pivot rules need LanguageTool's server: off with it
    assert [(c.name, mode) for c, mode in opened] == [("rules", Mode.REQUIRED), ("untranslated", Mode.REQUIRED)]


def test_in_process_checkers_are_those_without_a_server_or_a_model(write_rules) -> None:
    rules = write_rules(
        'rules:\n  - id: R\n    match: "a b"\n    message: m\n    category: grammar\n    severity: minor\n'
        '    confidence: 0.5\n    examples:\n      - bad: "a b"\n'
    )
    assert [e.name for e in REGISTRY if e.in_process] == ["rules", "names", "untranslated"]
    settings = Settings(
        rules=RuleSettings((rules,), builtin=False, use_cache=False),
        modes={"languagetool": Mode.REQUIRED, "fluency": Mode.REQUIRED, "untranslated": Mode.OFF},
    )
    with contextlib.ExitStack() as stack:
        opened = open_checkers(settings, stack, in_process_only=True)
    # LanguageTool and the fluency model are left to each process; off stays off
    assert [(c.name, mode) for c, mode in opened] == [("rules", Mode.REQUIRED), ("names", Mode.REQUIRED)]
