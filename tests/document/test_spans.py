"""Half-open spans: validation, length, overlap (empty spans included), containment, slicing."""

from __future__ import annotations

import pytest

from cleaner.document.spans import Span


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (3, 2)])
def test_negative_or_reversed_spans_are_refused(start: int, end: int) -> None:
    with pytest.raises(ValueError, match=f"bad span {start}..{end}"):
        Span(start, end)


def test_length_and_slice_follow_the_half_open_convention() -> None:
    text = "pricing talks"
    span = Span(8, 13)
    assert len(span) == 5 and span.slice(text) == "talks"
    assert len(Span(4, 4)) == 0 and Span(4, 4).slice(text) == ""


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (Span(0, 5), Span(4, 8), True),  # share character 4
        (Span(0, 5), Span(5, 8), False),  # touching ends share nothing
        (Span(0, 10), Span(3, 4), True),  # containment
        (Span(2, 2), Span(0, 5), True),  # an insertion point inside a span
        (Span(5, 5), Span(0, 5), False),  # an insertion point at a span's end is outside it
        (Span(3, 3), Span(3, 3), True),  # the same insertion point twice
        (Span(3, 3), Span(4, 4), False),
        (Span(3, 3), Span(3, 6), True),  # an insertion point at a span's start
    ],
)
def test_overlaps_is_symmetric_and_counts_empty_spans_inside(a: Span, b: Span, expected: bool) -> None:
    assert a.overlaps(b) is expected
    assert b.overlaps(a) is expected


def test_contains_includes_equal_and_boundary_empty_spans_but_not_overhangs() -> None:
    outer = Span(2, 8)
    assert outer.contains(Span(2, 8)) and outer.contains(Span(8, 8)) and outer.contains(Span(2, 2))
    assert not outer.contains(Span(1, 3)) and not outer.contains(Span(7, 9))
    assert not Span(3, 4).contains(outer)


def test_spans_order_by_start_then_end() -> None:
    assert sorted([Span(3, 4), Span(0, 9), Span(0, 2)]) == [Span(0, 2), Span(0, 9), Span(3, 4)]
