"""The registry of outputs: each is a ``Report → str`` function; a new format is one module plus one entry."""

from __future__ import annotations

from collections.abc import Callable

from cleaner.report.github import render_github
from cleaner.report.jsonout import render_json
from cleaner.report.run import Report
from cleaner.report.sarif import render_sarif
from cleaner.report.statistics import render_statistics_json, render_statistics_text
from cleaner.report.text import render_text

Output = Callable[[Report], str]

OUTPUTS: dict[str, Output] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "github": render_github,
}
"""``cleaner lint --format NAME`` → the function that renders the run."""

STATISTICS: dict[str, Output] = {
    "text": render_statistics_text,
    "json": render_statistics_json,
}
"""``cleaner lint --statistics --format NAME`` → the function that renders the per-rule counts."""
