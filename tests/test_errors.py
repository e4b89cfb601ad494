"""User errors: one line naming the file and place (several mistakes: one line each), exit code 2."""

from __future__ import annotations

from pathlib import Path

from cleaner.errors import (
    CleanerError,
    ConfigError,
    ConfigErrors,
    ExitCode,
    InputError,
    RuleFileError,
    RuleFileErrors,
)


def test_each_error_names_the_file_and_place_in_one_line() -> None:
    assert str(InputError("news/a.txt", "no such file")) == "news/a.txt: no such file"
    assert str(RuleFileError("rules/x.yaml", 12, "T_ID", "bad match")) == "rules/x.yaml:12: T_ID: bad match"
    assert str(ConfigError(".cleaner.toml", "fail-on", "not a severity", line=3)) == (
        ".cleaner.toml:3: fail-on: not a severity"
    )
    assert str(ConfigError(".cleaner.toml", "fail-on", "not a severity")) == ".cleaner.toml: fail-on: not a severity"


def test_several_mistakes_are_one_line_each_and_keep_the_first_as_their_place() -> None:
    rules = RuleFileErrors([RuleFileError("a.yaml", 1, "A", "x"), RuleFileError("a.yaml", 9, "B", "y")])
    assert str(rules).splitlines() == ["a.yaml:1: A: x", "a.yaml:9: B: y"]
    config = ConfigErrors([ConfigError("c.toml", "jobs", "not a number", 2), ConfigError("c.toml", "x", "unknown", 5)])
    assert str(config).splitlines() == ["c.toml:2: jobs: not a number", "c.toml:5: x: unknown"]
    assert (config.key, config.line) == ("jobs", 2)
    assert config.args == (str(config),)


def test_the_exit_codes_are_the_documented_table() -> None:
    docs = Path(__file__).resolve().parents[1] / "docs" / "cli.md"
    table = docs.read_text(encoding="utf-8").split("## Exit codes", 1)[1].split("\n\n")[1]
    documented = [int(row.split("|")[1]) for row in table.splitlines()[2:]]
    assert documented == [int(code) for code in ExitCode]
    assert CleanerError("m").exit_code is ExitCode.ERROR  # every user error, whatever its kind
