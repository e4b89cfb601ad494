"""Markdown articles: only the prose is checked, and offsets stay those of the file.

markdown-it-py finds the blocks (with their line ranges) and the raw text of
every paragraph, heading and table cell; it gives no character offsets, so
each block's text is placed back on its source lines here, and a small
inline scanner blanks what is not prose inside it: code spans, autolinks,
link destinations, images, inline HTML, bare URLs and e-mail addresses,
emphasis markers and backslash escapes.  Code blocks, HTML blocks' tags,
link reference definitions and YAML/TOML front matter are never prose.
Headings become headline regions, block quotes quote regions, and a
hard-wrapped paragraph is one paragraph.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from cleaner.document.document import Document, Region
from cleaner.document.formats.blanking import blank, blank_except, spans_of, trimmed
from cleaner.document.formats.html import scan_html
from cleaner.document.sources import Source
from cleaner.document.spans import Span

_MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n.*?(?:\r?\n|\r)(?:\1|\.\.\.)[ \t]*(?:\r?\n|\r|\Z)", re.S)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ESCAPABLE = frozenset(string.punctuation)
_AUTOLINK = re.compile(
    r"<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*>"  # <https://example.com>
    r"|<[\w.!#$%&'*+/=?^`{|}~\-]+@[A-Za-z0-9][A-Za-z0-9.\-]*>"  # <desk@example.com>
)
_ATTRIBUTE = r"""(?:\s+[A-Za-z_:][\w.:\-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)"""
_INLINE_HTML = re.compile(
    rf"<!--.*?-->|</?[A-Za-z][A-Za-z0-9\-]*{_ATTRIBUTE}*\s*/?>|<\?.*?\?>|<![A-Za-z][^>]*>|<!\[CDATA\[.*?\]\]>",
    re.S,
)
_BARE_URL = re.compile(r"\b(?:(?:https?|ftp)://|www\.)[^\s<>]+|[\w.+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+", re.I)
_URL_TRAILING = ".,:;!?'\"*_~"


@dataclass
class _Found:
    prose: list[Span] = field(default_factory=list)
    paragraphs: list[Span] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)


def load_markdown(source: Source) -> Document:
    """A Markdown Document: prose kept, everything else blanked, headings and quotes marked."""
    text = source.text
    front = _FRONT_MATTER.match(text)
    body_start = front.end() if front else 0
    parse_text = blank(text[:body_start]) + text[body_start:]
    env: dict[str, Any] = {}
    tokens = _MD.parse(parse_text, env)
    lines = _line_spans(text)
    found = _Found()
    _walk(tokens, text, lines, frozenset(env.get("references", {})), found)
    check_text = blank_except(text, found.prose)
    paragraphs = sorted({p for span in found.paragraphs if (p := trimmed(check_text, span))})
    regions = [r for r in found.regions if r.kind == "comment" or trimmed(check_text, r.span)]
    return Document(
        path=source.path,
        text=text,
        check_text=check_text,
        paragraph_spans=tuple(paragraphs),
        regions=tuple(sorted(regions, key=lambda r: r.span)),
        format="markdown",
    )


def _line_spans(text: str) -> list[Span]:
    """Each line of ``text`` without its line break, in the order markdown-it numbers them."""
    spans: list[Span] = []
    start = 0
    for m in _LINE_BREAK.finditer(text):
        spans.append(Span(start, m.start()))
        start = m.end()
    spans.append(Span(start, len(text)))
    return spans


def _walk(tokens: list[Token], text: str, lines: list[Span], refs: frozenset[str], found: _Found) -> None:
    quote_depth = 0
    heading = False
    table_depth = 0
    cursors: dict[int, int] = {}
    for tok in tokens:
        if tok.type == "blockquote_open":
            quote_depth += 1
        elif tok.type == "blockquote_close":
            quote_depth -= 1
        elif tok.type == "heading_open":
            heading = True
        elif tok.type == "heading_close":
            heading = False
        elif tok.type == "table_open":
            table_depth += 1
        elif tok.type == "table_close":
            table_depth -= 1
        elif tok.type == "html_block" and tok.map:
            _html_block(tok, text, lines, quote_depth, found)
        elif tok.type == "inline" and tok.map:
            offsets = _place(tok.content, tok.map, text, lines, cursors, in_table=table_depth > 0)
            kept = _inline(tok, offsets, refs, found)
            if kept:
                span = Span(kept[0].start, kept[-1].end)
                found.paragraphs.append(span)
                if heading:
                    found.regions.append(Region("headline", span))
                if quote_depth:
                    found.regions.append(Region("quote", span))


def _place(
    content: str, line_range: list[int], text: str, lines: list[Span], cursors: dict[int, int], in_table: bool
) -> list[int | None]:
    """The file offset of each character of a block's raw text (None where it cannot be placed).

    markdown-it strips container markers (``>``, list bullets, indentation)
    from the start of each line; what is left is found on its source line:
    at the end of the line for paragraphs, left to right for table cells.
    """
    offsets: list[int | None] = []
    first, last = line_range
    for i, part in enumerate(content.split("\n")):
        if i:
            offsets.append(None)
        line_no = first + i
        if line_no >= min(last, len(lines)) or not part.strip():
            offsets.extend([None] * len(part))
            continue
        line = lines[line_no]
        source = text[line.start : line.end]
        at = _find(source, part, cursors.get(line_no, 0), in_table)
        if at < 0:
            offsets.extend([None] * len(part))
            continue
        cursors[line_no] = at + len(part)
        offsets.extend(range(line.start + at, line.start + at + len(part)))
    return offsets


def _find(source: str, part: str, cursor: int, in_table: bool) -> int:
    core = part.rstrip()
    line = source.rstrip()
    if not in_table and line.endswith(core) and len(line) - len(core) >= cursor:
        return len(line) - len(core)
    at = source.find(part, cursor)
    return at if at >= 0 else source.find(core, cursor)


def _inline(tok: Token, offsets: list[int | None], refs: frozenset[str], found: _Found) -> list[Span]:
    """Record the prose of one inline block and the HTML comments in it; return its prose spans."""
    mask, comments = _prose_mask(tok.content, refs)
    kept: list[Span] = []
    for span in spans_of(mask):
        kept.extend(_to_file(offsets, span))
    found.prose.extend(kept)
    for span in comments:
        placed = _to_file(offsets, span)
        if placed:
            found.regions.append(Region("comment", Span(placed[0].start, placed[-1].end)))
    return kept


def _to_file(offsets: list[int | None], span: Span) -> list[Span]:
    """A span of a block's raw text as file spans (split where the text crossed a line)."""
    out: list[Span] = []
    for i in range(span.start, span.end):
        at = offsets[i]
        if at is None:
            continue
        if out and out[-1].end == at:
            out[-1] = Span(out[-1].start, at + 1)
        else:
            out.append(Span(at, at + 1))
    return out


def _html_block(tok: Token, text: str, lines: list[Span], quote_depth: int, found: _Found) -> None:
    """Prose inside a top-level HTML block (``<p>…</p>`` in a CMS export) is checked like HTML."""
    first, last = tok.map or (0, 0)
    if quote_depth or tok.level or first >= len(lines):
        return
    start, end = lines[first].start, lines[min(last, len(lines)) - 1].end
    scanned = scan_html(text[start:end], base=start)
    found.prose.extend(scanned.prose)
    found.paragraphs.extend(scanned.paragraphs)
    found.regions.extend(scanned.regions)


# -- the inline scanner ------------------------------------------------------------


def _prose_mask(s: str, refs: frozenset[str]) -> tuple[list[bool], list[Span]]:
    """For each character of a block's raw text, whether it is prose; plus inline HTML comments."""
    mask = [True] * len(s)
    comments: list[Span] = []
    jumps: dict[int, int] = {}
    """Where a link's text ends (its ``]``) → where the whole link ends."""

    def off(a: int, b: int) -> None:
        for k in range(a, b):
            mask[k] = False

    urls = {m.start(): _url_end(m) for m in _BARE_URL.finditer(s)}
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        if i in jumps:
            end = jumps.pop(i)
            off(i, end)
            i = end
        elif c == "\\" and i + 1 < n and (s[i + 1] in _ESCAPABLE or s[i + 1] == "\n"):
            mask[i] = False
            i += 2
        elif c == "`":
            i = _code_span(s, i, off)
        elif c == "<" and (m := _AUTOLINK.match(s, i) or _INLINE_HTML.match(s, i)):
            off(i, m.end())
            if m.group().startswith("<!--"):
                comments.append(Span(i, m.end()))
            i = m.end()
        elif c == "!" and s.startswith("![", i) and (link := _link(s, i + 1, refs)):
            off(i, link[1])
            i = link[1]
        elif c == "[" and s.startswith("[^", i) and (close := s.find("]", i)) > 0 and " " not in s[i:close]:
            off(i, close + 1)
            i = close + 1
        elif c == "[" and (link := _link(s, i, refs)):
            mask[i] = False
            jumps[link[0]] = link[1]
            i += 1
        elif c in "*~" or (c == "_" and not _intraword(s, i)):
            j = i
            while j < n and s[j] == c:
                j += 1
            if c != "~" or j - i >= 2:
                off(i, j)
            i = j
        elif i in urls and (i == 0 or not (s[i - 1].isalnum() or s[i - 1] in "/.")):
            off(i, urls[i])
            i = urls[i]
        else:
            i += 1
    return mask, comments


def _url_end(m: re.Match[str]) -> int:
    end = m.end()
    while end > m.start() and m.string[end - 1] in _URL_TRAILING:
        end -= 1
    while (
        end > m.start()
        and m.string[end - 1] == ")"
        and m.string.count("(", m.start(), end) < m.string.count(")", m.start(), end)
    ):
        end -= 1
    return end


def _intraword(s: str, i: int) -> bool:
    j = i
    while j < len(s) and s[j] == "_":
        j += 1
    return i > 0 and s[i - 1].isalnum() and j < len(s) and s[j].isalnum()


def _code_span(s: str, i: int, off: Any) -> int:
    """Blank a code span starting at ``i`` (or just the backticks if it is never closed)."""
    j = i
    while j < len(s) and s[j] == "`":
        j += 1
    run = s[i:j]
    k = j
    while True:
        k = s.find(run, k)
        if k < 0:
            off(i, j)
            return j
        end = k + len(run)
        if (end < len(s) and s[end] == "`") or s[k - 1] == "`":
            k = end
            while k < len(s) and s[k] == "`":
                k += 1
            continue
        off(i, end)
        return end


def _link(s: str, i: int, refs: frozenset[str]) -> tuple[int, int] | None:
    """For ``[`` at ``i``: (index of the matching ``]``, end of the whole link), if it is a link."""
    close = _matching_bracket(s, i)
    if close < 0:
        return None
    after = close + 1
    if after < len(s) and s[after] == "(":
        end = _destination_end(s, after)
        return (close, end) if end > 0 else None
    if after < len(s) and s[after] == "[":
        ref_close = _matching_bracket(s, after)
        if ref_close > 0:
            label = s[after + 1 : ref_close] or s[i + 1 : close]
            if _normalize(label) in refs:
                return close, ref_close + 1
    if _normalize(s[i + 1 : close]) in refs:
        return close, after
    return None


def _matching_bracket(s: str, i: int) -> int:
    depth = 0
    k = i
    while k < len(s):
        c = s[k]
        if c == "\\":
            k += 2
            continue
        if c == "`":
            j = k
            while j < len(s) and s[j] == "`":
                j += 1
            close = s.find(s[k:j], j)
            k = close + (j - k) if close > 0 else j
            continue
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                return k
        k += 1
    return -1


def _destination_end(s: str, i: int) -> int:
    """End of ``(destination "title")`` starting at ``i`` (-1 when it is not one)."""
    depth = 0
    k = i
    quote = ""
    while k < len(s):
        c = s[k]
        if c == "\\":
            k += 2
            continue
        if quote:
            if c == quote:
                quote = ""
        elif c in "\"'" and s[k - 1].isspace():
            quote = c
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return k + 1
        elif c == "\n" and s.startswith("\n", k + 1):
            return -1
        k += 1
    return -1


def _normalize(label: str) -> str:
    """A reference label as markdown-it stores it (case- and whitespace-insensitive)."""
    return " ".join(label.split()).lower().upper()
