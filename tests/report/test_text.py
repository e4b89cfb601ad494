"""Terminal output: one line per finding under its file, hints from the first replacement, the summary last."""

from __future__ import annotations

from cleaner.findings import Severity
from cleaner.report.run import Report
from cleaner.report.text import render_text
from tests.support.report_fakes import FakeRule, analyze, trade_result


def test_findings_are_grouped_under_their_file_with_line_column_and_the_summary_last() -> None:
    clean = analyze("Nothing to see here.\n", (), path="clean.txt")
    lines = render_text(Report((trade_result(), clean))).splitlines()
    assert lines[0] == "trade.txt"
    # "Chinese chief" opens line 3 after "Trump and " (10 characters): column 11; the flagged words are quoted
    assert (
        lines[2] == "trade.txt:3:11: major T_CHIEF \"Chinese chief\": 'chief' for a head of state. (→ Chinese leader)"
    )
    assert [line.split(": ")[1].split()[1] for line in lines[1:5]] == [
        "T_PRICING_TALKS",
        "T_CHIEF",
        "T_CONCLUDE",
        "T_PRICES",
    ]
    assert lines[5] == ""
    assert lines[6] == "4 findings (3 major, 1 minor, 0 info) in 2 files; engines: rules"  # the fakes' one engine
    assert len(lines) == 7  # the clean article gets no heading


def test_a_deletion_says_delete_a_finding_without_replacements_has_no_hint_and_messages_are_one_line() -> None:
    rules = [
        FakeRule(r" very", ("",), "T_VERY", 0.9, Severity.MINOR, "style", "Drop it."),
        FakeRule(r"census office", (), "T_CENSUS", 0.9, Severity.INFO, "title", "The agency is\n   the Census Bureau."),
    ]
    out = render_text(Report((analyze("A very big census office.\n", rules, path="a.txt"),)))
    assert 'a.txt:1:2: minor T_VERY "very": Drop it. (→ delete)' in out
    assert 'a.txt:1:12: info T_CENSUS "census office": The agency is the Census Bureau.\n' in out


def test_colour_only_when_asked() -> None:
    plain = render_text(Report((trade_result(),)))
    coloured = render_text(Report((trade_result(),), colour=True))
    assert "\x1b[" not in plain
    assert "\x1b[1mtrade.txt" in coloured and "\x1b[31mmajor" in coloured and "\x1b[33mminor" in coloured


def test_a_run_without_findings_is_only_the_summary() -> None:
    assert render_text(Report(())) == "0 findings (0 major, 0 minor, 0 info) in 0 files"
