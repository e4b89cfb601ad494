"""The Document: an article's text plus what every checker needs to read it.

A Document is built once by a format loader and is read-only afterwards.  Its
``check_text`` has the same length as ``text``: characters that are not
prose (markup, code, URLs, front matter) are blanked out, so every offset a
checker reports is also an offset into the original file.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, fields
from functools import cached_property

from cleaner.document.spans import Span, SpanCover
from cleaner.document.tokens import Token, tokenize


@dataclass(frozen=True, slots=True)
class Region:
    """A part of the article with a role rules can be scoped to (headline, quote)."""

    kind: str
    span: Span


_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "sen",
        "rep",
        "gov",
        "lt",
        "col",
        "capt",
        "sgt",
        "st",
        "jr",
        "sr",
        "inc",
        "corp",
        "ltd",
        "co",
        "vs",
        "etc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "nos",
        "fig",
        "al",
        "approx",
        "dept",
        "est",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "a.m",
        "p.m",
        "e.g",
        "i.e",
        "mt",
        "ft",
    ]
)
_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[\w])")
_PARAGRAPH_BREAK = re.compile(r"\n")
_QUOTE_PAIRS = re.compile(r"\u201c[^\u201c\u201d\n]*\u201d|\"[^\"\n]*\"")
_WORD_RE = re.compile(r"\S+")


@dataclass(frozen=True)
class Document:
    """One article, ready to be checked."""

    path: str
    text: str
    check_text: str = ""
    paragraph_spans: tuple[Span, ...] | None = None
    regions: tuple[Region, ...] = field(default=())
    format: str = "text"

    def __post_init__(self) -> None:
        if not self.check_text:
            object.__setattr__(self, "check_text", self.text)
        if len(self.check_text) != len(self.text):
            raise ValueError("check_text must have the same length as text")

    def __getstate__(self) -> dict[str, object]:
        """The fields alone: what is derived from them (tokens, sentences, quotes) is computed again
        where it is needed, so a ``--jobs`` worker's result reaches the writing process in a
        third of the bytes."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_text(cls, text: str, path: str = "<text>") -> Document:
        """A plain-text document: all of it is prose, each line a paragraph."""
        return cls(path=path, text=text)

    # -- structure ---------------------------------------------------------

    @cached_property
    def paragraphs(self) -> tuple[Span, ...]:
        """Non-empty paragraphs of prose, as spans with surrounding whitespace trimmed."""
        if self.paragraph_spans is not None:
            return self.paragraph_spans
        spans: list[Span] = []
        start = 0
        for m in _PARAGRAPH_BREAK.finditer(self.check_text):
            spans.extend(_trimmed(self.check_text, start, m.start()))
            start = m.end()
        spans.extend(_trimmed(self.check_text, start, len(self.check_text)))
        return tuple(spans)

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        """Sentence spans inside paragraphs (a rule-based splitter that knows news abbreviations)."""
        out: list[Span] = []
        for para in self.paragraphs:
            out.extend(split_sentences(self.check_text, para))
        return tuple(out)

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        """Every token of the prose, in order."""
        out: list[Token] = []
        for para in self.paragraphs:
            out.extend(tokenize(self.check_text[para.start : para.end], para.start))
        return tuple(out)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, offset: int) -> Span:
        """The sentence containing ``offset`` (or the nearest one before it)."""
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i < 0:
            return Span(0, len(self.text)) if not self.sentences else self.sentences[0]
        return self.sentences[i]

    @cached_property
    def quotes(self) -> tuple[Span, ...]:
        """Direct quotations: text between paired quotation marks within a paragraph."""
        found = [r.span for r in self.regions if r.kind == "quote"]
        for para in self.paragraphs:
            chunk = self.check_text[para.start : para.end]
            found.extend(Span(para.start + m.start(), para.start + m.end()) for m in _QUOTE_PAIRS.finditer(chunk))
        return tuple(sorted(found))

    @cached_property
    def headlines(self) -> tuple[Span, ...]:
        """Headlines marked by the format loader."""
        return tuple(r.span for r in self.regions if r.kind == "headline")

    @cached_property
    def _region_covers(self) -> dict[str, SpanCover]:
        return {"quote": SpanCover(self.quotes), "headline": SpanCover(self.headlines)}

    def in_region(self, kind: str, span: Span) -> bool:
        """True when ``span`` lies inside a headline or a quote."""
        cover = self._region_covers.get(kind)
        return cover is not None and cover.contains(span)

    # -- positions ---------------------------------------------------------

    @cached_property
    def line_starts(self) -> list[int]:
        """Offsets at which each line starts (line 1 at index 0)."""
        return [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", self.text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        i = bisect.bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1

    @cached_property
    def word_count(self) -> int:
        """Whitespace-separated words of prose (the unit used for per-100-word scores)."""
        return sum(1 for _ in _WORD_RE.finditer(self.check_text))

    def prose(self) -> str:
        """The checked text with paragraphs joined by blank lines (for readability scores)."""
        return "\n\n".join(self.check_text[p.start : p.end] for p in self.paragraphs)


def _trimmed(text: str, start: int, end: int) -> list[Span]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [Span(start, end)] if start < end else []


def split_sentences(text: str, para: Span) -> list[Span]:
    """Split one paragraph into sentences, not after abbreviations like "Mr." or "U.S."."""
    chunk = text[para.start : para.end]
    spans: list[Span] = []
    start = 0
    for m in _SENTENCE_END.finditer(chunk):
        if chunk[m.start()] == "." and _is_abbreviation(chunk, m.start()):
            continue
        spans.extend(_trimmed(text, para.start + start, para.start + m.end()))
        start = m.end()
    spans.extend(_trimmed(text, para.start + start, para.end))
    return spans


def _is_abbreviation(chunk: str, dot: int) -> bool:
    j = dot
    while j > 0 and (chunk[j - 1].isalpha() or chunk[j - 1] == "."):
        j -= 1
    word = chunk[j:dot].lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())
