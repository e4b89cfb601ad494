"""Suppressions: writers silence a finding where it is, not by switching a rule off everywhere.

Markdown and HTML articles use comments, which the format loaders record as
``comment`` regions (so a comment shown inside a code block does nothing):

- ``<!-- cleaner-disable RULE_ID ... -->`` … ``<!-- cleaner-enable RULE_ID ... -->``:
  no rule id means every rule; ``cleaner-enable`` without ids ends every
  disabled range, with ids only those rules' ranges; a range never closed
  runs to the end of the file.
- ``<!-- cleaner-ignore-next-line [RULE_ID ...] -->``: findings that start on
  the next line with text on it.
- ``<!-- cleaner-ignore-line [RULE_ID ...] -->``: findings that start on the
  line the comment is on (write it at the end of the line).

Plain text has no comments, so the configuration's ``[[suppress]]`` entries
(:mod:`cleaner.findings.suppress_entries`) do the same without touching the
copy, in every format.  In every format a phrase followed by ``[sic]`` is
left alone: a finding whose span contains ``[sic]`` or is followed by it
(after spaces or closing quotes).  Suppressed findings are only counted,
never shown; what each suppression did is kept, so unused ones can be named.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from cleaner.document import Document, Span
from cleaner.findings.finding import Finding
from cleaner.findings.rule_ids import closest
from cleaner.findings.suppress_entries import SuppressEntry

VERBS = ("disable", "enable", "ignore-next-line", "ignore-line")
_DIRECTIVE = re.compile(rf"<!--\s*cleaner-(?P<verb>{'|'.join(VERBS)})(?:\s+(?P<ids>[^>]*?))?\s*-->", re.I | re.S)
_LOOKS_LIKE = re.compile(r"<!--\s*cleaner(?:\s*[-:_]\s*|\s+)(?P<word>[A-Za-z][\w-]*)", re.I)
_SIC = re.compile(r"\[\s*sic\s*\]", re.I)
_CLOSERS = " \t\"'\u201d\u2019)"
ALL = "*"
"""The rule id that stands for every rule."""


@dataclass(frozen=True, slots=True)
class Directive:
    """One suppression comment as written: its line (1-based), verb and rule ids (none: every rule)."""

    line: int
    verb: str
    rules: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return f"cleaner-{self.verb}"


@dataclass(frozen=True, slots=True)
class Malformed:
    """A comment that looks like a directive but is not one, with the directive it probably meant."""

    line: int
    written: str
    suggestion: str


@dataclass(frozen=True, slots=True)
class Suppression:
    """Findings of ``rule`` (or of every rule, ``*``) inside ``span`` are not reported.

    ``whole``: the finding must lie wholly inside the span (a quoted passage
    of a ``[[suppress]]`` entry), not merely start in it (a line or a range).
    ``rule`` is the id now reporting (an old id of ``replaces:`` resolved);
    ``written`` the id as written, when that was an old one.
    """

    span: Span
    rule: str
    origin: Directive | SuppressEntry | None = None
    whole: bool = False
    written: str | None = None

    @property
    def named(self) -> str:
        """The rule id as the writer wrote it (for warnings)."""
        return self.written or self.rule

    def covers(self, f: Finding) -> bool:
        if self.rule != ALL and self.rule != f.rule_id:
            return False
        if self.whole:
            return self.span.start <= f.start and f.end <= self.span.end
        return self.span.start <= f.start < self.span.end


@dataclass(frozen=True)
class Parsed:
    """What the comments of one document say: directives, the suppressions they make, and near-misses."""

    directives: tuple[Directive, ...] = ()
    suppressions: tuple[Suppression, ...] = ()
    malformed: tuple[Malformed, ...] = ()


def parse_directives(doc: Document, aliases: Mapping[str, str] | None = None) -> Parsed:
    """Every directive written as a comment in ``doc``, and every comment that nearly is one.

    A directive keeps its ids as written; its suppressions name the rule now
    reporting (an old rule id in ``aliases`` names its successor).
    """
    renamed = aliases or {}
    found: list[Suppression] = []
    written: list[Directive] = []
    malformed: list[Malformed] = []
    open_at: dict[str, tuple[int, Directive]] = {}
    for region in doc.regions:
        if region.kind != "comment":
            continue
        comment = region.span.slice(doc.text).strip()
        line = doc.line_col(region.span.start)[0]
        m = _DIRECTIVE.fullmatch(comment)
        if not m:
            near = _near_miss(comment, line)
            if near is not None:
                malformed.append(near)
            continue
        ids = tuple(i for i in re.split(r"[\s,]+", m.group("ids") or "") if i)
        directive = Directive(line, m.group("verb").lower(), ids)
        written.append(directive)
        resolved = tuple(dict.fromkeys(renamed.get(i, i) for i in ids))
        if directive.verb == "disable":
            for rule in resolved or (ALL,):
                open_at.setdefault(rule, (region.span.end, directive))
        elif directive.verb == "enable":
            for rule in resolved or tuple(open_at):
                if rule in open_at:
                    start, opened = open_at.pop(rule)
                    found.append(_suppression(Span(start, region.span.start), rule, opened, renamed))
        else:
            if directive.verb == "ignore-line":
                target: Span | None = _text_line_at(doc, region.span.start)
            else:
                target = _next_text_line(doc, region.span.end)
            if target:
                found.extend(_suppression(target, rule, directive, renamed) for rule in resolved or (ALL,))
    found.extend(_suppression(Span(start, len(doc.text)), rule, d, renamed) for rule, (start, d) in open_at.items())
    return Parsed(tuple(written), tuple(found), tuple(malformed))


def _suppression(span: Span, rule: str, directive: Directive, aliases: Mapping[str, str]) -> Suppression:
    """A directive's suppression of ``rule`` (resolved), remembering the old id it was written as, if any."""
    written = None
    if rule not in directive.rules:
        written = next((i for i in directive.rules if aliases.get(i) == rule), None)
    return Suppression(span, rule, directive, written=written)


def directives(doc: Document, aliases: Mapping[str, str] | None = None) -> list[Suppression]:
    """Every suppression written as a comment in ``doc`` (an old rule id in ``aliases`` names its successor)."""
    return list(parse_directives(doc, aliases).suppressions)


def _near_miss(comment: str, line: int) -> Malformed | None:
    """A comment starting ``cleaner`` whose next word is close to a verb (``cleaner-disabel``, ``cleaner: ignore``)."""
    m = _LOOKS_LIKE.match(comment)
    if m is None:
        return None
    verb = closest(m.group("word"), VERBS, cutoff=70)
    if verb is None:
        return None
    body = comment.removeprefix("<!--").removesuffix("-->").strip()
    return Malformed(line, body, f"cleaner-{verb}")


def _line_span(doc: Document, index: int) -> Span:
    starts = doc.line_starts
    end = starts[index + 1] if index + 1 < len(starts) else len(doc.text)
    return Span(starts[index], end)


def _text_line_at(doc: Document, offset: int) -> Span:
    """The line holding ``offset``."""
    return _line_span(doc, bisect.bisect_right(doc.line_starts, offset) - 1)


def _next_text_line(doc: Document, offset: int) -> Span | None:
    """The first line after the one holding ``offset`` that has text on it."""
    starts = doc.line_starts
    i = bisect.bisect_right(starts, offset)
    while i < len(starts):
        line = _line_span(doc, i)
        if line.slice(doc.text).strip():
            return line
        i += 1
    return None


def is_sic(doc: Document, f: Finding) -> bool:
    """True when the finding's phrase is marked ``[sic]`` (inside it or right after it)."""
    if _SIC.search(doc.text, f.start, f.end):
        return True
    after = f.end
    while after < len(doc.text) and doc.text[after] in _CLOSERS:
        after += 1
    return _SIC.match(doc.text, after) is not None


def entry_suppressions(
    doc: Document, entries: Iterable[SuppressEntry], aliases: Mapping[str, str] | None = None
) -> list[Suppression]:
    """The suppressions the configuration's entries make in ``doc`` (entries already chosen for its path).

    An entry naming an old rule id (``replaces:``) silences the rule that took it over.
    """
    renamed = aliases or {}
    return [
        Suppression(
            span,
            renamed.get(entry.rule, entry.rule),
            entry,
            whole=entry.text is not None,
            written=entry.rule if entry.rule in renamed else None,
        )
        for entry in entries
        for span in entry.spans(doc)
    ]


@dataclass(frozen=True)
class Suppressed:
    """The outcome of suppressing one article's findings."""

    kept: list[Finding]
    dropped: int
    parsed: Parsed = field(default_factory=Parsed)
    used: frozenset[Suppression] = frozenset()
    """The suppressions that silenced at least one finding."""
    entries: tuple[SuppressEntry, ...] = ()
    """The configuration entries that apply to this article."""

    def unused_directives(self) -> list[Suppression]:
        """Suppressions written as comments that silenced nothing."""
        return [s for s in self.parsed.suppressions if s not in self.used]

    def used_entries(self) -> frozenset[SuppressEntry]:
        return frozenset(s.origin for s in self.used if isinstance(s.origin, SuppressEntry))


def apply_suppressions(
    doc: Document,
    findings: Iterable[Finding],
    entries: Sequence[SuppressEntry] = (),
    aliases: Mapping[str, str] | None = None,
) -> Suppressed:
    """Drop the findings that a comment, a configuration entry or ``[sic]`` silences; remember which did.

    ``aliases`` (old rule id → its successor, from ``replaces:``) lets comments and entries name old ids.
    """
    parsed = parse_directives(doc, aliases) if doc.regions else Parsed()
    rules = [*parsed.suppressions, *entry_suppressions(doc, entries, aliases)]
    kept: list[Finding] = []
    used: set[Suppression] = set()
    dropped = 0
    for f in findings:
        covering = [s for s in rules if s.covers(f)]
        if covering or is_sic(doc, f):
            dropped += 1
            used.update(covering)
        else:
            kept.append(f)
    return Suppressed(kept, dropped, parsed, frozenset(used), tuple(entries))


def suppress(
    doc: Document, findings: Iterable[Finding], aliases: Mapping[str, str] | None = None
) -> tuple[list[Finding], int]:
    """The findings that are not suppressed, and how many were (old rule ids resolved through ``aliases``)."""
    outcome = apply_suppressions(doc, findings, aliases=aliases)
    return outcome.kept, outcome.dropped
