"""``[[suppress]]`` entries: which articles they name, which parts of the copy they cover, how warnings name them."""

from __future__ import annotations

from pathlib import Path

from cleaner.document import Document, Span
from cleaner.findings.suppress_entries import SuppressEntry

TEXT = "They held pricing talks.\nThey will hold pricing\ntalks soon.\nNothing here.\n"


def test_path_is_a_path_or_glob_relative_to_the_configuration_folder(tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    article = str(tmp_path / "news" / "a.txt")
    assert SuppressEntry(path="news/*.txt", rule="R", root=tmp_path).applies_to(article)
    assert SuppressEntry(path="./news/a.txt", rule="R", root=tmp_path).applies_to(article)
    assert not SuppressEntry(path="news/*.md", rule="R", root=tmp_path).applies_to(article)
    # relative to the configuration's folder, not to wherever the article is
    assert not SuppressEntry(path="a.txt", rule="R", root=tmp_path).applies_to(article)
    assert not SuppressEntry(path="*", rule="R", root=tmp_path / "news" / "deeper").applies_to(article)
    assert not SuppressEntry(path="*", rule="R", root=tmp_path).applies_to("<stdin>")


def test_text_matches_across_different_wrapping_and_line_narrows_it() -> None:
    doc = Document.from_text(TEXT)
    wrapped = SuppressEntry(path="a.txt", rule="R", text="pricing   talks")
    first, second = wrapped.spans(doc)
    assert doc.text[first.start : first.end] == "pricing talks"
    assert doc.text[second.start : second.end] == "pricing\ntalks"
    on_line_2 = SuppressEntry(path="a.txt", rule="R", text="pricing talks", line=2)
    assert on_line_2.spans(doc) == [second]  # starts on line 2, though it ends on line 3


def test_line_alone_covers_that_line_and_neither_covers_the_article() -> None:
    doc = Document.from_text(TEXT)
    (line,) = SuppressEntry(path="a.txt", rule="R", line=4).spans(doc)
    assert doc.text[line.start : line.end] == "Nothing here.\n"
    assert SuppressEntry(path="a.txt", rule="R").spans(doc) == [Span(0, len(TEXT))]


def test_a_line_or_text_that_is_not_there_covers_nothing() -> None:
    doc = Document.from_text(TEXT)
    assert SuppressEntry(path="a.txt", rule="R", line=len(doc.line_starts) + 1).spans(doc) == []
    assert SuppressEntry(path="a.txt", rule="R", text="trade talks").spans(doc) == []
    assert SuppressEntry(path="a.txt", rule="R", text="pricing talks", line=4).spans(doc) == []


def test_describe_and_as_config_name_only_the_fields_given() -> None:
    full = SuppressEntry(path="a.txt", rule="R", text="held talks", line=2)
    assert full.describe() == "rule R, path 'a.txt', text 'held talks', line 2"
    assert full.as_config() == {"path": "a.txt", "rule": "R", "text": "held talks", "line": 2}
    bare = SuppressEntry(path="a.txt", rule="*")
    assert bare.describe() == "rule *, path 'a.txt'"
    assert bare.as_config() == {"path": "a.txt", "rule": "*"}
