"""Which Unicode encoding an article's bytes are in, judged by its byte-order mark.

Articles are UTF-8.  Word's "Unicode text" and some CMS exports are UTF-16
(or, rarely, UTF-32) with a byte-order mark; those are read as what they are
and written back by ``fix`` in the same encoding with the same mark, so they
need no conversion.  Without a mark, UTF-16 looks like binary data (every
other byte is NUL); the error then says so and gives the ``iconv`` command
that converts the file.
"""

from __future__ import annotations

from dataclasses import dataclass

UTF8 = "utf-8"


@dataclass(frozen=True, slots=True)
class Encoding:
    """A byte-order mark and the codec that decodes what follows it."""

    codec: str
    """Python codec name of the text after the mark."""
    label: str
    """How people call it (and ``iconv`` spells it)."""
    bom: bytes


# UTF-32 LE's mark starts with UTF-16 LE's, so the longer marks are tried first.
MARKED = (
    Encoding("utf-32-le", "UTF-32LE", b"\xff\xfe\x00\x00"),
    Encoding("utf-32-be", "UTF-32BE", b"\x00\x00\xfe\xff"),
    Encoding("utf-16-le", "UTF-16LE", b"\xff\xfe"),
    Encoding("utf-16-be", "UTF-16BE", b"\xfe\xff"),
)
BY_CODEC = {e.codec: e for e in MARKED}


def marked_encoding(head: bytes) -> Encoding | None:
    """The UTF-16/UTF-32 encoding whose byte-order mark ``head`` starts with, if any."""
    return next((e for e in MARKED if head.startswith(e.bom)), None)


def bom_of(codec: str) -> bytes:
    """The byte-order mark ``fix`` writes in front of text in ``codec`` (UTF-8's is handled by the caller)."""
    return BY_CODEC[codec].bom


def unmarked_utf16_hint(data: bytes, path: str) -> str:
    """A conversion hint when NUL-laden ``data`` looks like UTF-16 without a byte-order mark; else ''."""
    sample = data[:4096]
    even, odd = sample[0::2], sample[1::2]
    if len(sample) < 4:
        return ""
    for nuls, label in ((odd, "UTF-16LE"), (even, "UTF-16BE")):
        if nuls.count(0) >= 0.9 * len(nuls):
            return (
                f"; it looks like {label} text without a byte-order mark: convert it with "
                f"`iconv -f {label} -t UTF-8 {path} > converted.txt`"
            )
    return ""
