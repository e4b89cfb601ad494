"""Small batches run in the worker's own process; folders, big batches and explicit --jobs keep theirs."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.worker.jobs import SMALL_BATCH_BYTES, with_serial_jobs


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("a" * 100, encoding="utf-8")
    (tmp_path / "b.md").write_text("b" * 100, encoding="utf-8")
    (tmp_path / "big.md").write_text("c" * (SMALL_BATCH_BYTES + 1), encoding="utf-8")
    (tmp_path / "desk").mkdir()
    return tmp_path


@pytest.mark.parametrize(
    ("argv", "serial"),
    [
        (["lint", "a.md", "b.md", "--fail-on", "major"], True),
        (["fix", "a.md"], True),
        (["lint", "a.md", "big.md"], False),
        (["lint", "desk"], False),
        (["lint", "a.md", "--jobs", "2"], False),
        (["lint", "a.md", "-j2"], False),
        (["lint", "a.md", "--jobs=3"], False),
        (["lint", "missing.md"], True),
    ],
)
def test_with_serial_jobs(files: Path, argv: list[str], serial: bool) -> None:
    got = with_serial_jobs(argv)
    assert got == ([argv[0], "--jobs", "1", *argv[1:]] if serial else argv)


def test_a_dangling_option_keeps_its_own_error(files: Path) -> None:
    assert with_serial_jobs(["lint", "a.md", "--fail-on"])[-1] == "--fail-on"
