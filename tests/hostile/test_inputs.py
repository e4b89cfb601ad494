"""Hostile inputs: every one is answered at once with one line naming the file and the cause.

Missing, binary and invalid UTF-8 files, special files (FIFO, device,
socket) named like articles, UTF-16/UTF-32 text; the rest of the batch is
always still linted, and exit code 2 says an input was refused.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
from pathlib import Path

import pytest

from tests.support.cmd_fixtures import ARTICLE, FIXED

pytestmark = pytest.mark.timeout(300)


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def assert_refused_and_batch_goes_on(answer, bad: Path, cause: str) -> None:
    assert answer.code == 2, answer.stderr
    assert answer.errors == [f"error: {bad}: {cause}"] or (
        len(answer.errors) == 1 and answer.errors[0].startswith(f"error: {bad}: {cause}")
    ), answer.stderr
    assert "T_PRICING_TALKS" in answer.stdout  # the good article was still linted
    assert answer.seconds < 30


@pytest.mark.parametrize(
    ("name", "data", "cause"),
    [
        ("bad.txt", b"Pricing talks \xff ended.", "invalid UTF-8 at byte offset 14 (byte 0xff)"),
        ("late-nul.txt", b"a" * 12_508 + b"\0" + b"b" * 100, "binary file (NUL byte at offset 12508)"),
        ("far-nul.txt", b"word " * 400_000 + b"\0", "binary file (NUL byte at offset 2000000)"),
        ("image.png.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "binary file (NUL byte at offset 8)"),
    ],
)
def test_unreadable_content_is_one_line_with_the_offset(lint, tmp_path, good, name, data, cause):
    bad = tmp_path / name
    bad.write_bytes(data)
    assert_refused_and_batch_goes_on(lint(str(bad), str(good)), bad, cause)


def test_a_missing_file(lint, tmp_path, good):
    missing = tmp_path / "gone.txt"
    assert_refused_and_batch_goes_on(lint(str(missing), str(good)), missing, "no such file or folder")


def test_a_fifo_is_refused_at_once_and_never_opened_for_reading(lint, tmp_path, good):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    opened_by_a_reader = threading.Event()
    stop = threading.Event()

    def probe() -> None:  # a writer can open a FIFO without blocking only while a reader has it open
        while not stop.is_set():
            try:
                fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:
                stop.wait(0.002)
                continue
            os.close(fd)
            opened_by_a_reader.set()

    watcher = threading.Thread(target=probe, daemon=True)
    watcher.start()
    try:
        answer = lint(str(fifo), str(good), timeout=30)
    finally:
        stop.set()
        watcher.join()
    assert_refused_and_batch_goes_on(answer, fifo, "is a named pipe (FIFO), not a regular file")
    assert not opened_by_a_reader.is_set()


def test_a_fifo_inside_a_folder_is_named_too(lint, tmp_path):
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(folder / "b.md")
    answer = lint(str(folder), timeout=30)
    assert answer.code == 2
    assert len(answer.errors) == 1 and answer.errors[0].startswith(f"error: {folder / 'b.md'}: is a named pipe")
    assert "T_PRICING_TALKS" in answer.stdout


def test_a_device_named_like_an_article_is_refused(lint, tmp_path, good):
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    assert_refused_and_batch_goes_on(lint(str(zero), str(good), timeout=30), zero, "is a character device")


def test_a_socket_named_like_an_article_is_refused(lint, tmp_path, good):
    path = tmp_path / "s.txt"
    with contextlib.closing(socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)) as server:
        server.bind(str(path))
        server.listen(1)
        answer = lint(str(path), str(good), timeout=30)
    assert_refused_and_batch_goes_on(answer, path, "is a socket, not a regular file")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_a_bom_are_read_and_written_back_as_they_were(lint, fix, tmp_path, codec):
    from cleaner.document.encodings import BY_CODEC

    bom = BY_CODEC[codec].bom
    path = tmp_path / "word.txt"
    path.write_bytes(bom + ARTICLE.replace("\n", "\r\n").encode(codec))
    answer = lint(str(path))
    assert answer.code == 1
    assert f"{path}:1:11: major T_PRICING_TALKS" in answer.stdout
    assert fix(str(path)).code == 1  # the minor suggestion stays
    assert path.read_bytes() == bom + FIXED.replace("\n", "\r\n").encode(codec)


def test_utf16_without_a_bom_says_how_to_convert_it(lint, tmp_path, good):
    path = tmp_path / "nobom.txt"
    path.write_bytes(ARTICLE.encode("utf-16-le"))
    answer = lint(str(path), str(good))
    assert_refused_and_batch_goes_on(answer, path, "binary file (NUL byte at offset 1)")
    assert "looks like UTF-16LE text without a byte-order mark" in answer.errors[0]
    assert f"iconv -f UTF-16LE -t UTF-8 {path}" in answer.errors[0]


def test_a_utf8_bom_and_crlf_are_kept_by_fix(fix, tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode())
    fix(str(path))
    assert path.read_bytes() == b"\xef\xbb\xbf" + FIXED.replace("\n", "\r\n").encode()


def test_a_symlink_loop_and_a_dangling_link_are_one_line_each(lint, tmp_path, good):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "nowhere.txt")
    answer = lint(str(loop), str(dangling), str(good))
    assert answer.code == 2
    assert len(answer.errors) == 2
    assert answer.errors[0].startswith(f"error: {loop}: ")
    assert answer.errors[1] == f"error: {dangling}: no such file or folder"
    assert "T_PRICING_TALKS" in answer.stdout
