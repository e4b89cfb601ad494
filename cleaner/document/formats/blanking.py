"""Blanking markup out of an article without moving a single offset.

Every format loader ends the same way: it knows which character ranges are
prose and turns everything else into spaces.  Line breaks are kept, so line
numbers, sentence splitting and paragraph breaks still see the file's shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cleaner.document.spans import Span

_NOT_NEWLINE = re.compile(r"[^\r\n]")


def blank(segment: str) -> str:
    """``segment`` with every character but line breaks turned into a space."""
    return _NOT_NEWLINE.sub(" ", segment)


def blank_except(text: str, keep: Iterable[Span]) -> str:
    """``text`` with everything outside the ``keep`` spans blanked; same length as ``text``."""
    parts: list[str] = []
    pos = 0
    for span in sorted(keep):
        start = max(span.start, pos)
        if span.end <= start:
            continue
        parts.append(blank(text[pos:start]))
        parts.append(text[start : span.end])
        pos = span.end
    parts.append(blank(text[pos:]))
    return "".join(parts)


def spans_of(mask: Iterable[bool], base: int = 0) -> list[Span]:
    """Maximal runs of True in ``mask`` as spans (offset by ``base``)."""
    out: list[Span] = []
    start = -1
    i = -1
    for i, flag in enumerate(mask):
        if flag and start < 0:
            start = i
        elif not flag and start >= 0:
            out.append(Span(base + start, base + i))
            start = -1
    if start >= 0:
        out.append(Span(base + start, base + i + 1))
    return out


def trimmed(text: str, span: Span) -> Span | None:
    """``span`` without leading and trailing whitespace of ``text``; None when nothing is left."""
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if start < end else None
