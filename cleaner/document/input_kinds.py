"""Opening an article safely: only regular files are read, and never blocked on.

A named pipe, a device or a socket called ``*.txt`` would make a plain
``open()`` wait forever (a FIFO with no writer) or read without end
(``/dev/zero``), so the file's kind is checked with ``stat`` before it is
opened, the open itself is non-blocking, and the kind is checked again on
the open descriptor (the path may have been swapped in between).  The bytes
are read in blocks so the NUL check sees the whole file and a binary file is
refused at its first NUL without reading the rest.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from cleaner.errors import InputError

BLOCK = 1 << 20
"""Bytes read at a time."""

_KINDS: tuple[tuple[object, str], ...] = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def special_kind(mode: int) -> str | None:
    """What a non-regular, non-folder file is ("a named pipe (FIFO)"), or None for a regular file."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    for test, name in _KINDS:
        if callable(test) and test(mode):
            return name
    return "not a regular file"


def refuse_special(path: str, mode: int) -> None:
    """Raise InputError for a folder or a special file; return for a regular file."""
    if stat.S_ISDIR(mode):
        raise InputError(path, "is a folder, not a file")
    kind = special_kind(mode)
    if kind is not None:
        raise InputError(path, f"is {kind}, not a regular file; refused (reading it could block or never end)")


def open_regular(path: str) -> BinaryIO:
    """Open ``path`` for reading only if it is a regular file; never blocks on a FIFO."""
    try:
        refuse_special(path, Path(path).stat().st_mode)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    try:
        refuse_special(path, os.fstat(fd).st_mode)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def blocks(stream: BinaryIO, path: str) -> Iterator[bytes]:
    """The stream's bytes, a block at a time; a read error is an InputError naming the file."""
    while True:
        try:
            block = stream.read(BLOCK)
        except OSError as exc:
            raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
        if not block:
            return
        yield block
