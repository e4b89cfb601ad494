"""Half-open character ranges: the one offset convention of the pipeline.

Every offset in cleaner is a Python ``str`` index (code points) into the
article's original text, ``end`` exclusive.  Conversions from other
conventions (LanguageTool's UTF-16 offsets, markup positions) happen at the
edges, where those values enter.
"""

from __future__ import annotations

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
