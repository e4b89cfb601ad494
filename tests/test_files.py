"""Atomic writes: all of the new content or none; mode, BOM and newline style kept."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest

from cleaner.document.sources import decode
from cleaner.files import WriteError, encode, load_cache, store_cache, write_atomic, write_text_atomic


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_replaces_the_content_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old\n")
    target.chmod(0o640)
    write_atomic(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _leftovers(tmp_path) == []


def test_a_new_file_gets_the_umask_default(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "new.html", "<p>x</p>")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.html").stat().st_mode) == 0o644


@pytest.mark.parametrize(
    "data",
    [
        b"line one\r\nline two\r\n",
        b"\xef\xbb\xbfwith a BOM\nand LF\n",
        b"\xef\xbb\xbfBOM and CRLF\r\nno final newline",
        b"old Mac\rline\r",
        b"mixed\r\nstyles\nkept\r\n",
    ],
)
def test_encoding_the_unchanged_text_gives_back_the_same_bytes(data: bytes) -> None:
    source = decode("a.txt", data)
    assert encode(source.text, source) == data


def test_newlines_an_edit_adds_follow_the_file_style() -> None:
    source = decode("a.txt", b"\xef\xbb\xbfone\r\ntwo\r\n")
    assert encode(source.text.replace("one", "one\nand a half"), source) == b"\xef\xbb\xbfone\r\nand a half\r\ntwo\r\n"


def test_writes_through_a_symlink_to_the_real_file(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


def test_a_failed_rename_leaves_the_original_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"original")

    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(WriteError, match="No space left on device"):
        write_atomic(target, b"new content")
    assert target.read_bytes() == b"original"
    assert _leftovers(tmp_path) == []


def test_an_interrupted_write_leaves_the_original_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"original")

    def interrupt(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new content")
    assert target.read_bytes() == b"original"
    assert _leftovers(tmp_path) == []


def test_a_folder_or_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="is a folder"):
        write_atomic(tmp_path, b"x")
    with pytest.raises(WriteError):
        write_atomic(tmp_path / "missing" / "a.txt", b"x")


def test_a_folder_that_cannot_be_written_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"original")

    def refuse(**kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(WriteError, match="Permission denied"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"original"


def test_a_cache_round_trips_and_a_wrong_or_broken_one_reads_as_missing(tmp_path: Path) -> None:
    entry = tmp_path / "deep" / "c.pickle"
    store_cache(entry, {"a": 1})
    assert load_cache(entry, dict) == {"a": 1}
    assert load_cache(entry, list) is None
    entry.write_bytes(b"not a pickle")
    assert load_cache(entry, dict) is None
    assert load_cache(tmp_path / "missing.pickle", dict) is None


def test_a_cache_that_cannot_be_written_is_skipped(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    store_cache(blocker / "c.pickle", [1])  # its folder is a file: nothing raised, nothing stored
    assert load_cache(blocker / "c.pickle", list) is None


def test_loading_a_cache_pauses_the_collector_and_leaves_it_as_it_was(tmp_path: Path) -> None:
    import gc

    entry = tmp_path / "entry.pickle"

    class Probe:  # unpickled by calling _probe, which notes whether the collector runs
        def __reduce__(self) -> tuple[object, tuple[()]]:
            return _probe, ()

    store_cache(entry, {"probe": Probe()})
    assert gc.isenabled()
    assert load_cache(entry, dict) is not None
    assert _seen == [False] and gc.isenabled()  # paused while unpickling, enabled after
    gc.disable()
    try:
        assert load_cache(entry, dict) is not None
        assert not gc.isenabled()  # a caller's own pause is kept
    finally:
        gc.enable()
    assert load_cache(tmp_path / "missing.pickle", dict) is None and gc.isenabled()


_seen: list[bool] = []


def _probe() -> None:
    import gc

    _seen.append(gc.isenabled())
