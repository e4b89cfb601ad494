"""``cleaner batch`` as a user runs it: a real process, a real embedded two-worker cluster."""

from __future__ import annotations

import json
import os
import pty
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.support.cmd_fixtures import ARTICLE

REPO = Path(__file__).resolve().parents[2]


def _cleaner(
    *args: str, stderr: int | None = subprocess.PIPE, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(
        [sys.executable, "-m", "cleaner", *args],
        stdout=subprocess.PIPE,
        stderr=stderr,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )


def _corpus(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(5):
        (folder / f"a{n}.txt").write_text(f"Article {n}.\n\nThe the minister spoke.\n{ARTICLE}", encoding="utf-8")
    corpus = tmp_path / "wire.jsonl"
    lines = [json.dumps({"id": f"w{n}", "body": f"Wire {n}.\n\nThe the minister spoke.\n{ARTICLE}"}) for n in range(5)]
    corpus.write_text("\n".join([*lines, "{not json"]) + "\n", encoding="utf-8")
    return folder, corpus


def test_batch_writes_parts_summary_and_reports_and_is_quiet_when_piped(tmp_path: Path) -> None:
    folder, corpus = _corpus(tmp_path)
    out = tmp_path / "out"
    args = [str(folder), str(corpus), "--out", str(out), "--text-field", "body", "--workers", "2"]
    done = _cleaner("batch", *args, "--partition-size", "3", "--no-languagetool", "--html")
    assert done.returncode == 2, done.stderr  # one bad line: recorded, and the exit code says so
    assert done.stderr == ""
    assert "linted 11 articles in 4 partitions on 2 workers" in done.stdout
    assert "corpus: 10 articles" in done.stdout and "1 input error" in done.stdout
    assert len(list(out.glob("part-*.jsonl"))) == 4
    summary = json.loads((out / "summary.json").read_text())
    assert (summary["articles"], summary["errors"], summary["errors_by_kind"]) == (10, 1, {"not valid JSON": 1})
    assert summary["findings"] > 0 and summary["by_engine"]["rules"] > 0
    assert len(list((out / "reports").glob("*.html"))) == 10

    (folder / "a0.txt").write_text(f"Changed.\n\nThe the minister spoke.\n{ARTICLE}", encoding="utf-8")
    primary, replica = pty.openpty()
    try:
        again = _cleaner("batch", *args, "--no-languagetool", stderr=replica)
        os.close(replica)
        terminal = b""
        while chunk := _read(primary):
            terminal += chunk
    finally:
        os.close(primary)
    assert "linted 1 article in 1 partition" in again.stdout  # the changed file; the bad line's error is kept
    assert "10 skipped" in again.stdout
    assert b"linting (10 already done)" in terminal


def _read(fd: int) -> bytes:
    try:
        return os.read(fd, 65536)
    except OSError:  # the other end is closed
        return b""


def test_unreachable_scheduler_is_one_line_and_exit_2_in_bounded_time(tmp_path: Path) -> None:
    folder, _ = _corpus(tmp_path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.monotonic()
    done = _cleaner(
        "batch",
        str(folder),
        "--out",
        str(tmp_path / "out"),
        "--no-languagetool",
        "--scheduler",
        f"tcp://127.0.0.1:{port}",
        "--connect-timeout",
        "2",
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"error: cannot reach the Dask scheduler at tcp://127.0.0.1:{port} within 2 s")
    assert time.monotonic() - started < 30


def test_workers_and_scheduler_exclude_each_other(tmp_path: Path) -> None:
    folder, _ = _corpus(tmp_path)
    done = _cleaner("batch", str(folder), "--out", str(tmp_path / "out"), "--workers", "2", "--scheduler", "tcp://x:1")
    assert done.returncode == 2
    assert "give one" in done.stderr
