"""Scored windows: the span's sentence on the left, a few words on the right, only the span differing."""

from __future__ import annotations

import pytest

from cleaner.checks.fluency.windows import RIGHT_WORDS, SENTENCE_GRID, SPAN_GRID, Grid, total, window_for
from cleaner.document import Document, Span


def _window(text: str, word: str, *variants: str, nth: int = 0, grid: Grid = SPAN_GRID):
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    doc = Document.from_text(text)
    return window_for(doc, Span(start, start + len(word)), (word, *variants), grid)


def test_the_left_context_is_the_sentence_and_only_the_span_differs() -> None:
    w = _window("Talks stalled. Oil prices rose after the trade talks failed.", "trade", "tariff")
    assert w.prefix == "Oil prices rose after the"  # the sentence before the span, not the one before it
    assert w.continuations == (" trade talks failed.", " tariff talks failed.")  # the space moves to the word


def test_the_right_context_stops_after_a_few_words() -> None:
    w = _window("Oil prices rose after the trade talks failed in Geneva on Monday.", "trade", "tariff")
    assert RIGHT_WORDS == 3
    assert w.continuations == (" trade talks failed in", " tariff talks failed in")


def test_a_span_opening_the_sentence_has_no_left_context() -> None:
    w = _window("Prices rose. Prices fell again.", "Prices", "Tariffs", nth=1)
    assert w.prefix == "" and w.continuations == ("Prices fell again.", "Tariffs fell again.")


def test_whitespace_in_the_context_is_normalised() -> None:
    w = _window("Oil  prices\trose after   the trade talks.", "trade")
    assert w.prefix == "Oil prices rose after the" and w.continuations == (" trade talks.",)


@pytest.mark.parametrize("grid", [SPAN_GRID, SENTENCE_GRID])
def test_long_sentences_share_a_left_context_cut_on_the_word_grid(grid: Grid) -> None:
    words = [f"w{i}" for i in range(120)]
    text = " ".join(words) + "."
    early = _window(text, "w3", grid=grid)
    assert early.prefix == "w0 w1 w2"  # fewer than min_left + words words: the whole sentence start
    a = _window(text, f"w{grid.min_left + grid.words + 1}", grid=grid)
    b = _window(text, f"w{grid.min_left + 2 * grid.words - 1}", grid=grid)
    assert a.prefix.split()[0] == b.prefix.split()[0] == f"w{grid.words}"  # one shared start for both
    assert b.prefix.startswith(a.prefix) and len(a.prefix.split()) >= grid.min_left


def test_on_the_sentence_grid_a_spans_window_is_a_path_of_the_surprise_chain() -> None:
    """What lets the gate and the proposals reuse the surprising words' pass: same context, same original words."""
    from cleaner.checks.fluency.surprise import _window as surprise_window

    text = " ".join(f"word{i}" for i in range(70)) + "."
    doc = Document.from_text(text)
    for tok in [t for t in doc.tokens if t.text.startswith("word")][1:]:
        chain = surprise_window(doc, tok)
        window = window_for(doc, tok.span, (tok.text, "other"), SENTENCE_GRID)
        assert window.prefix == chain.prefix and window.continuations[0].startswith(chain.continuations[0])


def test_total_adds_the_token_log_probabilities() -> None:
    assert total([-1.5, -0.25, -2.0]) == -3.75
    assert total([]) == 0.0
