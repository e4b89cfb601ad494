"""Bad input: one clear line naming the file and what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.document.sources import collect, decode, read_source
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


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "arts").mkdir()
    (tmp_path / "arts" / "a.txt").write_text("x")
    (tmp_path / "arts" / "b.md").write_text("y")
    (tmp_path / "arts" / "c.png").write_bytes(b"\x89PNG")
    out = list(collect([str(tmp_path / "nope"), str(tmp_path / "empty"), str(tmp_path / "arts")]))
    errors = [str(o) for o in out if isinstance(o, InputError)]
    assert errors[0].endswith("nope: no such file or folder")
    assert "folder has no article files" in errors[1]
    assert [o for o in out if isinstance(o, str)] == [str(tmp_path / "arts" / "a.txt"), str(tmp_path / "arts" / "b.md")]


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        read_source(str(tmp_path))
