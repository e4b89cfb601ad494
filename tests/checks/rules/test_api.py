"""The engine's front door: rule folders in, a verified RuleChecker out (built-in rules, cache, --disable)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cleaner.checks.rules import api
from cleaner.checks.rules.api import compile_and_verify, load_checker
from cleaner.document import Document
from cleaner.errors import RuleFileErrors
from cleaner.paths import cache_dir

HOUSE = """\
rules:
  - id: HOUSE_TARIFFS
    match: "pricing talks"
    replace: "trade talks"
    message: "why"
    category: mistranslation
    severity: major
    confidence: 0.9
    examples:
      - bad: "More pricing talks."
        good: "More trade talks."
"""
STOCK = """\
rules:
  - id: STOCK_FRAMEWORK
    match: "frame agreement"
    replace: "framework agreement"
    message: "why"
    category: mistranslation
    severity: major
    confidence: 0.9
    examples:
      - bad: "A frame agreement."
        good: "A framework agreement."
"""
TEXT = "The pricing talks led to a frame agreement."


def _ids(checker: api.RuleChecker, text: str = TEXT) -> list[str]:
    return [f.rule_id for f in checker.check(Document.from_text(text))]


def test_rules_whose_examples_behave_compile(write_rules: Callable[[str], Path]) -> None:
    compiled = compile_and_verify([write_rules(HOUSE)])
    assert [r.id for r in compiled.rules] == ["HOUSE_TARIFFS"]


def test_an_example_that_misbehaves_fails_naming_file_line_and_rule(write_rules: Callable[[str], Path]) -> None:
    folder = write_rules(HOUSE + '      - ok: "Pricing talks resumed."\n')  # the rule fires on its "ok" example
    with pytest.raises(RuleFileErrors) as info:
        compile_and_verify([folder])
    (error,) = info.value.errors
    assert str(error).startswith(f"{folder / 'rules.yaml'}:12: HOUSE_TARIFFS: ")


def test_built_in_rules_are_loaded_unless_switched_off(
    write_rules: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    stock, house = write_rules(STOCK), write_rules(HOUSE)
    monkeypatch.setattr(api, "builtin_rules_dir", lambda: stock)
    assert _ids(load_checker([house], use_cache=False)) == ["HOUSE_TARIFFS", "STOCK_FRAMEWORK"]
    assert _ids(load_checker([house], builtin=False, use_cache=False)) == ["HOUSE_TARIFFS"]
    assert _ids(load_checker(builtin=True, disabled=frozenset({"HOUSE_TARIFFS"}), use_cache=False)) == [
        "STOCK_FRAMEWORK"
    ]


def test_disabled_rules_report_nothing(write_rules: Callable[[str], Path]) -> None:
    checker = load_checker([write_rules(HOUSE)], builtin=False, disabled=frozenset({"HOUSE_TARIFFS"}), use_cache=False)
    assert _ids(checker) == []


def test_the_cache_is_used_only_when_asked_and_never_holds_unverified_rules(
    write_rules: Callable[[str], Path],
) -> None:
    entries = lambda: sorted(cache_dir().glob("rules-*.pickle"))  # noqa: E731
    before = entries()
    house = write_rules(HOUSE)
    load_checker([house], builtin=False, use_cache=False)
    assert entries() == before
    assert _ids(load_checker([house], builtin=False)) == ["HOUSE_TARIFFS"]
    assert len(entries()) == len(before) + 1
    broken = write_rules(HOUSE + '      - ok: "Pricing talks resumed."\n')
    for _ in range(2):  # a failed verification is not stored, so it fails again
        with pytest.raises(RuleFileErrors):
            load_checker([broken], builtin=False)


def test_a_resident_process_reuses_a_checker_until_its_files_change(
    write_rules: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api, "_resident", None)
    folder = write_rules(HOUSE)
    assert load_checker([folder], builtin=False) is not load_checker([folder], builtin=False)  # not resident
    api.keep_checkers_loaded()
    first = load_checker([folder], builtin=False)
    assert load_checker([folder], builtin=False) is first
    assert load_checker([folder], builtin=False, disabled=frozenset({"HOUSE_TARIFFS"})) is not first
    assert load_checker([folder], builtin=False, use_cache=False) is not first
    (folder / "measured-precision.json").write_text('{"rules": {}}', encoding="utf-8")
    measured = load_checker([folder], builtin=False)
    assert measured is not first
    (folder / "rules.yaml").write_text(HOUSE.replace("pricing talks", "tariff talks"), encoding="utf-8")
    edited = load_checker([folder], builtin=False)
    assert edited is not measured
    assert [f.rule_id for f in edited.check(Document.from_text("More tariff talks."))] == ["HOUSE_TARIFFS"]
    for _ in range(api.RESIDENT_KEEP + 1):
        load_checker([write_rules(HOUSE)], builtin=False)
    assert len(api._resident or {}) == api.RESIDENT_KEEP


def test_checkers_kept_loaded_within_a_block_only(
    write_rules: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api, "_resident", None)
    folder = write_rules(HOUSE)
    with api.checkers_kept_loaded():
        first = load_checker([folder], builtin=False)
        assert load_checker([folder], builtin=False) is first
    assert api._resident is None
    assert load_checker([folder], builtin=False) is not first
    api.keep_checkers_loaded()  # a resident process keeps what it had
    kept = load_checker([folder], builtin=False)
    with api.checkers_kept_loaded():
        assert load_checker([folder], builtin=False) is kept
    assert load_checker([folder], builtin=False) is kept
