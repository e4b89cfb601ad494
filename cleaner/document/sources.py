"""Finding and reading articles: paths in, decoded text (or a one-line error) out.

Reading never half-succeeds: a file is either fully decoded as UTF-8 text
(or UTF-16/UTF-32 with a byte-order mark) or reported with the reason
(missing, not a regular file, unreadable folder, binary, invalid UTF-8 at
byte N); an empty or whitespace-only article is simply clean, and the rest
of the batch goes on.  Named pipes, devices and sockets are refused before
they are opened (:mod:`.input_kinds`).  The newline style, the BOM and the
encoding are recorded so that ``fix`` can write the file back exactly as it
found it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cleaner.document.discovery import STDIN
from cleaner.document.encodings import UTF8, marked_encoding, unmarked_utf16_hint
from cleaner.document.input_kinds import blocks, open_regular
from cleaner.errors import InputError

_BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class Source:
    """One article's text as read, with what is needed to write it back unchanged."""

    path: str
    text: str
    newline: str = "\n"
    bom: bool = False
    encoding: str = UTF8
    """Python codec of the file: utf-8, or utf-16-le/-be, utf-32-le/-be (always with their BOM)."""

    @property
    def is_stdin(self) -> bool:
        return self.path == "<stdin>"

    @property
    def suffix(self) -> str:
        return Path(self.path).suffix.lower()


def read_source(path: str) -> Source:
    """Read and decode one article; raise InputError saying exactly what is wrong."""
    if path == STDIN:
        return decode("<stdin>", _read_checked(sys.stdin.buffer, "<stdin>"))
    with open_regular(path) as stream:
        return decode(path, _read_checked(stream, path))


def _read_checked(stream: BinaryIO, path: str) -> bytes:
    """All the bytes, refusing binary data at its first NUL (UTF-16/32 with a BOM aside)."""
    parts: list[bytes] = []
    size = 0
    marked = False
    for block in blocks(stream, path):
        if not parts:
            marked = marked_encoding(block) is not None
        if not marked:
            nul = block.find(b"\0")
            if nul >= 0:
                data = b"".join(parts) + block
                raise InputError(path, _binary(data, size + nul, path))
        parts.append(block)
        size += len(block)
    return b"".join(parts)


def _binary(data: bytes, offset: int, path: str) -> str:
    return f"binary file (NUL byte at offset {offset}){unmarked_utf16_hint(data, path)}"


def decode(path: str, data: bytes) -> Source:
    """Decode bytes as UTF-8 text (or UTF-16/32 after its BOM), refusing binary data with a precise message."""
    marked = marked_encoding(data)
    if marked is not None:
        return _decode_marked(path, data, marked.codec, marked.label, len(marked.bom))
    nul = data.find(b"\0")
    if nul >= 0:
        raise InputError(path, _binary(data, nul, path))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"invalid UTF-8 at byte offset {exc.start} (byte 0x{data[exc.start]:02x})") from None
    bom = text.startswith(_BOM)
    if bom:
        text = text[1:]
    return Source(path, text, newline=_newline_style(text), bom=bom)


def _decode_marked(path: str, data: bytes, codec: str, label: str, skip: int) -> Source:
    try:
        text = data[skip:].decode(codec)
    except UnicodeDecodeError as exc:
        problem = f"invalid {label} at byte offset {skip + exc.start} (after a {label} byte-order mark)"
        raise InputError(path, problem) from None
    nul = text.find("\0")
    if nul >= 0:
        raise InputError(path, f"binary file ({label} byte-order mark, then a NUL character at character {nul})")
    return Source(path, text, newline=_newline_style(text), bom=True, encoding=codec)


def _newline_style(text: str) -> str:
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    if crlf > lf and crlf >= cr:
        return "\r\n"
    if cr > lf:
        return "\r"
    return "\n"
