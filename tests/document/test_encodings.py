"""Byte-order marks: which encoding they announce, and the hint for UTF-16 that has none."""

from __future__ import annotations

import codecs

import pytest

from cleaner.document.encodings import MARKED, bom_of, marked_encoding, unmarked_utf16_hint


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_text_encoded_with_its_python_bom_is_recognised(codec: str) -> None:
    # Python's own "utf-16"/"utf-32" codecs write the platform's mark; build it explicitly per byte order
    data = {
        "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE,
        "utf-32-le": codecs.BOM_UTF32_LE,
        "utf-32-be": codecs.BOM_UTF32_BE,
    }[codec] + "Trade talks.".encode(codec)
    found = marked_encoding(data)
    assert found is not None and found.codec == codec
    assert data[len(found.bom) :].decode(found.codec) == "Trade talks."


def test_utf32_le_is_not_mistaken_for_utf16_le_whose_mark_it_starts_with() -> None:
    data = codecs.BOM_UTF32_LE + "a".encode("utf-32-le")
    assert data.startswith(codecs.BOM_UTF16_LE)
    found = marked_encoding(data)
    assert found is not None and found.label == "UTF-32LE"


@pytest.mark.parametrize("head", [b"", b"plain", codecs.BOM_UTF8 + b"text", b"\xff"])
def test_utf8_plain_or_truncated_heads_have_no_marked_encoding(head: bytes) -> None:
    assert marked_encoding(head) is None


def test_bom_of_gives_back_the_mark_each_encoding_is_recognised_by() -> None:
    for encoding in MARKED:
        assert marked_encoding(bom_of(encoding.codec)) == encoding
    with pytest.raises(KeyError):
        bom_of("utf-8")


@pytest.mark.parametrize(("codec", "label"), [("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE")])
def test_unmarked_utf16_gets_an_iconv_hint_with_its_byte_order_and_path(codec: str, label: str) -> None:
    hint = unmarked_utf16_hint("The talks resumed on Monday.".encode(codec), "news/a.txt")
    assert f"looks like {label} text without a byte-order mark" in hint
    assert f"iconv -f {label} -t UTF-8 news/a.txt" in hint
    assert "\n" not in hint


@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03\x04\x05\x06\x07", b"a\x00", b"ELF\x00binary\x00\xff\xfe data"])
def test_other_binary_data_or_too_short_a_sample_gets_no_hint(data: bytes) -> None:
    assert unmarked_utf16_hint(data, "x.txt") == ""
