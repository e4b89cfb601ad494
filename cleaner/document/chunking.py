"""Cutting a big Document into smaller ones that checkers can take one at a time.

Every format is cut the same way, after it was loaded, so a chunk of a
Markdown or HTML article keeps its blanked markup, paragraphs and regions,
and an offset in a chunk plus the chunk's start is an offset in the file.
Cuts fall between paragraphs; a paragraph longer than a chunk (a 10 MB
single line) is cut at a line break or a space, never inside a word unless
there is no space at all.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from cleaner.document.document import Document, Region
from cleaner.document.spans import Span


def chunk_bounds(doc: Document, size: int) -> list[tuple[int, int]]:
    """Half-open ``(start, end)`` pieces covering ``doc.text``, each about ``size`` characters or less."""
    text = doc.check_text
    n = len(text)
    starts = [p.start for p in doc.paragraphs]
    bounds: list[tuple[int, int]] = []
    start = 0
    while start < n:
        end = min(start + size, n)
        if end < n:
            end = _cut(text, starts, start, end, size)
        bounds.append((start, end))
        start = end
    return bounds


def _cut(text: str, starts: list[int], start: int, end: int, size: int) -> int:
    low = start + size // 2
    i = bisect.bisect_right(starts, end) - 1
    if i >= 0 and starts[i] > low:
        return _after_line_break(text, starts[i], low)
    for sep in ("\n", " ", "\t"):
        cut = text.rfind(sep, low, end)
        if cut >= 0:
            return cut + 1
    return end


def _after_line_break(text: str, para_start: int, low: int) -> int:
    """Cut just after the line break before a paragraph, so the gap stays with the chunk before it."""
    cut = text.rfind("\n", low, para_start)
    return cut + 1 if cut >= 0 else para_start


def chunks(doc: Document, size: int) -> Iterator[tuple[int, Document]]:
    """``(offset, sub-document)`` for each piece of ``doc``; one piece when it is small enough."""
    if len(doc.text) <= size:
        yield 0, doc
        return
    for start, end in chunk_bounds(doc, size):
        yield start, sub_document(doc, start, end)


def sub_document(doc: Document, start: int, end: int) -> Document:
    """The part ``[start, end)`` of ``doc`` as a Document of its own, offsets shifted to start at 0."""
    paragraphs = None
    if doc.paragraph_spans is not None:
        paragraphs = tuple(s for p in doc.paragraph_spans if (s := _clip(p, start, end)) is not None)
    regions = tuple(Region(r.kind, s) for r in doc.regions if (s := _clip(r.span, start, end)) is not None)
    return Document(
        path=doc.path,
        text=doc.text[start:end],
        check_text=doc.check_text[start:end],
        paragraph_spans=paragraphs,
        regions=regions,
        format=doc.format,
    )


def _clip(span: Span, start: int, end: int) -> Span | None:
    lo, hi = max(span.start, start), min(span.end, end)
    return Span(lo - start, hi - start) if lo < hi else None
