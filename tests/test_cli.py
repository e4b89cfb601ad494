"""The command line: its commands, --version and --help, and how main() turns failures into exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner import __version__
from cleaner import cli as cli_module
from cleaner.cli import cli, main
from cleaner.errors import ExitCode
from tests.support.cmd_fixtures import ARTICLE, cli_runner

COMMANDS = {"lint", "fix", "report", "batch", "config", "rules", "eval", "languagetool", "serve"}


def test_version_and_help_list_every_command_including_the_lazily_imported_one() -> None:
    version = CliRunner().invoke(cli, ["--version"])
    assert version.exit_code == 0 and version.output == f"cleaner, version {__version__}\n"
    for flag in ("--help", "-h"):
        shown = CliRunner().invoke(cli, [flag])
        assert shown.exit_code == 0
        listed = {line.split()[0] for line in shown.output.split("Commands:")[1].splitlines() if line.strip()}
        assert listed == COMMANDS


def test_the_lazy_languagetool_group_runs_when_asked_for() -> None:
    shown = CliRunner().invoke(cli, ["languagetool", "--help"])
    assert shown.exit_code == 0 and "Usage: cli languagetool" in shown.output


def test_lint_runs_through_the_cli_with_the_shared_options(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = cli_runner(tmp_path)("lint", str(article), "--fail-on", "major")
    assert result.exit_code == ExitCode.FINDINGS
    assert f"{article}:1:11: major T_PRICING_TALKS" in result.output


def test_surprise_on_the_command_line_adds_the_models_hints_and_its_absence_adds_none(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The cadres should solidly carry out the work of the masses.\n", encoding="utf-8")

    def run(*extra: str) -> str:
        argv = ["lint", str(article), "--no-languagetool", "--fluency", "gate", "--worker", "off", *extra]
        result = CliRunner().invoke(cli, argv, catch_exceptions=False)
        assert result.exit_code == ExitCode.OK
        return result.output

    assert 'info fluency-surprise "cadres"' in run("--surprise", "10")
    assert "fluency-surprise" not in run()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["lint", "--no-such-option", "x"], "No such option '--no-such-option'"),
        (["lint", "x", "--no-languagetool", "--require-languagetool"], "exclude each other"),
        (["fix", "x", "--threshold", "1.5"], "Invalid value for '--threshold'"),
        (["lint", "x", "--worker", "sometimes"], "Invalid value for '--worker'"),
        (["lint", "x", "--surprise", "-1"], "Invalid value for '--surprise'"),
    ],
)
def test_usage_errors_exit_2_with_clicks_message(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == ExitCode.ERROR
    assert message in capsys.readouterr().err


def test_a_bad_cleaner_worker_variable_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CLEANER_WORKER", "sometimes")
    assert main(["lint", "x"]) == ExitCode.ERROR
    assert "Invalid value for '--worker': 'sometimes'" in capsys.readouterr().err


def test_a_user_error_is_printed_as_error_lines_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "bad.yaml"
    rules.write_text("domain: x\nrules:\n  - id: A\n  - id: B\n", encoding="utf-8")
    args = ["lint", str(tmp_path), "--no-builtin-rules", "--rules", str(rules), "--no-languagetool", "--fluency", "off"]
    assert main(args) == ExitCode.ERROR
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) >= 2  # one line per mistake, each its own "error:" line
    assert all(line.startswith(f"error: {rules}:") for line in lines)


def test_an_interrupt_exits_130_with_one_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_module, "run_lint", interrupted)
    assert main(["lint", str(tmp_path), "--no-languagetool", "--fluency", "off"]) == ExitCode.INTERRUPTED == 130
    # click turns Ctrl-C inside a command into Abort, after ending the current line
    assert capsys.readouterr().err == "\naborted\n"
