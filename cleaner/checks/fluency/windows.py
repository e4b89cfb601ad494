"""Cutting the scored window around a span: left context of its sentence, the span, a little right context.

Both the gate and the proposals compare the same window with the span's text
replaced, so only the tokens from the span on differ; whitespace before the
span moves into the continuation, because the tokenizer glues a leading space
to the word that follows it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from cleaner.checks.fluency.scorer import Window
from cleaner.document import Document, Span


@dataclass(frozen=True, slots=True)
class Grid:
    """Where a left context starts: at the sentence start, or at a multiple of ``words`` words into the sentence at
    least ``min_left`` words before the span; windows of one sentence then begin at the same word and share it."""

    words: int
    min_left: int


SPAN_GRID = Grid(words=12, min_left=6)
"""The gate's windows, and the proposals' when the surprising words do not run: a short context, cheap to run."""
SENTENCE_GRID = Grid(words=32, min_left=16)
"""The surprising words' chains, one per sentence (a word is judged after most of its sentence); when they run,
the proposals and the rule hints the gate scores as proposals cut their windows on this grid too, so that their
contexts and original words are nodes of those chains and cost nothing more (docs/fluency.md, "Speed")."""
RIGHT_WORDS = 3
_WORD_START = re.compile(r"(?<!\S)\S")


def window_for(doc: Document, span: Span, variants: tuple[str, ...], grid: Grid = SPAN_GRID) -> Window:
    """A window over ``span``'s sentence with each of ``variants`` (the original first) in the span's place."""
    text = doc.check_text
    end = max(doc.sentence_at(span.start).end, span.end)
    prefix, gap = left_context(doc, span.start, grid)
    right = text[span.end : end]
    right_starts = [m.start() for m in _WORD_START.finditer(right)]
    if len(right_starts) > RIGHT_WORDS:
        right = right[: right_starts[RIGHT_WORDS]].rstrip()
    return Window(prefix, tuple(gap + v + right for v in variants))


def left_context(doc: Document, at: int, grid: Grid = SPAN_GRID) -> tuple[str, str]:
    """The scored context before offset ``at`` (its sentence from the start, or from a point of ``grid``),
    whitespace-normalised, and the whitespace just before ``at``, which belongs to the continuation."""
    text = doc.check_text
    sentence = doc.sentence_at(at)
    left = text[max(min(sentence.start, at), 0) : at]
    starts = [m.start() for m in _WORD_START.finditer(left)]
    cut = max(0, (len(starts) - grid.min_left) // grid.words * grid.words)
    if cut:
        left = left[starts[cut] :]
    prefix = left.rstrip()
    return " ".join(prefix.split()), left[len(prefix) :]


def total(logprobs: Sequence[float]) -> float:
    return float(sum(logprobs))
