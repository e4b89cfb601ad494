"""Inline suppressions: writers silence a finding where it is, not in a config file.

Markdown and HTML articles use comments, which the format loaders record as
``comment`` regions (so a comment shown inside a code block does nothing):

- ``<!-- cleaner-disable RULE_ID ... -->`` … ``<!-- cleaner-enable RULE_ID ... -->``:
  no rule id means every rule; ``cleaner-enable`` without ids ends every
  disabled range, with ids only those rules' ranges; a range never closed
  runs to the end of the file.
- ``<!-- cleaner-ignore-next-line [RULE_ID ...] -->``: findings that start on
  the next line with text on it.

In every format a phrase followed by ``[sic]`` is left alone: a finding whose
span contains ``[sic]`` or is followed by it (after spaces or closing quotes).
Suppressed findings are only counted, never shown.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from cleaner.document import Document, Span
from cleaner.findings.finding import Finding

_DIRECTIVE = re.compile(
    r"<!--\s*cleaner-(?P<verb>disable|enable|ignore-next-line)(?:\s+(?P<ids>[^>]*?))?\s*-->", re.I | re.S
)
_SIC = re.compile(r"\[\s*sic\s*\]", re.I)
_CLOSERS = " \t\"'\u201d\u2019)"
ALL = "*"
"""The rule id that stands for every rule."""


@dataclass(frozen=True, slots=True)
class Suppression:
    """Findings of ``rule`` (or of every rule, ``*``) inside ``span`` are not reported."""

    span: Span
    rule: str

    def covers(self, f: Finding) -> bool:
        return (self.rule == ALL or self.rule == f.rule_id) and self.span.start <= f.start < self.span.end


def directives(doc: Document, aliases: Mapping[str, str] | None = None) -> list[Suppression]:
    """Every suppression written as a comment in ``doc`` (an old rule id in ``aliases`` names its successor)."""
    found: list[Suppression] = []
    open_at: dict[str, int] = {}
    for region in doc.regions:
        if region.kind != "comment":
            continue
        m = _DIRECTIVE.fullmatch(region.span.slice(doc.text).strip())
        if not m:
            continue
        ids = [(aliases or {}).get(i, i) for i in re.split(r"[\s,]+", m.group("ids") or "") if i]
        verb = m.group("verb").lower()
        if verb == "disable":
            for rule in ids or [ALL]:
                open_at.setdefault(rule, region.span.end)
        elif verb == "enable":
            for rule in ids or list(open_at):
                if rule in open_at:
                    found.append(Suppression(Span(open_at.pop(rule), region.span.start), rule))
        else:
            line = _next_text_line(doc, region.span.end)
            if line:
                found.extend(Suppression(line, rule) for rule in ids or [ALL])
    found.extend(Suppression(Span(start, len(doc.text)), rule) for rule, start in open_at.items())
    return found


def _next_text_line(doc: Document, offset: int) -> Span | None:
    """The first line after the one holding ``offset`` that has text on it."""
    starts = doc.line_starts
    i = bisect.bisect_right(starts, offset)
    while i < len(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(doc.text)
        if doc.text[starts[i] : end].strip():
            return Span(starts[i], end)
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


def suppress(
    doc: Document, findings: Iterable[Finding], aliases: Mapping[str, str] | None = None
) -> tuple[list[Finding], int]:
    """The findings that are not suppressed, and how many were (old rule ids resolved through ``aliases``)."""
    rules: Sequence[Suppression] = directives(doc, aliases) if doc.regions else ()
    kept: list[Finding] = []
    dropped = 0
    for f in findings:
        if is_sic(doc, f) or any(s.covers(f) for s in rules):
            dropped += 1
        else:
            kept.append(f)
    return kept, dropped
