"""``cleaner lint --statistics``: how often each rule fired, instead of the findings (as ``ruff --statistics``).

Text: one aligned row per rule, ``count  RULE_ID  severity  message``, most
frequent first, then the summary line.  JSON: the same rows as a list of
objects (``count``, ``rule_id``, ``engine``, ``severity``, ``message``).
"""

from __future__ import annotations

import json

import click

from cleaner.report.run import Report
from cleaner.report.text import COLOURS


def render_statistics_text(report: Report) -> str:
    """The table (nothing when no rule fired), then the summary line unless ``quiet``."""
    rows = report.rule_statistics
    lines: list[str] = []
    if rows:
        count_width = max(len(str(r.count)) for r in rows)
        rule_width = max(len(r.rule_id) for r in rows)
        sev_width = max(len(r.severity.value) for r in rows)
        for r in rows:
            sev = r.severity.value.ljust(sev_width)
            if report.colour:
                sev = click.style(sev, fg=COLOURS[r.severity])
            lines.append(f"{r.count:>{count_width}}  {r.rule_id:<{rule_width}}  {sev}  {r.message}")
    if not report.quiet:
        if lines:
            lines.append("")
        lines.append(report.summary())
    return "\n".join(lines)


def render_statistics_json(report: Report) -> str:
    """The rows as a JSON list."""
    rows = [
        {"count": r.count, "rule_id": r.rule_id, "engine": r.engine, "severity": r.severity.value, "message": r.message}
        for r in report.rule_statistics
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2)
