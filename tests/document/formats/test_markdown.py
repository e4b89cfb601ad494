"""Markdown articles: only prose is checked, positions are the file's, fixes keep the markup."""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.document.document import Document
from cleaner.document.formats import LOADERS, load_document
from cleaner.document.formats.markdown import load_markdown
from cleaner.document.sources import Source
from tests.support.article_kit import rule_args, run_cli

ARTICLE = """\
---
title: Pricing talks in the front matter
---
# Trump and *Chinese* chief meet

China and the US accepted more pricing
talks on Monday, see [pricing talks](https://example.com/pricing-talks "pricing talks").
Inline `pricing talks` code, <span title="pricing talks">tagged</span> text, <https://pricing-talks.example>.
Bare https://example.com/pricing_talks and desk@pricing-talks.example stay out.

> "We will conclude an agreement," he said.

```text
pricing talks inside a fence
```

    pricing talks in an indented block

<div class="pricing talks">
<p>HTML block with pricing talks</p>
</div>

![pricing talks](img/pricing-talks.png)

- A list item about pricing
  talks that wraps.
"""


def md(text: str, path: str = "a.md") -> Document:
    return load_markdown(Source(path, text))


def words_at(doc: Document, phrase: str) -> list[int]:
    """Offsets of ``phrase`` in the original text that the checker can see."""
    out = []
    start = doc.text.find(phrase)
    while start >= 0:
        if doc.check_text[start : start + len(phrase)] == phrase:
            out.append(start)
        start = doc.text.find(phrase, start + 1)
    return out


def assert_blanked_only(doc: Document) -> None:
    assert len(doc.check_text) == len(doc.text)
    for orig, seen in zip(doc.text, doc.check_text, strict=True):
        assert seen == orig or (seen == " " and orig not in "\r\n")


def test_registered_for_markdown_suffixes() -> None:
    for suffix in (".md", ".markdown"):
        loaded = LOADERS[suffix](Source(f"a{suffix}", ARTICLE))
        assert loaded.check_text == load_markdown(Source(f"a{suffix}", ARTICLE)).check_text
    assert load_document(Source("x.markdown", "Hi.\n")).format == "markdown"


def test_only_prose_is_visible() -> None:
    doc = md(ARTICLE)
    assert_blanked_only(doc)
    seen = doc.check_text
    # visible prose
    assert "Trump and  Chinese  chief meet" in seen
    assert "accepted more pricing\ntalks on Monday" in seen
    assert "HTML block with pricing talks" in seen
    assert '"We will conclude an agreement," he said.' in seen
    # left out: front matter, code, URLs, tags, attributes, images
    for hidden in (
        "title:",
        "https://",
        "pricing-talks",
        "pricing_talks",
        "inside a fence",
        "indented block",
        "span",
        "class=",
        "img/",
        "`",
        "desk@",
    ):
        assert hidden not in seen, hidden
    # the link text is prose, its destination and title are not
    link = doc.text.index("[pricing talks](")
    assert seen[link : link + 15] == " pricing talks "


def test_toml_front_matter_and_line_numbers_kept() -> None:
    doc = md('+++\ntitle = "pricing talks"\n+++\nThe pricing talks.\n')
    assert "title" not in doc.check_text
    assert doc.check_text.count("\n") == doc.text.count("\n")
    at = words_at(doc, "pricing talks")
    assert [doc.line_col(a) for a in at] == [(4, 5)]


def test_headlines_quotes_and_wrapped_paragraphs() -> None:
    doc = md(ARTICLE)
    assert [h.slice(doc.text) for h in doc.headlines] == ["Trump and *Chinese* chief meet"]
    assert any(q.slice(doc.text) == '"We will conclude an agreement," he said.' for q in doc.quotes)
    wrapped = [p for p in doc.paragraphs if "accepted more pricing" in p.slice(doc.check_text)]
    assert len(wrapped) == 1
    assert "stay out." in wrapped[0].slice(doc.text)
    item = [p for p in doc.paragraphs if "A list item" in p.slice(doc.check_text)]
    assert item and item[0].slice(doc.check_text).endswith("talks that wraps.")


def test_setext_heading_blockquote_lazy_lines_and_tables() -> None:
    doc = md(
        "Pricing talks\n=============\n\n> quoted pricing\ntalks lazily\n\n"
        "| a | b |\n|---|---|\n| x | pricing talks |\n"
    )
    assert [h.slice(doc.text) for h in doc.headlines] == ["Pricing talks"]
    assert "=" not in doc.check_text and "|" not in doc.check_text
    assert [q.slice(doc.check_text) for q in doc.quotes if "lazily" in q.slice(doc.text)] == [
        "quoted pricing\ntalks lazily"
    ]
    assert doc.line_col(words_at(doc, "pricing talks")[0]) == (9, 7)


def test_escapes_emphasis_and_reference_links() -> None:
    doc = md("A \\*starred\\* and **bold** word, snake_case_name, [ref text][r] and [r].\n\n[r]: https://x.example\n")
    seen = doc.check_text
    assert "A  *starred * and" in seen  # escaped asterisks are text, their backslashes are not
    assert "**" not in seen and "bold" in seen
    assert "snake_case_name" in seen  # intraword underscores are text
    assert " ref text " in seen and "[r]" not in seen and "https" not in seen


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from([*"ab \n\t>#*_`[]()<>!-+=|:/.\\\"'&;\r", "http://x", "```", "---", "<!--", "-->"])).map(
        "".join
    )
)
def test_any_input_keeps_offsets(text: str) -> None:
    doc = md(text)
    assert_blanked_only(doc)
    for p in doc.paragraphs:
        assert 0 <= p.start < p.end <= len(text)


@pytest.fixture
def rules(write_rules: Callable[[str], Path]) -> list[str]:
    return rule_args(write_rules)


def test_lint_positions_refer_to_the_file(tmp_path: Path, rules: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    art = tmp_path / "a.md"
    art.write_text(ARTICLE, encoding="utf-8")
    code, out, _ = run_cli(capsys, "lint", str(art), "--format", "json", *rules)
    assert code == 1
    found = json.loads(out)["files"][0]["findings"]
    got = sorted((f["rule_id"], f["line"], f["column"], f["text"]) for f in found)
    assert got == [
        ("T_CHINESE_CHIEF", 4, 14, "Chinese* chief"),
        ("T_CONCLUDE", 11, 12, "conclude an agreement"),
        ("T_PRICING_TALKS", 6, 32, "pricing\ntalks"),
        ("T_PRICING_TALKS", 7, 23, "pricing talks"),
        ("T_PRICING_TALKS", 20, 20, "pricing talks"),
        ("T_PRICING_TALKS", 25, 21, "pricing\n  talks"),
    ]
    text = art.read_text(encoding="utf-8")
    for f in found:
        assert text[f["start"] : f["end"]] == f["text"]


def test_fix_changes_only_the_corrected_words(
    tmp_path: Path, rules: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    art = tmp_path / "a.md"
    art.write_text(ARTICLE, encoding="utf-8")
    code, _, err = run_cli(capsys, "fix", str(art), *rules)
    assert code in (0, 1), err
    after = art.read_text(encoding="utf-8")
    expected = (
        ARTICLE.replace("*Chinese* chief meet", "*Chinese* leader meet")
        .replace("more pricing\ntalks on Monday", "more trade\ntalks on Monday")
        .replace("see [pricing talks](", "see [trade talks](")
        .replace("conclude an agreement", "reach an agreement")
        .replace("<p>HTML block with pricing talks</p>", "<p>HTML block with trade talks</p>")
        .replace("about pricing\n  talks", "about trade\n  talks")
    )
    assert after == expected, "".join(difflib.unified_diff(expected.splitlines(True), after.splitlines(True)))
    fixed = load_markdown(Source("a.md", after))
    assert [h.slice(fixed.text) for h in fixed.headlines] == ["Trump and *Chinese* leader meet"]


SCOPED = """\
rules:
  - id: S_HEADLINE_CHIEF
    match: "chief"
    replace: "leader"
    only: headline
    message: "Headline word."
    category: title
    severity: major
    confidence: 0.9
    examples:
      - bad: "The chief spoke."
        good: "The leader spoke."
  - id: S_NOT_IN_QUOTES
    match: "conclude an agreement"
    replace: "reach an agreement"
    skip: quote
    message: "Calque."
    category: calque
    severity: minor
    confidence: 0.9
    examples:
      - bad: "We conclude an agreement."
        good: "We reach an agreement."
"""


def test_rules_scoped_to_headlines_and_quotes(
    tmp_path: Path, write_rules: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    art = tmp_path / "a.md"
    art.write_text(
        "## The *chief* of staff\n\nThe chief spoke. They conclude an agreement.\n\n> They conclude an agreement.\n",
        encoding="utf-8",
    )
    args = ["--no-builtin-rules", "--rules", str(write_rules(SCOPED)), "--no-languagetool", "--format", "json"]
    code, out, _ = run_cli(capsys, "lint", str(art), *args)
    assert code == 1
    found = [(f["rule_id"], f["line"], f["column"]) for f in json.loads(out)["files"][0]["findings"]]
    assert found == [("S_HEADLINE_CHIEF", 1, 9), ("S_NOT_IN_QUOTES", 3, 23)]
