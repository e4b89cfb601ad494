"""Blanking non-prose: same length, line breaks kept, only the kept spans left readable."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleaner.document.formats.blanking import blank, blank_except, spans_of, trimmed
from cleaner.document.spans import Span


def test_blank_turns_everything_but_line_breaks_into_spaces() -> None:
    assert blank("<b>a\r\nz</b>\n\té") == "    " + "\r\n" + "     " + "\n" + "  "


def test_blank_except_keeps_the_spans_in_place_even_unsorted_and_overlapping() -> None:
    text = "<p>Trade</p>\n<p>talks</p>"
    keep = [Span(16, 21), Span(3, 8), Span(4, 6)]
    out = blank_except(text, keep)
    assert len(out) == len(text)
    assert out == "   Trade    \n   talks    "


@given(st.text(alphabet="ab <>\n\r\u00e9", max_size=30), st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30))))
def test_blank_except_never_moves_an_offset(text: str, pairs: list[tuple[int, int]]) -> None:
    keep = [Span(min(a, b, len(text)), min(max(a, b), len(text))) for a, b in pairs]
    out = blank_except(text, keep)
    assert len(out) == len(text)
    for i, (before, after) in enumerate(zip(text, out, strict=True)):
        kept = any(s.start <= i < s.end for s in keep)
        assert after == (before if kept or before in "\r\n" else " ")


def test_spans_of_gives_maximal_true_runs_shifted_by_base() -> None:
    mask = [True, True, False, False, True, False, True]
    assert spans_of(mask) == [Span(0, 2), Span(4, 5), Span(6, 7)]
    assert spans_of(mask, base=10) == [Span(10, 12), Span(14, 15), Span(16, 17)]
    assert spans_of([]) == [] and spans_of([False, False]) == []


def test_trimmed_drops_surrounding_whitespace_and_empties() -> None:
    text = "  Trade talks \n"
    assert trimmed(text, Span(0, len(text))) == Span(2, 13)
    assert trimmed(text, Span(0, 2)) is None
    assert trimmed(text, Span(13, 15)) is None
