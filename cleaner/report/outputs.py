"""The registry of outputs: each is a ``Report → str`` function; a new format is one module plus one entry."""

from __future__ import annotations

from collections.abc import Callable

from cleaner.report.github import render_github
from cleaner.report.jsonout import render_json
from cleaner.report.run import Report
from cleaner.report.sarif import render_sarif
from cleaner.report.text import render_text

Output = Callable[[Report], str]

OUTPUTS: dict[str, Output] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "github": render_github,
}
"""``cleaner lint --format NAME`` → the function that renders the run."""
