"""Terminal output: ``path:line:col: severity rule-id message (→ suggestion)``, grouped per file."""

from __future__ import annotations

import click

from cleaner.findings import Severity
from cleaner.report.run import Report

_COLOURS = {Severity.MAJOR: "red", Severity.MINOR: "yellow", Severity.INFO: "blue"}


def render_text(report: Report) -> str:
    """Findings grouped per file, then the run's summary line."""
    colour = report.colour
    lines: list[str] = []
    for result in report.articles:
        if not result.findings:
            continue
        lines.append(click.style(result.path, bold=True) if colour else result.path)
        for f in result.findings:
            line, col = result.document.line_col(f.start)
            sev = click.style(f.severity.value, fg=_COLOURS[f.severity]) if colour else f.severity.value
            hint = f" (→ {f.replacements[0] or 'delete'})" if f.replacements else ""
            message = " ".join(f.message.split())
            lines.append(f"{result.path}:{line}:{col}: {sev} {f.rule_id} {message}{hint}")
        lines.append("")
    lines.append(report.summary())
    return "\n".join(lines)
