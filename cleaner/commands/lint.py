"""``cleaner lint``: report findings; exit 1 when any reaches ``--fail-on``."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence

from cleaner.commands.common import analyze_paths, open_pipeline
from cleaner.commands.parallel import analyze_in_pool, worker_count
from cleaner.errors import CleanerError, ExitCode, InputError
from cleaner.pipeline import ArticleResult
from cleaner.progress import progress
from cleaner.report.github import render_github
from cleaner.report.jsonout import render_json
from cleaner.report.sarif import render_sarif
from cleaner.report.text import render_text
from cleaner.settings import Settings
from cleaner.sources import collect

Renderer = Callable[[Sequence[ArticleResult], Sequence[InputError], bool], str]


def _text(results: Sequence[ArticleResult], errors: Sequence[InputError], colour: bool) -> str:
    return render_text(results, errors, colour)


def _json(results: Sequence[ArticleResult], errors: Sequence[InputError], colour: bool) -> str:
    return render_json(results, errors)


def _sarif(results: Sequence[ArticleResult], errors: Sequence[InputError], colour: bool) -> str:
    return render_sarif(results, errors)


def _github(results: Sequence[ArticleResult], errors: Sequence[InputError], colour: bool) -> str:
    return render_github(results, errors)


RENDERERS: dict[str, Renderer] = {"text": _text, "json": _json, "sarif": _sarif, "github": _github}


def run_lint(
    paths: Sequence[str],
    settings: Settings,
    fmt: str,
    out: Callable[[str], None],
    err: Callable[[str], None],
    colour: bool = False,
    jobs: int | None = 1,
) -> ExitCode:
    """Lint every article, print one rendering of the whole run, return the exit code."""
    results, errors = analyze_all(paths, settings, err, jobs)
    out(RENDERERS[fmt](results, errors, colour))
    return exit_code(results, errors, settings, after_fix=False)


def analyze_all(
    paths: Sequence[str],
    settings: Settings,
    err: Callable[[str], None],
    jobs: int | None = 1,
    readability_after: bool = False,
) -> tuple[list[ArticleResult], list[InputError]]:
    """Run the pipeline over every path; input errors are printed as they happen.

    ``jobs`` processes share the articles (None or 0: as many as there are
    free cores); results keep the order of the paths either way.  With
    ``readability_after`` the workers also score the corrected texts.
    """
    results: list[ArticleResult] = []
    errors: list[InputError] = []
    for item in iter_analyzed(paths, settings, err, jobs, readability_after):
        if isinstance(item, InputError):
            errors.append(item)
        else:
            results.append(item)
    return results, errors


def iter_analyzed(
    paths: Sequence[str],
    settings: Settings,
    err: Callable[[str], None],
    jobs: int | None = 1,
    readability_after: bool = False,
) -> Iterator[ArticleResult | InputError]:
    """:func:`analyze_all` one article at a time, in order, so callers can write while others are checked."""
    targets = list(collect(paths))

    def report(exc: CleanerError) -> None:
        err(f"error: {exc}")

    workers = worker_count(jobs, sum(1 for t in targets if not isinstance(t, InputError)))
    with contextlib.ExitStack() as stack:
        if workers > 1:
            items = analyze_in_pool(targets, settings, workers, report, err, readability_after)
        else:
            items = analyze_paths(targets, stack.enter_context(open_pipeline(settings, err)), report)
        yield from progress(items, len(targets), "checking")


def exit_code(
    results: Sequence[ArticleResult], errors: Sequence[InputError], settings: Settings, after_fix: bool
) -> ExitCode:
    """2 if any input failed, else 1 if a finding reaches ``fail_on``, else 0."""
    if errors:
        return ExitCode.ERROR
    if any(r.failing(settings.fail_on, after_fix) for r in results):
        return ExitCode.FINDINGS
    return ExitCode.OK
