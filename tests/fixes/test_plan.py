"""The fix plan: a pure function of text and findings (property tests with hypothesis)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.document.spans import Span
from cleaner.findings.finding import Finding, Severity
from cleaner.fixes import (
    corrected_text,
    plan_fixes,
    smallest_edit,
)
from tests.support.fix_cases import CASES, finding


@given(CASES)
def test_every_finding_is_either_an_edit_or_a_suggestion(case: tuple[str, list[Finding]]) -> None:
    text, found = case
    plan = plan_fixes(text, found)
    placed = [e.finding for e in plan.edits] + [s.finding for s in plan.suggestions]
    assert sorted(map(id, placed)) == sorted(map(id, found))


@given(CASES)
def test_edits_never_overlap_and_stay_inside_their_finding(case: tuple[str, list[Finding]]) -> None:
    text, found = case
    plan = plan_fixes(text, found)
    spans = [e.finding.span for e in plan.edits]
    for i, a in enumerate(spans):
        for b in spans[i + 1 :]:
            assert not a.overlaps(b)
    for e in plan.edits:
        assert e.finding.span.contains(e.span)
        assert e.span.slice(text) == e.before
        assert e.before != e.after
    assert [e.span.start for e in plan.edits] == sorted(e.span.start for e in plan.edits)


@given(CASES)
def test_smallest_edits_give_the_same_text_as_whole_replacements(case: tuple[str, list[Finding]]) -> None:
    text, found = case
    plan = plan_fixes(text, found)
    expected, pos = [], 0
    for e in sorted(plan.edits, key=lambda e: e.finding.start):
        expected += [text[pos : e.finding.start], e.finding.replacements[0]]
        pos = e.finding.end
        assert e.replacement == e.finding.replacements[0]
    assert corrected_text(plan) == "".join([*expected, text[pos:]])


@given(CASES, st.sampled_from([0.0, 0.5, 0.8, 0.81, 1.0]))
def test_below_threshold_findings_become_suggestions(case: tuple[str, list[Finding]], threshold: float) -> None:
    text, found = case
    plan = plan_fixes(text, found, threshold)
    assert all(e.finding.confidence >= threshold for e in plan.edits)
    low = {id(f) for f in found if f.confidence < threshold}
    assert low <= {id(s.finding) for s in plan.suggestions}
    for s in plan.suggestions:
        if "overlaps" in s.reason:
            assert any(s.finding.span.overlaps(e.finding.span) for e in plan.edits)


@given(CASES)
@settings(max_examples=50)
def test_the_plan_does_not_depend_on_the_order_of_findings(case: tuple[str, list[Finding]]) -> None:
    text, found = case
    shuffled = list(found)
    random.Random(0).shuffle(shuffled)
    assert plan_fixes(text, found) == plan_fixes(text, shuffled)


def test_confident_findings_are_applied_and_others_kept_with_a_reason() -> None:
    text = "They held pricing talks and will conclude an agreement."
    sure = finding(text, 10, 23, "trade talks", confidence=0.9, rule_id="SURE")
    unsure = finding(text, 32, 53, "reach an agreement", confidence=0.5, rule_id="UNSURE")
    bare = finding(text, 0, 4, rule_id="BARE")
    plan = plan_fixes(text, [sure, unsure, bare], threshold=0.8)
    assert corrected_text(plan) == "They held trade talks and will conclude an agreement."
    assert [s.finding for s in plan.suggestions] == [bare, unsure]
    reasons = {s.finding.rule_id: s.reason for s in plan.suggestions}
    assert reasons == {"BARE": "no replacement proposed", "UNSURE": "confidence 0.50 below threshold 0.80"}
    assert [(e.before, e.after) for e in plan.edits] == [("pricing", "trade")]


def test_a_threshold_exactly_at_the_confidence_applies() -> None:
    text = "pricing talks"
    plan = plan_fixes(text, [finding(text, 0, 13, "trade talks", confidence=0.8)], threshold=0.8)
    assert len(plan.edits) == 1


def test_overlapping_findings_keep_the_more_severe_and_suggest_the_other() -> None:
    text = "the rate rates rose"
    major = finding(text, 4, 14, "rates", rule_id="DOUBLE", severity=Severity.MAJOR)
    minor = finding(text, 9, 14, "levels", rule_id="WORD", severity=Severity.MINOR)
    plan = plan_fixes(text, [minor, major])
    assert [e.finding.rule_id for e in plan.edits] == ["DOUBLE"]
    assert plan.suggestions[0].reason == "overlaps another edit"
    assert corrected_text(plan) == "the rates rose"


def test_a_finding_whose_text_is_not_in_the_article_is_never_applied() -> None:
    text = "pricing talks"
    wrong = Finding(Span(0, 7), "tariffs", "R", "rules", "c", Severity.MAJOR, 1.0, "m", ("x",))
    out_of_range = Finding(Span(10, 40), "talks", "R2", "rules", "c", Severity.MAJOR, 1.0, "m", ("x",))
    plan = plan_fixes(text, [wrong, out_of_range])
    assert not plan.edits
    assert all("differs" in s.reason for s in plan.suggestions)


@pytest.mark.parametrize(
    ("before", "after", "edit"),
    [
        ("145% prices", "145% tariffs", ("prices", "tariffs")),
        ("Chinese chief", "Chinese leader", ("chief", "leader")),
        ("rate rates", "rates", ("rate ", "")),
        ("has", "have", ("has", "have")),
        ("x y", "x y z", ("", " z")),
    ],
)
def test_smallest_edit_leaves_out_shared_words(before: str, after: str, edit: tuple[str, str]) -> None:
    text = f"Trump cut {before} today"
    e = smallest_edit(finding(text, 10, 10 + len(before), after), after)
    assert (e.before, e.after) == edit
    assert e.span.slice(text) == e.before
    assert e.replacement == after


def _quadratic_plan(source: str, findings: list[Finding], threshold: float) -> tuple[list[Span], list[str]]:
    """The planner as it was before bisect: each candidate tested against every chosen span."""
    taken: list[Span] = []
    reasons: list[str] = []
    ranked = sorted(findings, key=lambda f: (-f.severity.rank, -f.confidence, -len(f.span), f.sort_key()))
    for f in ranked:
        best = f.best_replacement
        if f.span.end > len(source) or f.span.slice(source) != f.text or best is None or best == f.text:
            continue
        if f.confidence < threshold:
            continue
        if any(f.span.overlaps(t) for t in taken):
            reasons.append(f"{f.rule_id} overlaps")
        else:
            taken.append(f.span)
    return sorted(taken), sorted(reasons)


@st.composite
def dense_findings(draw: st.DrawFn) -> tuple[str, list[Finding]]:
    """Many short findings, empty ones included, crowded into a short text: every kind of overlap."""
    text = "x" * draw(st.integers(0, 30))
    found = []
    for i in range(draw(st.integers(0, 60))):
        a = draw(st.integers(0, len(text)))
        b = draw(st.integers(a, min(len(text), a + draw(st.sampled_from([0, 0, 1, 2, 5, 30])))))
        found.append(
            finding(
                text,
                a,
                b,
                "y",
                confidence=draw(st.sampled_from([0.5, 0.8, 0.9, 1.0])),
                severity=draw(st.sampled_from(list(Severity))),
                rule_id=f"R{i}",
            )
        )
    return text, found


@given(dense_findings())
@settings(max_examples=400)
def test_the_bisect_planner_chooses_what_the_quadratic_one_chose(case: tuple[str, list[Finding]]) -> None:
    text, found = case
    plan = plan_fixes(text, found)
    spans, overlapping = _quadratic_plan(text, found, plan.threshold)
    assert sorted(e.finding.span for e in plan.edits) == spans
    assert sorted(f"{s.finding.rule_id} overlaps" for s in plan.suggestions if "overlaps" in s.reason) == overlapping
