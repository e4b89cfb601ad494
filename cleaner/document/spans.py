"""Half-open character ranges: the one offset convention of the pipeline.

Every offset in cleaner is a Python ``str`` index (code points) into the
article's original text, ``end`` exclusive.  Conversions from other
conventions (LanguageTool's UTF-16 offsets, markup positions) happen at the
edges, where those values enter.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """The characters ``text[start:end]``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        """True when the two spans share a character (or an empty span sits inside the other)."""
        if self.start == self.end:
            return other.start <= self.start < other.end or self.start == other.start
        if other.start == other.end:
            return self.start <= other.start < self.end or self.start == other.start
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        """True when ``other`` lies inside this span."""
        return self.start <= other.start and other.end <= self.end

    def slice(self, text: str) -> str:
        """The characters of ``text`` that this span covers."""
        return text[self.start : self.end]


class SpanCover:
    """Answers "does any of these spans contain that one?" by bisection, not by a scan.

    A check asks this for every token of an article (is it quoted?), so a scan of
    every quote made a long article quadratic (issue 9).
    """

    __slots__ = ("_reach", "_starts")

    def __init__(self, spans: tuple[Span, ...] | list[Span]) -> None:
        ordered = sorted(spans)
        self._starts = [s.start for s in ordered]
        self._reach: list[int] = []  # the furthest end among the spans up to each index
        furthest = -1
        for s in ordered:
            furthest = max(furthest, s.end)
            self._reach.append(furthest)

    def contains(self, span: Span) -> bool:
        """True when some span starts at or before ``span`` and ends at or after it."""
        i = bisect.bisect_right(self._starts, span.start) - 1
        return i >= 0 and self._reach[i] >= span.end
