"""GitHub Actions output of ``cleaner lint --format github``: one workflow command per finding.

``::error file=a.md,line=3,col=5,endLine=3,endColumn=12,title=RULE_ID::message`` shows
as an annotation on the pull request's diff.  Levels: major → ``error``,
minor → ``warning``, info → ``notice``.  Values are escaped as GitHub's
runner expects: in the message ``%``, ``\\r`` and ``\\n``; in properties also
``:`` and ``,``.  The last line is the plain-text summary (left out with ``-q``).
"""

from __future__ import annotations

from cleaner.findings import Severity
from cleaner.report.run import Report
from cleaner.report.sarif import artifact_uri

COMMANDS = {Severity.MAJOR: "error", Severity.MINOR: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    """Escape a workflow command's message."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a workflow command's property value (``file=``, ``title=``)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **props: str | int) -> str:
    """One ``::name k=v,...::message`` line."""
    shown = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
    return f"::{name} {shown}::{escape_data(message)}" if shown else f"::{name}::{escape_data(message)}"


def render_github(report: Report) -> str:
    """Annotations for every finding and input error, then the run's summary line."""
    lines: list[str] = []
    for e in report.errors:
        lines.append(command("error", e.problem, file=artifact_uri(e.path), title="input error"))
    for result in report.articles:
        path = artifact_uri(result.path)
        for f in result.findings:
            line, col = result.document.line_col(f.start)
            end_line, end_col = result.document.line_col(f.end)
            message = " ".join(f.message.split())
            if f.replacements:
                message += f" (→ {f.replacements[0]})"
            lines.append(
                command(
                    COMMANDS[f.severity],
                    message,
                    file=path,
                    line=line,
                    col=col,
                    endLine=end_line,
                    endColumn=end_col,
                    title=f.rule_id,
                )
            )
    if not report.quiet:
        lines.append(f"cleaner: {report.summary()}")
    return "\n".join(lines)
