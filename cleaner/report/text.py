"""Terminal output: ``path:line:col: severity rule-id message (→ suggestion)``, grouped per file."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import click

from cleaner.errors import InputError
from cleaner.findings.finding import Severity
from cleaner.pipeline import ArticleResult

_COLOURS = {Severity.MAJOR: "red", Severity.MINOR: "yellow", Severity.INFO: "blue"}


def render_text(results: Sequence[ArticleResult], errors: Sequence[InputError] = (), colour: bool = False) -> str:
    """Findings grouped per file, then one summary line."""
    lines: list[str] = []
    totals: Counter[Severity] = Counter()
    suppressed = 0
    for result in results:
        suppressed += result.suppressed
        if not result.findings:
            continue
        lines.append(click.style(result.path, bold=True) if colour else result.path)
        for f in result.findings:
            line, col = result.document.line_col(f.start)
            sev = click.style(f.severity.value, fg=_COLOURS[f.severity]) if colour else f.severity.value
            hint = f" (→ {f.replacements[0] or 'delete'})" if f.replacements else ""
            message = " ".join(f.message.split())
            lines.append(f"{result.path}:{line}:{col}: {sev} {f.rule_id} {message}{hint}")
            totals[f.severity] += 1
        lines.append("")
    n = sum(totals.values())
    summary = (
        f"{n} finding{'s' if n != 1 else ''} "
        f"({totals[Severity.MAJOR]} major, {totals[Severity.MINOR]} minor, {totals[Severity.INFO]} info) "
        f"in {len(results)} file{'s' if len(results) != 1 else ''}"
    )
    if suppressed:
        summary += f", {suppressed} suppressed"
    if errors:
        summary += f"; {len(errors)} input error{'s' if len(errors) != 1 else ''}"
    lines.append(summary)
    return "\n".join(lines)
