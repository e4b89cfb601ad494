"""Scored windows: the span's sentence on the left, a few words on the right, only the span differing."""

from __future__ import annotations

from cleaner.checks.fluency.windows import GRID_WORDS, MIN_LEFT_WORDS, RIGHT_WORDS, total, window_for
from cleaner.document import Document, Span


def _window(text: str, word: str, *variants: str, nth: int = 0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    doc = Document.from_text(text)
    return window_for(doc, Span(start, start + len(word)), (word, *variants))


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


def test_long_sentences_share_a_left_context_cut_on_the_word_grid() -> None:
    words = [f"w{i}" for i in range(40)]
    text = " ".join(words) + "."
    early = _window(text, "w3")
    assert early.prefix == "w0 w1 w2"  # fewer than MIN_LEFT_WORDS + GRID_WORDS words: the whole sentence start
    a = _window(text, f"w{MIN_LEFT_WORDS + GRID_WORDS + 1}")
    b = _window(text, f"w{MIN_LEFT_WORDS + 2 * GRID_WORDS - 1}")
    assert a.prefix.split()[0] == b.prefix.split()[0] == f"w{GRID_WORDS}"  # one shared start for both
    assert b.prefix.startswith(a.prefix) and len(a.prefix.split()) >= MIN_LEFT_WORDS


def test_total_adds_the_token_log_probabilities() -> None:
    assert total([-1.5, -0.25, -2.0]) == -3.75
    assert total([]) == 0.0
