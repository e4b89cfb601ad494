"""The HTML article report and index: content, structure, and safety against hostile input."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from cleaner.findings.finding import Severity
from cleaner.report.html import IndexEntry, render_article_html, render_index_html
from tests.support.report_fakes import FakeRule, analyze, trade_result

HOSTILE_TEXT = (
    "Headline <script>alert(1)</script> pricing talks\n"
    "\n"
    'An attribute "><img src=x onerror=alert(1)> and a template {{ 7*7 }} {% raw %} here.\n'
    "Entities &amp; &lt;b&gt; stay text.\n"
)
HOSTILE_RULES = (
    FakeRule(
        r"pricing talks",
        ("trade talks</script><img src=x onerror=alert(3)>", "{{ 7*7 }}"),
        rule_id='"><img src=x onerror=alert(2)>',
        message='<script>alert("message")</script> {{ 7*7 }}',
        category="<b>cat</b>",
    ),
    FakeRule(r"<script>", (), rule_id="MARKUP", confidence=0.5, message="<i>suggestion</i>"),
    FakeRule(r"\{\{ 7\*7 \}\}", ("{{ 6*6 }}",), rule_id="TEMPLATE", confidence=0.95),
)


def soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def data_blob(soup: BeautifulSoup) -> Any:
    node = soup.find("script", id="report-data")
    assert isinstance(node, Tag)
    return json.loads(node.string or "")


@pytest.fixture(scope="module")
def hostile_html() -> str:
    return render_article_html(analyze(HOSTILE_TEXT, HOSTILE_RULES, path="evil<script>.txt"))


def test_hostile_text_and_messages_appear_only_as_escaped_text(hostile_html: str) -> None:
    soup = soup_of(hostile_html)
    assert soup.find("img") is None
    assert not soup.select("[onerror]")
    scripts = soup.find_all("script")
    assert [s.get("type") for s in scripts] == ["application/json", None]
    assert "alert(" not in (scripts[1].string or "")
    assert "<script>alert(1)</script>" not in hostile_html
    assert "&lt;script&gt;" in hostile_html and "alert(1)&lt;/script&gt;" in hostile_html
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in hostile_html
    assert "<img" not in hostile_html
    text = soup.get_text()
    assert "<script>alert(1)</script>" in text
    assert '"><img src=x onerror=alert(1)>' in text
    assert "&amp; &lt;b&gt;" in text


def test_template_syntax_in_the_input_is_not_evaluated(hostile_html: str) -> None:
    soup = soup_of(hostile_html)
    original = "".join(c.get_text() for c in soup.select("#side .orig"))
    corrected = "".join(c.get_text() for c in soup.select("#side .corr"))
    assert "a template {{ 7*7 }} {% raw %} here." in original
    assert "a template {{ 6*6 }} {% raw %} here." in corrected
    assert "49" not in original + corrected and "36" not in original + corrected


def test_the_embedded_data_cannot_close_its_script_element(hostile_html: str) -> None:
    blob = hostile_html.split('id="report-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in blob
    data = data_blob(soup_of(hostile_html))
    findings = data["findings"]
    assert isinstance(findings, list)
    by_rule = {f["rule_id"]: f for f in findings}
    assert by_rule['"><img src=x onerror=alert(2)>']["message"].startswith("<script>")


def test_a_content_security_policy_allows_exactly_the_inline_style_and_script(hostile_html: str) -> None:
    soup = soup_of(hostile_html)
    meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert isinstance(meta, Tag)
    csp = str(meta["content"])
    assert "default-src 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    style = soup.find("style")
    script = soup.find_all("script")[1]
    for node, directive in ((style, "style-src"), (script, "script-src")):
        assert isinstance(node, Tag)
        digest = base64.b64encode(hashlib.sha256((node.string or "").encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in csp


def test_nothing_is_loaded_from_the_network(hostile_html: str) -> None:
    soup = soup_of(hostile_html)
    for tag in soup.find_all(True):
        for attr in ("src", "href", "action", "srcset", "poster", "data"):
            value = tag.get(attr)
            if isinstance(value, str):
                assert not re.match(r"(?i)\s*(https?:)?//", value), (tag.name, attr, value)
    assert not soup.find_all("link", rel="stylesheet")
    assert not soup.find_all(["iframe", "object", "embed", "img"])
    assert "@import" not in (soup.find("style").string or "")  # type: ignore[union-attr]
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", hostile_html)


def test_a_phone_viewport_and_a_print_stylesheet() -> None:
    soup = soup_of(render_article_html(trade_result()))
    viewport = soup.find("meta", attrs={"name": "viewport"})
    assert isinstance(viewport, Tag) and "width=device-width" in str(viewport["content"])
    css = soup.find("style").string or ""  # type: ignore[union-attr]
    assert "@media print" in css
    assert "@media (max-width: 720px)" in css


def test_the_header_shows_name_score_readability_and_counts() -> None:
    result = trade_result()
    soup = soup_of(render_article_html(result))
    assert soup.find("h1").get_text() == "trade.txt"  # type: ignore[union-attr]
    stats = soup.find(class_="stats").get_text(" ", strip=True)  # type: ignore[union-attr]
    assert f"{result.garble_score:.2f}" in stats
    before, after = result.readability_before.flesch_reading_ease, result.readability_after.flesch_reading_ease
    assert f"{before:.1f} → {after:.1f}" in stats
    assert "3 applied" in stats and "1 suggested" in stats
    counts = soup.select_one('[aria-label="Counts"]').get_text(" ", strip=True)  # type: ignore[union-attr]
    assert "mistranslation 2" in counts and "title 1" in counts and "calque 1" in counts and "rules 4" in counts


def test_the_redline_marks_applied_edits_and_suggestions() -> None:
    result = trade_result()
    soup = soup_of(render_article_html(result))
    redline = soup.find(id="redline")
    assert isinstance(redline, Tag)
    applied = redline.select(".chg.applied")
    assert [(c.find("del").get_text(), c.find("ins").get_text()) for c in applied] == [  # type: ignore[union-attr]
        ("pricing", "trade"),
        ("chief", "leader"),
        ("prices", "tariffs"),
    ]
    suggested = redline.select(".chg.suggested")
    assert [c.find("mark").get_text() for c in suggested] == ["conclude an agreement"]  # type: ignore[union-attr]
    for change in applied + suggested:
        assert change["role"] == "button" and change["tabindex"] == "0"
        assert change["aria-controls"] == "details"
    refs = {int(str(c["data-ref"])) for c in applied + suggested}
    assert refs == {1, 2, 3, 4}


def test_each_change_links_to_its_details() -> None:
    soup = soup_of(render_article_html(trade_result()))
    findings = {f["id"]: f for f in data_blob(soup)["findings"]}
    chief = findings[2]
    assert chief["rule_id"] == "T_CHIEF"
    assert chief["engine"] == "rules" and chief["category"] == "title"
    assert chief["confidence"] == 0.85 and chief["status"] == "applied"
    assert chief["applied"] == "Chinese leader"
    assert chief["alternatives"] == ["Chinese President"]
    conclude = findings[3]
    assert conclude["status"] == "suggested" and "below threshold" in conclude["reason"]
    details = soup.find(id="details")
    assert isinstance(details, Tag)
    assert details["role"] == "dialog" and details.has_attr("hidden")


def test_the_side_by_side_view_aligns_paragraphs() -> None:
    result = trade_result()
    soup = soup_of(render_article_html(result))
    side = soup.find(id="side")
    assert isinstance(side, Tag) and side.has_attr("hidden")
    rows = side.select(".row")
    originals = [r.select_one(".orig").get_text() for r in rows]  # type: ignore[union-attr]
    corrected = [r.select_one(".corr").get_text() for r in rows]  # type: ignore[union-attr]
    assert originals == [line for line in result.source.text.splitlines() if line]
    assert corrected == [line for line in result.corrected.splitlines() if line]
    assert [("changed" in r["class"]) for r in rows] == [True, True, True]


def test_the_findings_table_lists_every_finding() -> None:
    result = trade_result()
    soup = soup_of(render_article_html(result))
    rows = soup.select("table.cards tbody tr")
    assert len(rows) == len(result.findings) == 4
    first = rows[0].get_text(" ", strip=True)
    assert "T_PRICING_TALKS" in first and "applied" in first and "1:43" in first and "90%" in first


def test_an_article_without_findings_says_so() -> None:
    result = analyze("A clean sentence.\n", [])
    soup = soup_of(render_article_html(result, index_href=None))
    assert "No findings" in soup.get_text()
    assert soup.find("a", string=re.compile("All articles")) is None
    assert soup.select_one("#redline .block").get_text() == "A clean sentence."  # type: ignore[union-attr]


def test_index_lists_articles_worst_first_with_links() -> None:
    clean = analyze("A clean sentence here.\n", [], path="clean.txt")
    bad = trade_result(path="bad.txt")
    hostile = analyze(HOSTILE_TEXT, HOSTILE_RULES, path="x.txt")
    html = render_index_html(
        [IndexEntry(clean, "clean.html"), IndexEntry(bad, "bad.html"), IndexEntry(hostile, "x.html")]
    )
    soup = soup_of(html)
    links = [a["href"] for a in soup.select("td.article a")]
    scores = {"clean.html": clean.garble_score, "bad.html": bad.garble_score, "x.html": hostile.garble_score}
    assert links == sorted(scores, key=lambda h: -scores[h])
    assert links[-1] == "clean.html"
    row = soup.select("tbody tr")[links.index("bad.html")].get_text(" ", strip=True)
    assert "3 major" in row and "1 minor" in row and "mistranslation 2" in row
    before, after = bad.readability_before.flesch_reading_ease, bad.readability_after.flesch_reading_ease
    assert f"{before:.1f} → {after:.1f}" in row
    assert soup.find("img") is None
    # the one script is the shipped sort/filter code, allowed by its hash and nothing else
    (script,) = soup.find_all("script")
    digest = base64.b64encode(hashlib.sha256(script.string.encode("utf-8")).digest()).decode("ascii")
    meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert isinstance(meta, Tag) and f"script-src 'sha256-{digest}';" in str(meta["content"])
    assert "hostile" not in script.string.lower() and "<script>alert" not in script.string


def test_severity_counts_come_from_the_result() -> None:
    result = analyze(
        "one two three\n",
        [FakeRule("one", ("1",), "A", severity=Severity.INFO), FakeRule("three", (), "B", severity=Severity.MINOR)],
        other=[FakeRule("two", ("2",), "LT", severity=Severity.MINOR)],
    )
    soup = soup_of(render_article_html(result))
    counts = soup.select_one('[aria-label="Counts"]').get_text(" ", strip=True)  # type: ignore[union-attr]
    assert "major 0" in counts and "minor 2" in counts and "info 1" in counts
    assert "rules 2" in counts and "languagetool 1" in counts


def test_dict_keys_are_read_as_items_and_dict_attributes_keep_jinjas_order() -> None:
    from cleaner.report.html import _env

    template = _env().from_string("{{ row.status }}|{{ row.items is callable }}|{{ row.missing is undefined }}")
    assert template.render(row={"status": "applied", "items": "shadowed"}).startswith("applied|True|")
    with pytest.raises(Exception, match="missing"):
        _env().from_string("{{ row.missing }}").render(row={})


def test_a_category_named_like_a_dict_method_still_lists_its_counts() -> None:
    result = analyze("Pricing talks went on.\n", (FakeRule(r"Pricing talks", ("Trade talks",), category="items"),))
    html = render_article_html(result)
    assert "items 1" in soup_of(html).get_text(" ")


def test_compiled_templates_are_kept_on_disk_and_render_the_same(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """A second process loads the templates Jinja compiled from the cache folder; the pages do not change."""
    from cleaner.report import html

    result = trade_result()
    entry = IndexEntry(result, "a.html")
    expected = (render_article_html(result), render_index_html([entry], []))
    monkeypatch.setattr(html, "cache_dir", lambda: tmp_path)
    html._env.cache_clear()
    try:
        for _ in range(2):  # the first run compiles and stores, the second loads (a fresh environment each time)
            assert (render_article_html(result), render_index_html([entry], [])) == expected
            html._env.cache_clear()
        stored = sorted((tmp_path / "templates").iterdir())
        assert len(stored) >= 3  # the article page, the index and the base template they extend
        monkeypatch.setattr(html, "cache_dir", lambda: tmp_path / "missing" / "deeper")  # cannot be made
        assert html._compiled_templates() is None
        assert render_article_html(result) == expected[0]
    finally:
        html._env.cache_clear()
