"""The layout of an article's redline: blocks (paragraphs) of pieces.

A pure function of the original text, the applied edits and the suggestions.
Applied edits never overlap (the fix plan guarantees it) and are always
placed; a suggestion is placed where it overlaps nothing already placed,
otherwise it is attached to the change it overlaps (``related``), so that
clicking that change shows both.  The text is cut into blocks at line breaks,
except where a change spans one; the same blocks serve the redline and the
side-by-side view, which is therefore aligned by paragraph.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from cleaner.document import Span
from cleaner.report.model import APPLIED, Status

TEXT = "text"
EDIT = "edit"
SUGGESTION = "suggestion"

_GAP = re.compile(r"[^\S\r\n]*(?:\r\n|\r|\n)\s*")


@dataclass(frozen=True, slots=True)
class Piece:
    """Unchanged text, an applied edit (``before`` → ``after``) or a suggestion."""

    kind: str
    before: str
    after: str
    ref: int = 0
    """The finding's number (0 for plain text)."""
    related: tuple[int, ...] = ()
    """Numbers of suggestions overlapping this change."""


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph (or line) of the article."""

    span: Span
    """Where the block lies in the original text."""
    pieces: tuple[Piece, ...]
    spaced: bool = False
    """True when a blank line separates it from the block before."""

    @property
    def original(self) -> str:
        return "".join(p.before for p in self.pieces)

    @property
    def corrected(self) -> str:
        return "".join(p.after for p in self.pieces)


@dataclass(slots=True)
class _Placed:
    span: Span
    kind: str
    after: str
    ref: int
    related: list[int] = field(default_factory=list)


def layout(text: str, statuses: Sequence[Status]) -> list[Block]:
    """Blocks of pieces covering ``text`` (line-break gaps between blocks left out)."""
    placed = _place(statuses)
    starts = [p.span.start for p in placed]
    blocks: list[Block] = []
    for start, end, spaced in _block_bounds(text, placed):
        pieces: list[Piece] = []
        pos = start
        # Changes never cross a block's edge: a gap a change touches stays inside its block.
        for p in placed[bisect.bisect_left(starts, start) : bisect.bisect_right(starts, end)]:
            if p.span.start > pos:
                pieces.append(Piece(TEXT, text[pos : p.span.start], text[pos : p.span.start]))
            before = p.span.slice(text)
            pieces.append(Piece(p.kind, before, p.after if p.kind == EDIT else before, p.ref, tuple(p.related)))
            pos = p.span.end
        if pos < end:
            pieces.append(Piece(TEXT, text[pos:end], text[pos:end]))
        blocks.append(Block(Span(start, end), tuple(pieces), spaced))
    return blocks


def _place(statuses: Sequence[Status]) -> list[_Placed]:
    """Edits first, then suggestions that overlap nothing; the rest become ``related``."""
    placed: list[_Placed] = sorted(
        (_Placed(s.edit.span, EDIT, s.edit.after, s.id) for s in statuses if s.status == APPLIED and s.edit),
        key=lambda p: (p.span.start, p.span.end),
    )
    starts = [p.span.start for p in placed]
    for s in sorted((s for s in statuses if s.status != APPLIED), key=lambda s: (s.finding.start, s.finding.end)):
        span = s.finding.span
        hit = _first_overlap(placed, starts, span)
        if hit is not None:
            placed[hit].related.append(s.id)
            continue
        i = bisect.bisect_left(starts, span.start)
        placed.insert(i, _Placed(span, SUGGESTION, s.finding.text, s.id))
        starts.insert(i, span.start)
    return placed


def _first_overlap(placed: list[_Placed], starts: list[int], span: Span) -> int | None:
    """Index of the first placed change overlapping ``span`` (placed changes never overlap)."""
    i = bisect.bisect_left(starts, span.start)
    if i > 0 and placed[i - 1].span.overlaps(span):
        return i - 1
    j = i
    while j < len(placed) and placed[j].span.start <= span.end:
        if placed[j].span.overlaps(span):
            return j
        j += 1
    return None


def _block_bounds(text: str, placed: list[_Placed]) -> list[tuple[int, int, bool]]:
    """(start, end, spaced) of each block: cut at whitespace with a line break no change touches."""
    gaps = [(m.start(), m.end()) for m in _GAP.finditer(text)]
    lead = len(text) - len(text.lstrip())
    if lead and not (gaps and gaps[0][0] == 0):
        gaps.insert(0, (0, lead))
    trail = len(text.rstrip())
    if trail < len(text) and not (gaps and gaps[-1][1] == len(text)):
        gaps.append((trail, len(text)))
    starts = [p.span.start for p in placed]
    bounds: list[tuple[int, int, bool]] = []
    pos, spaced = 0, False
    for g_start, g_end in gaps:
        if _touched(g_start, g_end, placed, starts, len(text)):
            continue
        if g_start > pos:
            bounds.append((pos, g_start, spaced))
        spaced = _blank_line(text[g_start:g_end]) if bounds else False
        pos = g_end
    if pos < len(text) or (not bounds and placed):
        bounds.append((pos, len(text), spaced))
    return bounds


def _touched(g_start: int, g_end: int, placed: list[_Placed], starts: list[int], size: int) -> bool:
    """True when a change lies in the gap, so the gap must stay inside a block."""
    i = max(bisect.bisect_left(starts, g_start) - 1, 0)
    for p in placed[i:]:
        if p.span.start > g_end:
            break
        a, b = p.span.start, p.span.end
        if a == b:
            if g_start < a < g_end or (a == 0 and g_start == 0) or (a == size and g_end == size):
                return True
        elif a < g_end and b > g_start:
            return True
    return False


def _blank_line(gap: str) -> bool:
    return len(re.findall(r"\r\n|\r|\n", gap)) >= 2
