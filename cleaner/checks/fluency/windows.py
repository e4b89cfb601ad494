"""Cutting the scored window around a span: left context of its sentence, the span, a little right context.

Both the gate and the proposals compare the same window with the span's text
replaced, so only the tokens from the span on differ; whitespace before the
span moves into the continuation, because the tokenizer glues a leading space
to the word that follows it.
"""

from __future__ import annotations

import re

from cleaner.checks.fluency.scorer import Window
from cleaner.document import Document, Span

MIN_LEFT_WORDS = 6
GRID_WORDS = 12
"""The left context starts at the sentence start or at a multiple of GRID_WORDS words into the sentence, at least
MIN_LEFT_WORDS before the span: windows of one sentence then begin at the same word and share their context."""
RIGHT_WORDS = 3
_WORD_START = re.compile(r"(?<!\S)\S")


def window_for(doc: Document, span: Span, variants: tuple[str, ...]) -> Window:
    """A window over ``span``'s sentence with each of ``variants`` (the original first) in the span's place."""
    text = doc.check_text
    sentence = doc.sentence_at(span.start)
    start = max(min(sentence.start, span.start), 0)
    end = max(sentence.end, span.end)
    left = text[start : span.start]
    starts = [m.start() for m in _WORD_START.finditer(left)]
    cut = max(0, (len(starts) - MIN_LEFT_WORDS) // GRID_WORDS * GRID_WORDS)
    if cut:
        left = left[starts[cut] :]
    right = text[span.end : end]
    right_starts = [m.start() for m in _WORD_START.finditer(right)]
    if len(right_starts) > RIGHT_WORDS:
        right = right[: right_starts[RIGHT_WORDS]].rstrip()
    prefix = left.rstrip()
    gap = left[len(prefix) :]
    prefix = " ".join(prefix.split())
    return Window(prefix, tuple(gap + v + right for v in variants))


def total(logprobs: list[float]) -> float:
    return float(sum(logprobs))
