"""The redline layout: blocks of pieces that rebuild both the original and the corrected text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleaner.document.spans import Span
from cleaner.findings.finding import Finding, Severity
from cleaner.fixes import FixPlan, corrected_text, plan_fixes
from cleaner.report.model import APPLIED, SUGGESTED, Status
from cleaner.report.redline import EDIT, SUGGESTION, TEXT, layout

CHUNKS = st.sampled_from(["word", " ", "\n", "\n\n", "  \n ", "é", "\r\n", "x y"])


def _statuses(plan: FixPlan, found: list[Finding]) -> list[Status]:
    edits = {id(e.finding): e for e in plan.edits}
    suggestions = {id(s.finding): s for s in plan.suggestions}
    return [
        Status(n, f, APPLIED if id(f) in edits else SUGGESTED, edits.get(id(f)), suggestions.get(id(f)))
        for n, f in enumerate(found, start=1)
    ]


@st.composite
def plans(draw: st.DrawFn) -> tuple[str, FixPlan, list[Status]]:
    text = "".join(draw(st.lists(CHUNKS, max_size=14)))
    found = []
    for i in range(draw(st.integers(0, 7))):
        a = draw(st.integers(0, len(text)))
        b = draw(st.integers(a, len(text)))
        reps = tuple(draw(st.lists(st.text(alphabet="ab \n", max_size=4), max_size=2)))
        conf = draw(st.sampled_from([0.5, 0.9]))
        found.append(Finding(Span(a, b), text[a:b], f"R{i}", "rules", "c", Severity.MINOR, conf, "m", reps))
    found.sort(key=Finding.sort_key)
    plan = plan_fixes(text, found)
    return text, plan, _statuses(plan, found)


@given(plans())
def test_blocks_rebuild_the_original_and_the_corrected_text(case: tuple[str, FixPlan, list[Status]]) -> None:
    text, plan, statuses = case
    blocks = layout(text, statuses)
    original, corrected, pos = [], [], 0
    for b in blocks:
        assert b.span.start >= pos
        gap = text[pos : b.span.start]
        assert not gap.strip()
        assert b.span.slice(text) == b.original
        original += [gap, b.original]
        corrected += [gap, b.corrected]
        pos = b.span.end
    assert not text[pos:].strip()
    assert "".join([*original, text[pos:]]) == text
    assert "".join([*corrected, text[pos:]]) == corrected_text(plan)


@given(plans())
def test_every_finding_shows_exactly_once(case: tuple[str, FixPlan, list[Status]]) -> None:
    text, _, statuses = case
    pieces = [p for b in layout(text, statuses) for p in b.pieces]
    shown = [p.ref for p in pieces if p.kind != TEXT] + [r for p in pieces for r in p.related]
    assert sorted(shown) == [s.id for s in statuses]
    kinds = {p.ref: p.kind for p in pieces if p.kind != TEXT}
    for s in statuses:
        if s.status == APPLIED:
            assert kinds[s.id] == EDIT
        elif s.id in kinds:
            assert kinds[s.id] == SUGGESTION


def test_paragraphs_become_blocks_and_blank_lines_are_remembered() -> None:
    text = " First line.\nSecond line.\n\nThird after a blank line.\n"
    blocks = layout(text, [])
    assert [b.original for b in blocks] == ["First line.", "Second line.", "Third after a blank line."]
    assert [b.spaced for b in blocks] == [False, False, True]


def test_a_change_across_a_line_break_keeps_the_lines_together() -> None:
    text = "one\ntwo\nthree"
    f = Finding(Span(2, 5), "e\nt", "R", "rules", "c", Severity.MAJOR, 0.9, "m", ("E T",))
    plan = plan_fixes(text, [f])
    blocks = layout(text, _statuses(plan, [f]))
    assert [b.original for b in blocks] == ["one\ntwo", "three"]
    assert blocks[0].corrected == "onE Two"


def test_a_suggestion_overlapping_an_edit_is_attached_to_it() -> None:
    """Overlap is judged on the edit as applied ("rate " deleted), not on the whole finding."""
    text = "the rate rates rose"
    edit = Finding(Span(4, 14), "rate rates", "DOUBLE", "rules", "c", Severity.MAJOR, 0.9, "m", ("rates",))
    other = Finding(Span(4, 8), "rate", "WORD", "rules", "c", Severity.MINOR, 0.9, "m", ("level",))
    plan = plan_fixes(text, [edit, other])
    [block] = layout(text, _statuses(plan, [edit, other]))
    changes = [p for p in block.pieces if p.kind != TEXT]
    assert [(p.kind, p.before, p.after, p.ref, p.related) for p in changes] == [(EDIT, "rate ", "", 1, (2,))]
