"""Finding and reading articles: paths in, decoded text (or a one-line error) out.

Reading never half-succeeds: a file is either fully decoded as UTF-8 text or
reported with the reason (missing, binary, invalid UTF-8 at byte N); an empty or
whitespace-only article is simply clean,
and the rest of the batch goes on.  The newline style and a BOM are recorded so
that ``fix`` can write the file back exactly as it found it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from cleaner.document.discovery import STDIN
from cleaner.errors import InputError

_BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class Source:
    """One article's text as read, with what is needed to write it back unchanged."""

    path: str
    text: str
    newline: str = "\n"
    bom: bool = False

    @property
    def is_stdin(self) -> bool:
        return self.path == "<stdin>"

    @property
    def suffix(self) -> str:
        return Path(self.path).suffix.lower()


def read_source(path: str) -> Source:
    """Read and decode one article; raise InputError saying exactly what is wrong."""
    if path == STDIN:
        data = sys.stdin.buffer.read()
        shown = "<stdin>"
    else:
        shown = path
        try:
            data = Path(path).read_bytes()
        except IsADirectoryError:
            raise InputError(path, "is a folder, not a file") from None
        except OSError as exc:
            raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    return decode(shown, data)


def decode(path: str, data: bytes) -> Source:
    """Decode bytes as UTF-8 text, refusing binary data with a precise message."""
    nul = data.find(b"\0", 0, 8192)
    if nul >= 0:
        raise InputError(path, f"binary file (NUL byte at offset {nul})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"invalid UTF-8 at byte offset {exc.start} (byte 0x{data[exc.start]:02x})") from None
    bom = text.startswith(_BOM)
    if bom:
        text = text[1:]
    return Source(path, text, newline=_newline_style(text), bom=bom)


def _newline_style(text: str) -> str:
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    if crlf > lf and crlf >= cr:
        return "\r\n"
    if cr > lf:
        return "\r"
    return "\n"
