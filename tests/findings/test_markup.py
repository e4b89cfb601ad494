"""Findings about blanks that are really markup are dropped; findings about real spaces stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.document.document import Document
from cleaner.document.formats import load_document
from cleaner.document.sources import Source
from cleaner.findings.finding import Finding
from cleaner.findings.markup import about_blanked_markup, without_markup_blanks
from tests.support.article_kit import run_cli
from tests.support.fix_cases import finding


def flagged(path: str, text: str, flagged_text: str, replacement: str) -> tuple[Document, Finding]:
    doc = load_document(Source(path, text))
    start = text.index(flagged_text)
    return doc, finding(text, start, start + len(flagged_text), replacement)


@pytest.mark.parametrize(
    ("path", "text", "flagged_text", "replacement"),
    [
        ("a.md", 'He said <a href="x">this</a>. Fine.\n', "</a>.", "."),
        ("a.md", "And *no*! Done.\n", "*!", "!"),
        ("a.html", "<p>See <a href='https://x.org'>the report</a>. Fine.</p>\n", "</a>.", "."),
    ],
)
def test_a_space_before_punctuation_that_is_markup_is_dropped(
    path: str, text: str, flagged_text: str, replacement: str
) -> None:
    doc, f = flagged(path, text, flagged_text, replacement)
    assert about_blanked_markup(doc, f)
    assert without_markup_blanks(doc, [f]) == []


def test_a_real_space_beside_the_markup_keeps_the_finding() -> None:
    doc, f = flagged("a.md", 'He said <a href="x">this</a> . Fine.\n', "</a> .", ".")
    assert not about_blanked_markup(doc, f)


def test_a_word_finding_over_markup_is_not_about_the_blanks() -> None:
    doc, f = flagged("a.md", "The *pricing* talks.\n", "*pricing* talks", "trade talks")
    assert not about_blanked_markup(doc, f)


def test_plain_text_is_left_alone() -> None:
    text = "He said this . Fine.\n"
    doc, f = flagged("a.txt", text, "this .", "this.")
    assert without_markup_blanks(doc, [f]) == [f]


def test_clean_markdown_and_html_with_markup_before_punctuation_lint_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.md").write_text(
        'See [the report](https://example.com/r).\n\nHe said <a href="x">this</a>. And *no*! Done.\n'
    )
    (tmp_path / "b.html").write_text('<p>See <a href="https://x.org">the report</a>. It is <em>fine</em>!</p>\n')
    code, out, _ = run_cli(capsys, "lint", str(tmp_path), "--no-languagetool", "--fluency", "off")
    assert "PUNCT_SPACE_BEFORE" not in out
    assert code == 0, out
