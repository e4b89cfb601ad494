"""Half-open spans: validation, length, overlap (empty spans included), containment, slicing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.document.spans import Span, SpanCover


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


_spans = st.tuples(st.integers(0, 60), st.integers(0, 20)).map(lambda t: Span(t[0], t[0] + t[1]))


@given(st.lists(_spans, max_size=12), _spans)
def test_span_cover_agrees_with_a_scan_of_every_span(pool: list[Span], probe: Span) -> None:
    assert SpanCover(pool).contains(probe) == any(s.contains(probe) for s in pool)


def test_span_cover_finds_a_long_span_behind_shorter_later_ones() -> None:
    cover = SpanCover([Span(0, 100), Span(10, 12), Span(20, 22)])
    assert cover.contains(Span(30, 40))
    assert not cover.contains(Span(90, 101))
    assert not SpanCover([]).contains(Span(0, 0))
