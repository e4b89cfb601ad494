"""Applying a plan: idempotent, everything outside the edits copied, never onto text it was not made for."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.findings import Finding
from cleaner.fixes import StalePlanError, apply_plan, corrected_text, output_spans, plan_fixes
from tests.support.fix_cases import CASES


@given(CASES)
def test_applying_twice_changes_nothing_more(case: tuple[str, list[Finding]]) -> None:
    text, found = case
    plan = plan_fixes(text, found)
    once = apply_plan(text, plan)
    assert apply_plan(once, plan) == once
    assert once == corrected_text(plan)


@given(CASES)
def test_text_outside_the_edits_is_unchanged(case: tuple[str, list[Finding]]) -> None:
    text, found = case
    plan = plan_fixes(text, found)
    fixed = corrected_text(plan)
    pos_in, pos_out = 0, 0
    for edit, out in output_spans(plan):
        assert fixed[pos_out : out.start] == text[pos_in : edit.span.start]
        assert out.slice(fixed) == edit.after
        pos_in, pos_out = edit.span.end, out.end
    assert fixed[pos_out:] == text[pos_in:]


@given(CASES, st.text(alphabet="abc", min_size=1, max_size=5))
def test_stale_text_raises(case: tuple[str, list[Finding]], extra: str) -> None:
    text, found = case
    plan = plan_fixes(text, found)
    other = text + extra
    if other not in (text, corrected_text(plan)):
        with pytest.raises(StalePlanError):
            apply_plan(other, plan)
