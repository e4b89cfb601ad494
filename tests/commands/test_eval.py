"""``cleaner eval`` as a command: engine selection, run names, reproducible settings, usage errors (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.checks.registry import NAMES
from cleaner.cli import main
from cleaner.commands.eval import (
    LT_DEFAULTS_NAME,
    EvalError,
    EvalOptions,
    baseline_lt_settings,
    eval_settings,
    parse_engines,
)
from cleaner.errors import ExitCode

DATA = Path(__file__).resolve().parents[1] / "evaluation" / "data"
TOY_RULES = ["--no-builtin-rules", "--rules", str(DATA / "rules"), "--no-progress"]


def test_engines_default_to_all_in_registry_order_and_without_the_server_ones_when_asked() -> None:
    assert parse_engines(None) == tuple(NAMES)
    without = parse_engines(None, no_languagetool=True)
    assert "languagetool" not in without and "pivot" not in without and "rules" in without
    assert parse_engines(" names , rules ,") == ("rules", "names")  # registry order, blanks ignored


@pytest.mark.parametrize(
    ("value", "no_lt", "message"),
    [
        ("rules,spelling", False, "unknown engine spelling; choose from rules, names"),
        (" , ", False, r"unknown engine \(none given\)"),
        ("rules,languagetool", True, "exclude each other"),
    ],
)
def test_bad_engine_lists_are_one_line_usage_errors(value: str, no_lt: bool, message: str) -> None:
    with pytest.raises(EvalError, match=message) as caught:
        parse_engines(value, no_lt)
    assert caught.value.exit_code is ExitCode.ERROR and "\n" not in str(caught.value)


def test_run_names_say_which_configuration_was_measured() -> None:
    assert EvalOptions().run_name() == "cleaner"
    assert EvalOptions(engines=("rules", "names")).run_name() == "cleaner (rules+names)"
    assert EvalOptions(lt_only_defaults=True).run_name() == LT_DEFAULTS_NAME
    assert EvalOptions(name="tuned", lt_only_defaults=True).run_name() == "tuned"


def test_eval_ignores_a_nearby_configuration_unless_given_and_the_command_line_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".cleaner.toml").write_text('fix-threshold = 0.3\nfail-on = "major"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    plain = eval_settings([DATA / "rules"], builtin_rules=False, threshold=None, config=None)
    assert (plain.fix_threshold, plain.config_path) == (0.8, None)  # cleaner's defaults: reproducible numbers
    assert (plain.rules.paths, plain.rules.builtin) == ((DATA / "rules",), False)
    given = eval_settings([], builtin_rules=True, threshold=0.95, config=tmp_path / ".cleaner.toml")
    assert given.fix_threshold == 0.95 and given.fail_on.value == "major"


def test_the_languagetool_baseline_has_none_of_cleaners_filters() -> None:
    lt = baseline_lt_settings()
    assert lt.disabled_rules == lt.disabled_categories == frozenset()
    assert not (lt.skip_names_in_spelling or lt.skip_british_spelling or lt.grade_spelling)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["eval"], "give an MQM corpus"),
        (["eval", str(DATA / "clean.jsonl"), "--engines", "rules,spelling"], "unknown engine spelling"),
        (["eval", str(DATA / "clean.jsonl"), "--no-languagetool", "--engines", "languagetool"], "exclude each other"),
        (["eval", str(DATA / "clean.jsonl"), "--engines", "rules", *TOY_RULES], "not an MQM record"),
        (
            ["eval", "--clean", str(DATA / "clean.jsonl"), "--engines", "rules", *TOY_RULES, "--write-precision", "p"],
            "--write-precision needs the rule engine and an MQM corpus or --roundtrip pairs",
        ),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == 2
    assert message in capsys.readouterr().err


def test_a_clean_only_run_prints_its_table_and_records_what_ran(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = tmp_path / "summary.json"
    args = ["eval", "--clean", str(DATA / "clean.jsonl"), "--engines", "rules", *TOY_RULES, "--summary", str(summary)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.startswith("| metric | cleaner (rules) |")
    run = json.loads(summary.read_text(encoding="utf-8"))["run"]
    assert (run["engines"], run["corpus"], run["clean"]) == (["rules"], None, str(DATA / "clean.jsonl"))
