"""Inline suppressions: comments in Markdown/HTML, ``[sic]`` everywhere; counted, not shown."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from cleaner.document.document import Document
from cleaner.document.formats import load_document
from cleaner.document.sources import Source
from cleaner.document.spans import Span
from cleaner.findings.finding import Finding, Severity
from cleaner.findings.suppress_entries import SuppressEntry
from cleaner.findings.suppressions import apply_suppressions, directives, suppress
from tests.support.article_kit import rule_args, run_cli


def finding(doc: Document, phrase: str, rule: str = "R1", nth: int = 0) -> Finding:
    starts = [m.start() for m in re.finditer(re.escape(phrase), doc.text)]
    start = starts[nth]
    return Finding(
        span=Span(start, start + len(phrase)),
        text=phrase,
        rule_id=rule,
        engine="rules",
        category="test",
        severity=Severity.MAJOR,
        confidence=0.9,
        message="m",
    )


def kept_texts(doc: Document, findings: list[Finding]) -> list[tuple[str, int]]:
    kept, _ = suppress(doc, findings)
    return [(f.rule_id, doc.line_col(f.start)[0]) for f in kept]


ENGINES = "; engines: rules, names, untranslated"
"""The summary's engines with LanguageTool and the fluency model off."""

MD = """\
Line one has pricing talks.
<!-- cleaner-disable R1 -->
Line three has pricing talks.
<!-- cleaner-enable R1 -->
Line five has pricing talks.
<!-- cleaner-disable -->
Line seven has pricing talks.
<!-- cleaner-enable -->
<!-- cleaner-ignore-next-line -->

Line eleven has pricing talks.
Line twelve has pricing talks.
"""


def test_disable_enable_by_rule_and_for_all() -> None:
    doc = load_document(Source("a.md", MD))
    fs = [finding(doc, "pricing talks", rule, n) for n in range(6) for rule in ("R1", "R2")]
    assert kept_texts(doc, fs) == [
        ("R1", 1),
        ("R2", 1),
        ("R2", 3),  # only R1 was disabled there
        ("R1", 5),
        ("R2", 5),
        ("R1", 12),  # ignore-next-line skips the blank line and covers line 11 only
        ("R2", 12),
    ]
    assert suppress(doc, fs)[1] == 5


def test_unclosed_disable_runs_to_the_end_and_ids_may_be_lists() -> None:
    doc = load_document(
        Source("a.html", "<p>pricing talks</p>\n<!-- cleaner-disable R1, R2 -->\n<p>pricing talks</p>\n")
    )
    fs = [finding(doc, "pricing talks", rule, n) for n in range(2) for rule in ("R1", "R2", "R3")]
    assert kept_texts(doc, fs) == [("R1", 1), ("R2", 1), ("R3", 1), ("R3", 3)]


def test_ignore_next_line_with_a_rule_id_in_html() -> None:
    doc = load_document(Source("a.html", "<!-- cleaner-ignore-next-line R2 -->\n<p>pricing talks</p>\n"))
    fs = [finding(doc, "pricing talks", rule) for rule in ("R1", "R2")]
    assert kept_texts(doc, fs) == [("R1", 2)]


def test_comments_in_code_or_plain_text_do_nothing() -> None:
    fenced = "```html\n<!-- cleaner-disable -->\n```\n\nThe pricing talks.\n"
    doc = load_document(Source("a.md", fenced))
    assert directives(doc) == []
    plain = load_document(Source("a.txt", "<!-- cleaner-disable -->\nThe pricing talks.\n"))
    assert suppress(plain, [finding(plain, "pricing talks")]) == ([finding(plain, "pricing talks")], 0)


@pytest.mark.parametrize(
    ("text", "suppressed"),
    [
        ("the 145% prices [sic] on goods", True),
        ("the 145% prices  [SIC] on goods", True),
        ('he said "145% prices" [sic] on goods', True),
        ("the 145% prices on goods [sic]", False),
        ("the 145% prices on goods", False),
    ],
)
def test_sic_leaves_the_phrase_alone(text: str, suppressed: bool) -> None:
    doc = Document.from_text(text)
    f = finding(doc, "145% prices")
    assert suppress(doc, [f]) == (([], 1) if suppressed else ([f], 0))


def test_summary_counts_suppressed_and_hides_them(
    tmp_path: Path, write_rules: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    art = tmp_path / "a.md"
    art.write_text(
        "More pricing talks.\n\n<!-- cleaner-ignore-next-line -->\nMore pricing talks.\n\n"
        "Quoted: pricing talks [sic].\n",
        encoding="utf-8",
    )
    rules = rule_args(write_rules)
    code, out, _ = run_cli(capsys, "lint", str(art), *rules)
    assert code == 1
    assert f"{art}:1:6:" in out and f"{art}:4:" not in out and f"{art}:6:" not in out
    assert out.strip().endswith(f"1 finding (1 major, 0 minor, 0 info) in 1 file, 2 suppressed{ENGINES}")
    code, out, _ = run_cli(capsys, "lint", str(art), "--format", "json", *rules)
    entry = json.loads(out)["files"][0]
    assert entry["suppressed"] == 2 and len(entry["findings"]) == 1


def test_plain_text_sic(tmp_path: Path, write_rules: Callable[[str], Path], capsys: pytest.CaptureFixture[str]) -> None:
    art = tmp_path / "a.txt"
    art.write_text("He called them pricing talks [sic].\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "lint", str(art), *rule_args(write_rules))
    assert code == 0
    assert out.strip() == f"0 findings (0 major, 0 minor, 0 info) in 1 file, 1 suppressed{ENGINES}"


def test_an_old_rule_id_suppresses_the_rule_that_replaced_it() -> None:
    doc = load_document(Source("a.md", "<!-- cleaner-ignore-next-line OLD -->\npricing talks\n"))
    fs = [finding(doc, "pricing talks", "NEW")]
    assert suppress(doc, fs) == (fs, 0)
    assert suppress(doc, fs, {"OLD": "NEW"}) == ([], 1)


def test_old_ids_in_ranges_and_entries_name_their_successor_and_keep_the_id_as_written() -> None:
    text = "<!-- cleaner-disable OLD -->\npricing talks\n<!-- cleaner-enable NEW -->\npricing talks\npricing talks\n"
    doc = load_document(Source("a.md", text))
    fs = [finding(doc, "pricing talks", "NEW", nth) for nth in range(3)]
    entry = SuppressEntry(path="a.md", rule="OLD", line=5)
    outcome = apply_suppressions(doc, fs, [entry], {"OLD": "NEW"})
    # the range opened with the old id is closed by the new one; the entry's old id silences line 5
    assert [doc.line_col(f.start)[0] for f in outcome.kept] == [4]
    assert outcome.used_entries() == {entry}
    assert {(s.rule, s.named) for s in outcome.used} == {("NEW", "OLD")}
    assert outcome.parsed.directives[0].rules == ("OLD",)  # as written, for the warnings
