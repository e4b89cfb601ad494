"""Gold spans from the token alignment, as the round-trip README defines them."""

from __future__ import annotations

from cleaner.mining.alignment import align_line, gold_spans


def spans_text(original: str, garbled: str) -> list[str]:
    return [garbled[s.start : s.end] for s in gold_spans(align_line(original, garbled))]


def test_replacement_insertion_and_deletion_are_spans() -> None:
    original = "He said on Friday that prices rose sharply."
    garbled = "Said the Friday that the prices rose sharply."
    # "He said on" -> "Said the" is one replacement; "the" before prices is an insertion.
    assert spans_text(original, garbled) == ["Said the", "the"]


def test_a_deletion_is_the_gap_between_its_neighbours() -> None:
    line = align_line("It was very late.", "It was late.")
    (span,) = gold_spans(line)
    assert (span.start, span.end) == (6, 7)


def test_spans_one_equal_token_apart_are_merged() -> None:
    assert spans_text("the big red car", "the large red automobile") == ["large red automobile"]


def test_numbers_align_on_their_digits_and_case_is_ignored() -> None:
    assert spans_text("In 2019 sales fell.", "in 2020 sales fell.") == ["2020"]
    assert spans_text("Sales Fell", "sales fell") == []
