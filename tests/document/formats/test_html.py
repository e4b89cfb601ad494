"""HTML articles: text between tags is prose; tags, attributes, code and scripts are not."""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.document.document import Document
from cleaner.document.formats import LOADERS
from cleaner.document.formats.html import load_html
from cleaner.document.sources import Source
from tests.support.article_kit import rule_args, run_cli

ARTICLE = """\
<!DOCTYPE html>
<html lang="en">
<head><title>Pricing talks</title><style>p.pricing-talks { color: red }</style></head>
<body>
<h1 class="headline">Trump and <em>Chinese</em> chief meet</h1>
<p>China and the US accepted more pricing
talks, see <a href="https://example.com/pricing-talks" title="pricing talks">the pricing talks report</a>.</p>
<blockquote><p>We will conclude an agreement, he said.</p></blockquote>
<p>AT&amp;T said <q>pricing talks</q> matter.<br>A new line.</p>
<pre>pricing talks in pre</pre>
<p>Run <code>pricing talks</code> now.</p>
<script>var s = "<p>pricing talks</p>";</script>
<!-- pricing talks in a comment -->
<img alt="pricing talks" src="pricing-talks.png">
</body>
</html>
"""


def html(text: str) -> Document:
    return load_html(Source("a.html", text))


def test_registered_for_html_suffixes() -> None:
    for suffix in (".html", ".htm"):
        loaded = LOADERS[suffix](Source(f"a{suffix}", ARTICLE))
        assert loaded.check_text == load_html(Source(f"a{suffix}", ARTICLE)).check_text
        assert loaded.format == "html"


def test_only_text_between_tags_is_visible() -> None:
    doc = html(ARTICLE)
    assert len(doc.check_text) == len(doc.text)
    for orig, seen in zip(doc.text, doc.check_text, strict=True):
        assert seen == orig or (seen == " " and orig not in "\r\n")
    seen = doc.check_text
    assert "Trump and     Chinese      chief meet" in seen
    assert "accepted more pricing\ntalks, see" in seen
    assert "AT&amp;T said" in seen  # character references stay as written
    for hidden in ("<", ">", "href", "pricing-talks", "in pre", "var s", "in a comment", "color", "Pricing talks"):
        assert hidden not in seen, hidden
    assert seen.count("pricing talks") == 2  # the link text and the <q>


def test_headlines_quotes_and_paragraphs() -> None:
    doc = html(ARTICLE)
    assert [h.slice(doc.text) for h in doc.headlines] == ["Trump and <em>Chinese</em> chief meet"]
    quoted = {q.slice(doc.text) for q in doc.quotes}
    assert {"We will conclude an agreement, he said.", "pricing talks"} <= quoted
    paragraphs = [p.slice(doc.check_text) for p in doc.paragraphs]
    assert "A new line." in paragraphs  # <br> ends a paragraph
    assert any(p.startswith("China and the US") and p.endswith("report    .") for p in paragraphs)
    assert [r.slice(doc.text) for r in (r.span for r in doc.regions if r.kind == "comment")] == [
        "<!-- pricing talks in a comment -->"
    ]


def test_crlf_lines_and_columns() -> None:
    doc = html("<p>one</p>\r\n<p>The <b>pricing</b> talks</p>\r\n")
    at = doc.check_text.index("pricing")
    assert doc.line_col(at) == (2, 11)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from([*"ab <>/=\"'&;#\n\r!-", "<p>", "</p>", "<code>", "<!--", "-->", "<h1>", "&amp;"])).map(
        "".join
    )
)
def test_any_input_keeps_offsets(text: str) -> None:
    doc = html(text)
    assert len(doc.check_text) == len(text)
    for orig, seen in zip(text, doc.check_text, strict=True):
        assert seen == orig or (seen == " " and orig not in "\r\n")


@pytest.fixture
def rules(write_rules: Callable[[str], Path]) -> list[str]:
    return rule_args(write_rules)


def test_lint_positions_refer_to_the_file(tmp_path: Path, rules: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    art = tmp_path / "a.html"
    art.write_text(ARTICLE, encoding="utf-8")
    code, out, _ = run_cli(capsys, "lint", str(art), "--format", "json", *rules)
    assert code == 1
    found = json.loads(out)["files"][0]["findings"]
    assert sorted((f["rule_id"], f["line"], f["column"], f["text"]) for f in found) == [
        ("T_CHINESE_CHIEF", 5, 36, "Chinese</em> chief"),
        ("T_CONCLUDE", 8, 24, "conclude an agreement"),
        ("T_PRICING_TALKS", 6, 35, "pricing\ntalks"),
        ("T_PRICING_TALKS", 7, 82, "pricing talks"),
        ("T_PRICING_TALKS", 9, 21, "pricing talks"),
    ]


def test_fix_changes_only_the_corrected_words(
    tmp_path: Path, rules: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    art = tmp_path / "a.htm"
    art.write_text(ARTICLE, encoding="utf-8")
    code, _, err = run_cli(capsys, "fix", str(art), *rules)
    assert code in (0, 1), err
    after = art.read_text(encoding="utf-8")
    expected = (
        ARTICLE.replace("</em> chief meet", "</em> leader meet")
        .replace("more pricing\ntalks,", "more trade\ntalks,")
        .replace("the pricing talks report", "the trade talks report")
        .replace("conclude an agreement", "reach an agreement")
        .replace("<q>pricing talks</q>", "<q>trade talks</q>")
    )
    assert after == expected, "".join(difflib.unified_diff(expected.splitlines(True), after.splitlines(True)))
