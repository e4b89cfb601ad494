"""Plain text: the whole file is prose and each line a paragraph."""

from __future__ import annotations

from cleaner.document.formats.plain import load_plain
from cleaner.document.sources import Source


def test_everything_is_prose_even_what_looks_like_markup() -> None:
    text = "<b>Trade</b> talks # not a heading\n"
    doc = load_plain(Source(path="a.txt", text=text))
    assert doc.format == "text" and doc.path == "a.txt"
    assert doc.check_text == text
    assert doc.regions == ()


def test_each_non_blank_line_is_a_paragraph() -> None:
    text = "First line.\nSecond line.\n\nThird."
    doc = load_plain(Source(path="a.txt", text=text))
    assert [s.slice(text) for s in doc.paragraphs] == ["First line.", "Second line.", "Third."]
