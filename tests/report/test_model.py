"""Derived report values: numbered statuses, counts, what accepting a finding changes, ordering, levels."""

from __future__ import annotations

from dataclasses import replace

from cleaner.document import Span
from cleaner.findings import Severity
from cleaner.report.model import (
    APPLIED,
    SUGGESTED,
    Choice,
    choice,
    counts,
    display_name,
    score_level,
    statuses,
    total,
    worst_first,
)
from tests.support.report_fakes import TRADE_TEXT, FakeRule, analyze, trade_result


def test_statuses_number_findings_in_text_order_and_say_what_the_plan_did() -> None:
    found = statuses(trade_result())
    assert [(s.id, s.finding.rule_id, s.status) for s in found] == [
        (1, "T_PRICING_TALKS", APPLIED),
        (2, "T_CHIEF", APPLIED),
        (3, "T_CONCLUDE", SUGGESTED),  # confidence 0.6 is below the 0.8 threshold
        (4, "T_PRICES", APPLIED),
    ]
    chief, conclude = found[1], found[2]
    assert chief.reason is None and chief.alternatives == ("Chinese President",)  # the one not applied
    assert conclude.reason is not None and "below threshold" in conclude.reason
    assert conclude.alternatives == ("reach an agreement",)  # a suggestion offers all its replacements


def test_counts_cover_every_severity_and_sort_categories_by_frequency_then_name() -> None:
    c = counts(trade_result())
    assert (c.findings, c.applied, c.suggested) == (4, 3, 1)
    assert c.by_severity == {"major": 3, "minor": 1, "info": 0}
    assert list(c.by_category.items()) == [("mistranslation", 2), ("calque", 1), ("title", 1)]
    assert c.as_dict()["by_engine"] == {"rules": 4}


def test_total_adds_up_articles_including_empty_ones() -> None:
    info = analyze("See the census office.\n", [FakeRule("census office", (), "T_CENSUS", 0.9, Severity.INFO, "title")])
    clean = analyze("Nothing here.\n", ())
    t = total([counts(trade_result()), counts(info), counts(clean)])
    assert (t.findings, t.applied, t.suggested) == (5, 3, 2)
    assert t.by_severity == {"major": 3, "minor": 1, "info": 1}
    assert list(t.by_category) == ["mistranslation", "title", "calque"]  # 2 and 2 (by name), then 1
    assert total([]).by_severity == {"major": 0, "minor": 0, "info": 0}


def test_accepting_a_finding_is_its_edit_or_its_first_replacement_and_nothing_without_one() -> None:
    result = trade_result()
    applied, _, suggested, _ = statuses(result)
    edit = choice(result, applied)
    assert edit is not None and applied.edit is not None and edit == Choice(applied.edit.span, applied.edit.after)
    accepted = choice(result, suggested)
    assert accepted is not None
    fixed = TRADE_TEXT[: accepted.span.start] + accepted.after + TRADE_TEXT[accepted.span.end :]
    assert "It was hard to reach an agreement." in fixed
    bare = analyze("The census office spoke.\n", [FakeRule("census office", ())])
    assert choice(bare, statuses(bare)[0]) is None
    assert Choice(Span(1, 3), "x").as_dict() == {"start": 1, "end": 3, "after": "x"}


def test_display_names_and_worst_first_order() -> None:
    garbled = trade_result(path="desk/b.txt")
    clean_a = analyze("Fine.\n", (), path="desk/a.txt")
    clean_c = analyze("Fine.\n", (), path="desk/c.txt")
    assert display_name(garbled) == "b.txt"
    stdin = replace(clean_a, source=replace(clean_a.source, path="<stdin>"))
    assert display_name(stdin) == "standard input"
    assert [r.path for r in worst_first([clean_c, garbled, clean_a])] == ["desk/b.txt", "desk/a.txt", "desk/c.txt"]


def test_score_levels_change_at_1_and_5() -> None:
    assert [score_level(s) for s in (0, 0.99, 1, 4.99, 5, 40)] == ["low", "low", "medium", "medium", "high", "high"]
