"""Round trips through the real Apertium reproduce the shared construction."""

from __future__ import annotations

import pytest

from cleaner.mining.roundtrip import ApertiumError, round_trip, run_apertium, split_paragraphs, tidy_spacing


def test_tidy_removes_blanks_of_dropped_words_only_where_the_original_has_none() -> None:
    assert tidy_spacing('It said  was "late" ,  he said .', "He said it was late.") == 'It said was "late", he said.'
    # The original has a double space and a space before the colon: those stay.
    assert tidy_spacing("a  b : c", "x  y : z") == "a  b : c"


def test_split_paragraphs_trims_each_paragraph() -> None:
    assert split_paragraphs(" one \n\n two\n \nthree\n") == ["one", "two", "three"]


def test_round_trip_keeps_lines_aligned_and_garbles_them() -> None:
    lines = ["Storm hits coast", "The president said on Monday that the government of the country will help."]
    trip = round_trip(lines, "eng-spa", "spa-eng")
    assert len(trip.garbled) == len(trip.pivot_text) == len(trip.garbled_raw) == 2
    assert not trip.line_fallback
    # Spanish in the middle, English again at the end, and not the same English.
    assert "presidente" in trip.pivot_text[1].lower()
    assert "president" in trip.garbled[1].lower()
    assert trip.garbled != lines
    # A headline without a full stop keeps its last word on its own line.
    assert trip.garbled[0].split()[-1].lower() != ""
    assert "government" not in trip.garbled[0].lower()


def test_unknown_mode_is_a_clear_error() -> None:
    with pytest.raises(ApertiumError, match="no-such-mode"):
        run_apertium("no-such-mode", "text")
