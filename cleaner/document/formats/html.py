"""HTML articles (CMS exports): only the text between tags is prose.

Tags, attributes, comments and the contents of ``script``, ``style``,
``code``, ``pre`` and the like are blanked; the characters of the prose are
kept exactly as written, so offsets, lines and columns are those of the file
and a fix edits the file's own characters.  Character references such as
``&amp;`` are left as written (decoding them would shift every offset).
``h1``–``h6`` become headline regions, ``blockquote`` and ``q`` quote
regions, and every block element starts a new paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from cleaner.document.document import Document, Region
from cleaner.document.formats.blanking import blank_except, trimmed
from cleaner.document.sources import Source
from cleaner.document.spans import Span


def _tags(names: str) -> frozenset[str]:
    return frozenset(names.split())


SKIPPED = _tags(
    """script style code pre kbd samp var tt textarea template head title svg math noscript
    iframe object select button"""
)
"""Elements whose whole content is not prose."""

BLOCKS = _tags(
    """address article aside blockquote body br caption dd details dialog div dl dt fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p section summary table tbody
    td tfoot th thead tr ul"""
)
"""Elements that end the paragraph before them and start a new one."""

VOID = _tags("area base br col embed hr img input link meta param source track wbr")
HEADLINES = _tags("h1 h2 h3 h4 h5 h6")
QUOTES = frozenset(("blockquote", "q"))
_CHARREF = re.compile(r"&#?[0-9A-Za-z]+;?")


@dataclass
class HtmlProse:
    """What a scan of HTML found: prose pieces, paragraphs and regions (offsets into the file)."""

    prose: list[Span] = field(default_factory=list)
    paragraphs: list[Span] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)


class _Scanner(HTMLParser):
    """Walks the markup once and records where prose, paragraphs and regions are."""

    def __init__(self, text: str, base: int) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.base = base
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.found = HtmlProse()
        self.stack: list[tuple[str, int]] = []
        """Open elements: tag name and how many prose pieces existed when it opened."""
        self.paragraph: list[Span] = []

    # -- positions -----------------------------------------------------------

    def _here(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _skipping(self) -> bool:
        return any(tag in SKIPPED for tag, _ in self.stack)

    def _prose(self, start: int, length: int) -> None:
        if length <= 0 or self._skipping():
            return
        span = Span(self.base + start, self.base + start + length)
        self.found.prose.append(span)
        if self.text[start : start + length].strip():
            self.paragraph.append(span)

    def _end_paragraph(self) -> None:
        if self.paragraph:
            span = Span(self.paragraph[0].start, self.paragraph[-1].end)
            self.found.paragraphs.append(span)
            self.paragraph = []

    # -- parser callbacks ----------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self._end_paragraph()
        if tag not in VOID:
            self.stack.append((tag, len(self.found.prose)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self._end_paragraph()

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS:
            self._end_paragraph()
        if not any(name == tag for name, _ in self.stack):
            return
        while self.stack:
            name, first = self.stack.pop()
            self._close_region(name, first)
            if name == tag:
                break

    def _close_region(self, tag: str, first: int) -> None:
        kind = "headline" if tag in HEADLINES else "quote" if tag in QUOTES else None
        if kind is None:
            return
        pieces = [p for p in self.found.prose[first:] if self.text[p.start - self.base : p.end - self.base].strip()]
        if pieces:
            self.found.regions.append(Region(kind, Span(pieces[0].start, pieces[-1].end)))

    def handle_data(self, data: str) -> None:
        start = self._here()
        if self.text.startswith(data, start):
            self._prose(start, len(data))

    def handle_entityref(self, name: str) -> None:
        self._charref()

    def handle_charref(self, name: str) -> None:
        self._charref()

    def _charref(self) -> None:
        start = self._here()
        m = _CHARREF.match(self.text, start)
        if m:
            self._prose(start, m.end() - start)

    def handle_comment(self, data: str) -> None:
        start = self._here()
        if self.text.startswith("<!--", start):
            end = self.text.find("-->", start + 4)
            end = len(self.text) if end < 0 else end + 3
            self.found.regions.append(Region("comment", Span(self.base + start, self.base + end)))

    def finish(self) -> HtmlProse:
        self.close()
        while self.stack:
            name, first = self.stack.pop()
            self._close_region(name, first)
        self._end_paragraph()
        return self.found


def scan_html(text: str, base: int = 0) -> HtmlProse:
    """Prose pieces, paragraphs and regions of an HTML fragment starting at offset ``base``."""
    scanner = _Scanner(text, base)
    scanner.feed(text)
    return scanner.finish()


def load_html(source: Source) -> Document:
    """An HTML Document: text between tags is prose, everything else is blanked."""
    found = scan_html(source.text)
    check_text = blank_except(source.text, found.prose)
    paragraphs = tuple(p for span in found.paragraphs if (p := trimmed(check_text, span)))
    return Document(
        path=source.path,
        text=source.text,
        check_text=check_text,
        paragraph_spans=paragraphs,
        regions=tuple(sorted(found.regions, key=lambda r: r.span)),
        format="html",
    )
