"""The progress bar: on stderr for long runs on a terminal, silent otherwise."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from cleaner.progress import MIN_ITEMS, RunProgress, progress
from tests.support.cmd_fixtures import ARTICLE, Invoke, cli_runner


@pytest.fixture
def invoke(tmp_path: Path) -> Invoke:
    return cli_runner(tmp_path)


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_silent_when_stderr_is_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    assert list(progress(range(50), 50, "checking")) == list(range(50))
    assert capsys.readouterr().err == ""


def test_shown_when_stderr_is_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert list(progress(range(MIN_ITEMS), MIN_ITEMS, "checking")) == list(range(MIN_ITEMS))
    assert "checking" in terminal.getvalue()


def test_not_shown_for_a_few_files_even_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    list(progress(range(2), 2, "checking"))
    assert terminal.getvalue() == ""


def test_forced_on_even_without_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    assert list(progress(range(3), 3, "writing reports", enabled=True)) == [0, 1, 2]
    err = capsys.readouterr().err
    assert "writing reports" in err and "3/3" in err


@pytest.mark.parametrize("command", [["fix", "--dry-run"], ["report", "--out"]])
def test_fix_and_report_keep_stderr_clean_when_it_is_not_a_terminal(
    invoke: Invoke, tmp_path: Path, command: list[str]
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(MIN_ITEMS + 2):
        (folder / f"a{i}.txt").write_text(ARTICLE)
    args = [*command, str(tmp_path / "out")] if command[0] == "report" else command
    result = invoke(*args, str(folder))
    assert result.stderr == ""
    assert "━" not in result.stdout + result.stderr


def test_fix_and_report_use_the_bar_on_a_terminal(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cleaner.commands.lint as lint_module
    import cleaner.commands.report as report_module

    labels: list[str] = []

    def spy(items, total, label, enabled=None):
        labels.append(label)
        return progress(items, total, label, enabled)

    class SpyRun(RunProgress):
        def __init__(self, total, label, enabled=None):
            labels.append(label)
            super().__init__(total, label, enabled)

    monkeypatch.setattr(lint_module, "RunProgress", SpyRun)
    monkeypatch.setattr(report_module, "progress", spy)
    (tmp_path / "a.txt").write_text(ARTICLE)
    invoke("fix", "--dry-run", str(tmp_path / "a.txt"))
    invoke("report", "--out", str(tmp_path / "out"), str(tmp_path / "a.txt"))
    assert labels == ["checking", "checking", "writing reports"]
