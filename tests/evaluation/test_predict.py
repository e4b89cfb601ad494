"""Pipeline output in segment coordinates: findings cut back into segments, fixes applied per segment."""

from __future__ import annotations

from cleaner.config.settings import Settings
from cleaner.document import Span
from cleaner.evaluation.corpus import Article, CleanDoc, Segment
from cleaner.evaluation.predict import (
    SegmentPrediction,
    garble_score,
    predict_article,
    predict_clean,
    split_corrections,
    split_findings,
    to_flag,
)
from cleaner.findings import Severity
from cleaner.fixes import plan_fixes
from cleaner.pipeline import Pipeline
from tests.support.fix_cases import finding
from tests.support.report_fakes import FakeChecker, FakeRule

TEXT = "The very big dog.\nIt rained all day."
OFFSETS = (Span(0, 17), Span(18, 36))


def segment(i: int, mt: str) -> Segment:
    return Segment(f"s{i}", "a", mt, reference=mt, mqm=0.0, target=(), major=(), annotated=())


def article(context: bool) -> Article:
    segments = tuple(segment(i, s.slice(TEXT)) for i, s in enumerate(OFFSETS))
    return Article("a", "sys", "doc", TEXT, segments, OFFSETS, mqm=0.0, context=context)


def pipeline(*rules: FakeRule) -> Pipeline:
    return Pipeline([FakeChecker(rules)], Settings(), warn=lambda message: None)


def test_findings_move_into_their_segment_are_clipped_to_it_and_those_between_segments_are_dropped() -> None:
    found = [
        finding(TEXT, 4, 8, "", rule_id="VERY"),
        finding(TEXT, 13, 20, rule_id="ACROSS"),  # "dog.\nIt": runs into the next segment
        finding(TEXT, 17, 18, rule_id="NEWLINE"),  # the newline between the segments
        finding(TEXT, 21, 27, rule_id="RAINED"),
    ]
    first, second = split_findings(found, OFFSETS)
    assert [(f.rule_id, f.span) for f in first] == [("VERY", Span(4, 8)), ("ACROSS", Span(13, 17))]
    assert [(f.rule_id, f.span, f.text) for f in second] == [("RAINED", Span(3, 9), "rained")]


def test_corrections_apply_each_segments_own_edits_and_leave_out_edits_across_segments() -> None:
    found = [finding(TEXT, 4, 9, ""), finding(TEXT, 13, 20, "dog. He"), finding(TEXT, 32, 35, "night")]
    plan = plan_fixes(TEXT, found)
    assert len(plan.edits) == 3
    assert split_corrections(plan, OFFSETS) == ["The big dog.", "It rained all night."]


def test_flags_and_segment_predictions_serialise_as_the_data_readme_says() -> None:
    flag = to_flag(finding(TEXT, 22, 27, "poured", severity=Severity.MINOR, rule_id="R1"), offset=18)
    assert flag.to_json() == {
        "start": 4,
        "end": 9,
        "suggestion": "poured",
        "rule": "rules:R1",
        "category": "test",
        "severity": "minor",
        "confidence": 0.9,
    }
    seg = segment(0, "It rained.")
    assert SegmentPrediction(seg, (flag,), "It rained.").to_json() == {"id": "s0", "spans": [flag.to_json()]}
    assert SegmentPrediction(seg, (), "It poured.").to_json()["corrected"] == "It poured."


def test_garble_score_weighs_severities_per_100_words_and_survives_empty_text() -> None:
    flags = [to_flag(finding(TEXT, 0, 3, severity=s)) for s in (Severity.MAJOR, Severity.MINOR, Severity.INFO)]
    assert garble_score(flags, 200) == 100 * (5 + 1 + 0.1) / 200
    assert garble_score(flags[:1], 0) == 500.0


def test_an_article_record_is_analyzed_whole_and_a_segment_record_one_segment_at_a_time() -> None:
    rules = (FakeRule(r"very ", ("",), "VERY", 0.9), FakeRule(r"dog\.\nIt", (), "ACROSS", 0.9))
    whole = predict_article(pipeline(*rules), article(context=True))
    assert [[f.rule_id for f in s.flags] for s in whole.segments] == [["VERY", "ACROSS"], []]
    assert [s.corrected for s in whole.segments] == ["The big dog.", "It rained all day."]
    apart = predict_article(pipeline(*rules), article(context=False))
    assert [[f.rule_id for f in s.flags] for s in apart.segments] == [["VERY"], []]  # no text spans the break
    assert apart.segments[0].corrected == "The big dog."


def test_blank_segments_are_not_analyzed_and_clean_documents_keep_document_offsets() -> None:
    blank = Article("b", "sys", "doc", "  ", (segment(0, "  "),), (Span(0, 2),), mqm=0.0, context=False)
    assert predict_article(pipeline(FakeRule(r" ", (), "SPACE")), blank).segments[0].flags == ()
    clean = predict_clean(pipeline(FakeRule(r"rained", (), "RAINED")), CleanDoc("c1", TEXT))
    assert [(f.rule_id, f.span) for f in clean.flags] == [("RAINED", Span(21, 27))]
