"""Opening articles: only regular files, never blocking, every refusal one line naming the file."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest

from cleaner.document import input_kinds
from cleaner.document.input_kinds import BLOCK, blocks, open_regular, refuse_special, special_kind
from cleaner.errors import InputError


@pytest.mark.parametrize(
    ("mode", "kind"),
    [
        (stat.S_IFIFO, "a named pipe (FIFO)"),
        (stat.S_IFCHR, "a character device"),
        (stat.S_IFBLK, "a block device"),
        (stat.S_IFSOCK, "a socket"),
        (stat.S_IFREG, None),
        (stat.S_IFDIR, None),
    ],
)
def test_special_kind_names_what_is_not_a_regular_file(mode: int, kind: str | None) -> None:
    assert special_kind(mode | 0o644) == kind


def test_refuse_special_lets_regular_files_through_and_names_folders_and_devices() -> None:
    refuse_special("a.txt", stat.S_IFREG | 0o644)
    with pytest.raises(InputError, match=r"^desk: is a folder, not a file$"):
        refuse_special("desk", stat.S_IFDIR | 0o755)
    with pytest.raises(InputError, match=r"^zero\.txt: is a character device, not a regular file; refused"):
        refuse_special("zero.txt", stat.S_IFCHR | 0o666)


def test_a_regular_file_is_opened_for_reading(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"Trade talks.")
    with open_regular(str(path)) as stream:
        assert stream.read() == b"Trade talks."


def test_missing_files_and_fifos_are_refused_before_anything_is_opened(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"gone\.txt: no such file$"):
        open_regular(str(tmp_path / "gone.txt"))
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match=r"pipe\.txt: is a named pipe \(FIFO\), not a regular file"):
        open_regular(str(fifo))


def test_a_path_swapped_for_a_fifo_after_the_check_is_refused_on_the_descriptor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fifo = tmp_path / "swapped.txt"
    os.mkfifo(fifo)

    class LooksRegular:  # what the path was when stat() looked at it
        def __init__(self, _path: str) -> None:
            pass

        def stat(self) -> os.stat_result:
            return os.stat_result((stat.S_IFREG | 0o644, 0, 0, 1, 0, 0, 0, 0, 0, 0))

    monkeypatch.setattr(input_kinds, "Path", LooksRegular)
    before = len(list(Path("/proc/self/fd").iterdir()))
    with pytest.raises(InputError, match="is a named pipe"):
        open_regular(str(fifo))  # the non-blocking open returns at once; fstat sees the FIFO
    assert len(list(Path("/proc/self/fd").iterdir())) == before  # the descriptor was closed


def test_blocks_reads_in_blocks_and_turns_read_errors_into_one_line() -> None:
    data = b"x" * (BLOCK + 3)
    assert [len(b) for b in blocks(io.BytesIO(data), "big.txt")] == [BLOCK, 3]

    class Failing(io.RawIOBase):
        def read(self, size: int = -1) -> bytes:
            raise OSError(5, "Input/output error")

    with pytest.raises(InputError, match=r"^disk\.txt: cannot read: Input/output error$"):
        list(blocks(Failing(), "disk.txt"))  # type: ignore[arg-type]
