"""Token alignment of an original line against its round-trip garble, as the round-trip README defines it.

Lines are tokenised into words and punctuation marks with character offsets (cleaner's own tokenizer, so a
rule's tokens and the alignment's tokens are the same), aligned with difflib.SequenceMatcher (autojunk off) on
case-folded forms; every non-equal opcode is a difference, and gold spans merge differences separated by at most
one equal token. The miner reads the differences; the scorer reads the gold spans.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from cleaner.document import NUMBER_NORM, Span, Token, normalize_word, tokenize


@dataclass(frozen=True, slots=True)
class Difference:
    """One opcode: garbled tokens [g1, g2) stand where the original has tokens [o1, o2) (tag from difflib)."""

    tag: str
    g1: int
    g2: int
    o1: int
    o2: int


@dataclass(frozen=True, slots=True)
class AlignedLine:
    """One original line, its garble, their tokens and the differences between them."""

    original: str
    garbled: str
    original_tokens: list[Token]
    garbled_tokens: list[Token]
    differences: list[Difference]
    opcodes: list[Difference]
    """Every opcode, the equal ones included, in order."""

    def garbled_forms(self) -> list[str]:
        return [t.norm for t in self.garbled_tokens]

    def original_forms(self) -> list[str]:
        return [t.norm for t in self.original_tokens]


def align_line(original: str, garbled: str) -> AlignedLine:
    """Align one line pair on case-folded token forms."""
    o_tokens, g_tokens = tokenize(original), tokenize(garbled)
    matcher = SequenceMatcher(None, _keys(o_tokens), _keys(g_tokens), autojunk=False)
    opcodes = [Difference(tag, g1, g2, o1, o2) for tag, o1, o2, g1, g2 in matcher.get_opcodes()]
    diffs = [d for d in opcodes if d.tag != "equal"]
    return AlignedLine(original, garbled, o_tokens, g_tokens, diffs, opcodes)


def _keys(tokens: list[Token]) -> list[str]:
    # Numbers align on their digits: "2019" against "2020" is a difference, whatever rules call a number.
    return [normalize_word(t.text) if t.norm == NUMBER_NORM else t.norm for t in tokens]


def gold_spans(line: AlignedLine) -> list[Span]:
    """Character spans in the garbled line; a deletion is the gap between its neighbouring tokens."""
    merged: list[list[int]] = []
    for d in line.differences:
        if merged and d.g1 - merged[-1][1] <= 1:
            merged[-1][1] = max(merged[-1][1], d.g2)
        else:
            merged.append([d.g1, d.g2])
    tokens = line.garbled_tokens
    spans: list[Span] = []
    for g1, g2 in merged:
        if g2 > g1:
            spans.append(Span(tokens[g1].start, tokens[g2 - 1].end))
        else:
            start = tokens[g1 - 1].end if g1 > 0 else 0
            end = tokens[g1].start if g1 < len(tokens) else len(line.garbled)
            spans.append(Span(start, end))
    return spans
