"""``--statistics``: one row per rule, most frequent first, aligned; the same rows as JSON."""

from __future__ import annotations

import json

import click

from cleaner.findings import Severity
from cleaner.report.run import Report
from cleaner.report.statistics import render_statistics_json, render_statistics_text
from tests.support.report_fakes import FakeRule, analyze

RULES = (
    FakeRule(r"pricing talks", ("trade talks",), "T_PRICING_TALKS", 0.9, Severity.MAJOR, "mistranslation", "Tariff."),
    FakeRule(r"conclude", ("reach",), "T_C", 0.6, Severity.MINOR, "calque", "Reach."),
    FakeRule(r"census", (), "T_CENSUS", 0.5, Severity.INFO, "style", "Census."),
)
TEXT = "More pricing talks.\nPricing talks? pricing talks.\nWe conclude. A census. Another census.\n"


def _report(*, quiet: bool = False, colour: bool = False) -> Report:
    return Report((analyze(TEXT, RULES),), quiet=quiet, colour=colour)


def test_rows_most_frequent_first_and_ties_by_rule_id_with_aligned_columns() -> None:
    lines = render_statistics_text(_report()).splitlines()
    # T_PRICING_TALKS fires twice (the regex is case-sensitive), T_CENSUS twice, T_C once
    assert lines[:3] == [
        "2  T_CENSUS         info   Census.",
        "2  T_PRICING_TALKS  major  Tariff.",
        "1  T_C              minor  Reach.",
    ]
    assert lines[3] == "" and lines[4] == _report().summary()
    assert len(lines) == 5


def test_quiet_leaves_the_summary_out_and_no_findings_leaves_the_summary_only() -> None:
    assert render_statistics_text(_report(quiet=True)).splitlines()[-1].endswith("Reach.")
    clean = Report((analyze("Nothing here.\n", RULES),))
    assert render_statistics_text(clean) == clean.summary()
    assert render_statistics_text(Report((analyze("Nothing here.\n", RULES),), quiet=True)) == ""


def test_colour_styles_the_severity_only() -> None:
    plain = render_statistics_text(_report())
    coloured = render_statistics_text(_report(colour=True))
    assert coloured != plain and click.unstyle(coloured) == plain
    # count and rule id stay plain; the padded severity is styled, the message after it is not
    assert coloured.splitlines()[0].startswith("2  T_CENSUS         \x1b[")
    assert coloured.splitlines()[0].endswith("\x1b[0m  Census.")


def test_json_has_the_same_rows_in_the_same_order() -> None:
    rows = json.loads(render_statistics_json(_report()))
    assert rows == [
        {"count": 2, "rule_id": "T_CENSUS", "engine": "rules", "severity": "info", "message": "Census."},
        {"count": 2, "rule_id": "T_PRICING_TALKS", "engine": "rules", "severity": "major", "message": "Tariff."},
        {"count": 1, "rule_id": "T_C", "engine": "rules", "severity": "minor", "message": "Reach."},
    ]
    assert json.loads(render_statistics_json(Report(()))) == []
