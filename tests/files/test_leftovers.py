"""Temporary files of atomic writes: the names we write are the names the sweep recognises."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from cleaner.files.leftovers import STALE_SECONDS, is_leftover, sweep, temp_prefix


def _dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_a_temporary_file_named_by_temp_prefix_is_ours_and_left_alone_while_we_live(tmp_path: Path) -> None:
    target = tmp_path / "story.v2.md"
    fd, name = tempfile.mkstemp(dir=tmp_path, prefix=temp_prefix(target), suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    assert tmp.name.startswith(".story.v2.md.cleaner-")
    mtime = tmp.lstat().st_mtime
    assert not is_leftover(tmp, now=mtime + 1)  # our own, fresh
    assert is_leftover(tmp, now=mtime + STALE_SECONDS + 1)  # over an hour old: the pid may be reused


def test_a_file_of_a_dead_writer_is_a_leftover_at_once(tmp_path: Path) -> None:
    tmp = tmp_path / f".a.txt.cleaner-{_dead_pid()}-x1y2.tmp"
    tmp.write_text("half an article")
    assert is_leftover(tmp)


def test_names_that_are_not_ours_and_vanished_files_are_never_leftovers(tmp_path: Path) -> None:
    dead = _dead_pid()
    for name in (f".a.txt.other-{dead}-x1.tmp", f"a.txt.cleaner-{dead}-x1.tmp", f".a.txt.cleaner-{dead}-x1.bak"):
        path = tmp_path / name
        path.write_text("x")
        assert not is_leftover(path), name
    assert not is_leftover(tmp_path / f".gone.txt.cleaner-{dead}-x1.tmp")  # matches, but is not there


def test_sweep_removes_only_leftovers_and_an_unreadable_folder_gives_nothing(tmp_path: Path) -> None:
    dead = _dead_pid()
    article = tmp_path / "a.txt"
    article.write_text("Trade talks.")
    leftover = tmp_path / f".a.txt.cleaner-{dead}-k3.tmp"
    leftover.write_text("half")
    live = tmp_path / f".a.txt.cleaner-{os.getpid()}-k4.tmp"
    live.write_text("being written")
    assert sweep(tmp_path) == [leftover]
    assert article.exists() and live.exists() and not leftover.exists()
    assert sweep(tmp_path / "no-such-folder") == []
