"""Bad input: one clear line naming the file and what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.document.sources import decode, read_source
from cleaner.errors import InputError


def test_invalid_utf8_names_the_byte_offset() -> None:
    with pytest.raises(InputError, match=r"a\.txt: invalid UTF-8 at byte offset 4 \(byte 0xff\)"):
        decode("a.txt", b"abcd\xffef")


def test_binary_file() -> None:
    with pytest.raises(InputError, match=r"binary file \(NUL byte at offset 2\)"):
        decode("b.bin", b"ab\x00cd")


@pytest.mark.parametrize("data", [b"", b" \n\t", b"\xef\xbb\xbf\r\n"])
def test_blank_articles_are_text(data: bytes) -> None:
    src = decode("e.txt", data)
    assert src.text.strip() == ""


def test_newline_style_and_bom_are_recorded() -> None:
    src = decode("w.txt", "\ufeffa\r\nb\r\n".encode())
    assert (src.text, src.newline, src.bom) == ("a\r\nb\r\n", "\r\n", True)


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        read_source(str(tmp_path))
