"""``cleaner lint``: report findings; exit 1 when any reaches ``--fail-on``."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from cleaner.commands.common import analyze_paths, open_pipeline
from cleaner.config import Settings
from cleaner.document import discover
from cleaner.errors import CleanerError, ExitCode, InputError
from cleaner.pipeline import ArticleResult
from cleaner.progress import RunProgress
from cleaner.report.outputs import OUTPUTS
from cleaner.report.run import Report


def run_lint(
    paths: Sequence[str],
    settings: Settings,
    fmt: str,
    out: Callable[[str], None],
    err: Callable[[str], None],
    colour: bool = False,
) -> ExitCode:
    """Lint every article, print one rendering of the whole run, return the exit code."""
    results, errors = analyze_all(paths, settings, err)
    report = Report(tuple(results), tuple(errors), settings.fail_on, colour=colour)
    out(OUTPUTS[fmt](report))
    return report.exit_code


def analyze_all(
    paths: Sequence[str], settings: Settings, err: Callable[[str], None]
) -> tuple[list[ArticleResult], list[InputError]]:
    """Run the pipeline over every path; input errors are printed as they happen."""
    targets = list(discover(paths, settings.discovery))
    results: list[ArticleResult] = []
    errors: list[InputError] = []

    def report(exc: CleanerError) -> None:
        err(f"error: {exc}")

    with open_pipeline(settings, err) as pipeline, RunProgress(len(targets), "checking") as shown:
        pipeline.on_progress = shown.article
        for item in shown.over(analyze_paths(targets, pipeline, report)):
            if isinstance(item, InputError):
                errors.append(item)
            else:
                results.append(item)
    return results, errors
