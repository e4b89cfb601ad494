"""The batch progress bar: on a terminal (or when forced), silent otherwise."""

from __future__ import annotations

import pytest

from cleaner.batch.progress import BatchProgress


def test_forced_bar_shows_planned_done_and_skipped(capsys: pytest.CaptureFixture[str]) -> None:
    with BatchProgress(enabled=True) as bar:
        bar.planned(4, skipped=3)
        bar.advance(4)
    err = capsys.readouterr().err
    assert "linting (3 already done)" in err and "4/4" in err


def test_silent_when_stderr_is_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    with BatchProgress() as bar:
        bar.planned(10, skipped=0)
        bar.advance(10)
    assert capsys.readouterr().err == ""
