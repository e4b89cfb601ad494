"""Terminal output: ``path:line:col: severity rule-id "flagged text": message (→ suggestion)``, grouped per file.

With ``show_source`` each finding is followed by its line (a window of it
around the span, since a news paragraph is often one long line) with the
flagged span underlined by carets, as ruff's ``--show-source`` does.
"""

from __future__ import annotations

import unicodedata

import click

from cleaner.findings import Finding, Severity
from cleaner.pipeline import ArticleResult
from cleaner.report.run import Report

COLOURS = {Severity.MAJOR: "red", Severity.MINOR: "yellow", Severity.INFO: "blue"}
FLAGGED_CHARS = 60
"""Flagged text longer than this is shortened (with …) in the finding's line."""
CONTEXT_CHARS = 40
"""Characters of the line shown on each side of the span with ``show_source``."""


def render_text(report: Report) -> str:
    """Findings grouped per file, then the run's summary line (left out when ``quiet``)."""
    colour = report.colour
    lines: list[str] = []
    for result in report.articles:
        if not result.findings:
            continue
        lines.append(click.style(result.path, bold=True) if colour else result.path)
        for f in result.findings:
            lines.append(finding_line(result, f, colour))
            if report.show_source:
                lines.extend(source_lines(result, f, colour))
        lines.append("")
    if report.quiet:
        while lines and not lines[-1]:
            lines.pop()
    else:
        lines.append(report.summary())
    return "\n".join(lines)


def finding_line(result: ArticleResult, f: Finding, colour: bool = False) -> str:
    """``path:line:col: severity RULE "flagged": message (→ replacement)``."""
    line, col = result.document.line_col(f.start)
    sev = click.style(f.severity.value, fg=COLOURS[f.severity]) if colour else f.severity.value
    rule = click.style(f.rule_id, bold=True) if colour else f.rule_id
    hint = f" (→ {f.replacements[0] or 'delete'})" if f.replacements else ""
    message = " ".join(f.message.split())
    return f'{result.path}:{line}:{col}: {sev} {rule} "{_flagged(f.text)}": {message}{hint}'


def _flagged(text: str) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= FLAGGED_CHARS else one_line[: FLAGGED_CHARS - 1] + "…"


def source_lines(result: ArticleResult, f: Finding, colour: bool = False) -> list[str]:
    """The finding's line (around the span) and a caret line under the span, with a gutter of line numbers.

    A span running past the end of its line is underlined to the end of the line; an empty one gets one caret.
    """
    text = result.document.text
    number, _ = result.document.line_col(f.start)
    line_start = result.document.line_starts[number - 1]
    line_end = _line_end(text, line_start)
    start, end = f.start, max(f.start, min(f.end, line_end))
    left = max(line_start, start - CONTEXT_CHARS)
    right = min(line_end, end + CONTEXT_CHARS)
    before = ("…" if left > line_start else "") + _visible(text[left:start])
    span = _visible(text[start:end])
    after = _visible(text[end:right]) + ("…" if right < line_end else "")
    gutter = " " * len(str(number))
    carets = "^" * max(1, _width(span))
    if colour:
        span = click.style(span, fg=COLOURS[f.severity], bold=True)
        carets = click.style(carets, fg=COLOURS[f.severity], bold=True)
    return [
        f"  {gutter} |",
        f"  {number} | {before}{span}{after}",
        f"  {gutter} | {' ' * _width(before)}{carets}",
    ]


def _line_end(text: str, start: int) -> int:
    ends = [i for i in (text.find("\n", start), text.find("\r", start)) if i >= 0]
    return min(ends) if ends else len(text)


def _visible(text: str) -> str:
    """Tabs as one space each, so the carets line up under them."""
    return text.replace("\t", " ")


def _width(text: str) -> int:
    """Terminal columns ``text`` takes: wide (CJK) characters take two, combining marks none."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
