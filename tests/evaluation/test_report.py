"""The evaluation summary and its Markdown: clean-news rates, per-rule stats, tables that tolerate gaps."""

from __future__ import annotations

import csv
import io

from cleaner.document import Span
from cleaner.evaluation.corpus import Article, CleanDoc, GoldSpan, Segment
from cleaner.evaluation.predict import ArticlePrediction, CleanPrediction, Flag, SegmentPrediction
from cleaner.evaluation.report import (
    EXAMPLES_PER_RULE,
    clean_summary,
    markdown,
    markdown_table,
    rule_stats,
    rule_stats_csv,
    rule_stats_markdown,
    summary,
)
from cleaner.findings import Severity


def flag(start: int, end: int, rule_id: str, severity: Severity = Severity.MINOR, text: str = "x") -> Flag:
    return Flag(Span(start, end), text, "rules", rule_id, "calque", severity, 0.8)


def clean_doc(i: int, words: int, *flags: Flag) -> CleanPrediction:
    return CleanPrediction(CleanDoc(f"c{i}", " ".join(["word"] * words)), flags)


def test_clean_rates_are_per_1000_words_and_failing_counts_only_flags_at_fail_on() -> None:
    docs = [
        clean_doc(0, 400, flag(0, 4, "A", Severity.MAJOR), flag(5, 9, "B", Severity.INFO)),
        clean_doc(1, 600, flag(0, 4, "A", Severity.MINOR)),
        clean_doc(2, 1000),
    ]
    s = clean_summary(docs, fail_on=Severity.MAJOR)
    assert (s["documents"], s["words"], s["flags"]) == (3, 2000, 3)
    assert s["per_1000_words"] == 1.5
    assert s["by_severity"] == {"major": 1, "minor": 1, "info": 1}
    assert s["failing_per_1000"] == 0.5  # only the major flag fails at --fail-on major
    assert (s["documents_flagged"], s["share_documents_flagged"]) == (2, 2 / 3)
    assert [(t["rule"], t["count"]) for t in s["top_rules"]] == [("rules:A", 2), ("rules:B", 1)]
    assert clean_summary([])["share_documents_flagged"] == 0.0


def test_top_rules_keep_a_few_examples_each() -> None:
    docs = [clean_doc(i, 10, flag(0, 4, "A", text=f"example {i}")) for i in range(EXAMPLES_PER_RULE + 2)]
    (top,) = clean_summary(docs)["top_rules"]
    assert top["examples"] == [f"example {i}" for i in range(EXAMPLES_PER_RULE)]


def _mt_article(*flags: Flag) -> ArticlePrediction:
    mt = "They take a decision today."
    seg = Segment(
        "s1",
        "a1",
        mt,
        reference="They make a decision today.",
        mqm=1.0,
        target=(GoldSpan(Span(5, 9), 1),),
        major=(),
        annotated=(Span(5, 9), Span(21, 26)),
    )
    article = Article("a1", "sys", "doc", mt, (seg,), (Span(0, len(mt)),), mqm=1.0)
    return ArticlePrediction(article, (SegmentPrediction(seg, flags, mt),))


def test_rule_stats_count_fires_lenient_and_target_hits_and_clean_fires_most_fired_first() -> None:
    mt = _mt_article(flag(5, 9, "TAKE"), flag(21, 26, "TODAY"), flag(0, 4, "THEY"), flag(22, 24, "TODAY"))
    clean = [clean_doc(0, 10, flag(0, 4, "THEY")), clean_doc(1, 10, flag(0, 4, "THEY"))]
    stats = {s.rule: s for s in rule_stats([mt], clean)}
    assert list(stats) == ["rules:THEY", "rules:TODAY", "rules:TAKE"]  # 3 fires, 2, 1
    take, today, they = stats["rules:TAKE"], stats["rules:TODAY"], stats["rules:THEY"]
    assert (take.mqm_fires, take.mqm_hits, take.mqm_target_hits, take.hit_rate) == (1, 1, 1, 1.0)
    assert (today.mqm_fires, today.mqm_hits, today.mqm_target_hits) == (2, 2, 0)  # annotated, not target
    assert (they.mqm_fires, they.clean_fires, they.hit_rate) == (1, 2, 0.0)


def test_rule_stats_tables_show_every_rule_in_markdown_and_csv() -> None:
    stats = rule_stats([_mt_article(flag(5, 9, "TAKE"))], [clean_doc(0, 10, flag(0, 4, "THEY"))])
    md = rule_stats_markdown(stats)
    assert "| `rules:TAKE` | minor | 0.80 | 0 | 1 | 1 | 1 | 100% |" in md
    rows = list(csv.DictReader(io.StringIO(rule_stats_csv(stats))))
    assert [(r["rule"], r["clean_fires"], r["hit_rate"]) for r in rows] == [
        ("rules:TAKE", "0", "1.0000"),
        ("rules:THEY", "1", "0.0000"),
    ]


def test_a_clean_only_summary_renders_dashes_for_what_was_not_measured_and_escapes_examples() -> None:
    s = summary({"name": "rules only"}, None, [clean_doc(0, 1000, flag(0, 4, "A", text="a | `b`"))])
    assert "mqm" not in s and s["clean"]["flags"] == 1
    assert s["rules"][0]["rule"] == "rules:A"
    out = markdown(s)
    assert out.startswith("| metric | rules only |\n")
    assert "| MT articles / segments | – |" in out
    assert "| clean news: flags / 1,000 words | 1.00 |" in out
    assert "| `rules:A` | 1 | 1.00 | `a \\| 'b'` |" in out


def test_a_table_of_several_runs_has_one_column_each() -> None:
    runs = {"first": summary({}, None, [clean_doc(0, 1000)]), "second": summary({}, None, None)}
    table = markdown_table(runs)
    assert table.splitlines()[0] == "| metric | first | second |"
    assert "| clean news: documents flagged | 0 / 1 | – |" in table


def test_the_mqm_summary_scores_the_same_flags_at_random_places_beside_the_real_ones() -> None:
    from cleaner.evaluation.report import mqm_summary

    # "take" is the only target error; flagging it exactly beats flagging one word anywhere
    s = mqm_summary([_mt_article(flag(5, 9, "TAKE"))], bootstrap_samples=10)
    assert s["span"]["strict"]["precision"] == 1.0
    chance = s["span_chance"]
    assert chance["p_total"] == 5 and chance["precision"] < 1.0
    assert "the same spans at random words (chance)" in markdown_table({"x": {"mqm": s}})
