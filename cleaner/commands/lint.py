"""``cleaner lint``: report findings; exit 1 when any reaches ``--fail-on``."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence

from cleaner.commands.common import Pipelines, analyze_paths
from cleaner.commands.parallel import analyze_in_pool, worker_count
from cleaner.config import Configurations, Settings
from cleaner.document import STDIN, discover
from cleaner.errors import CleanerError, ExitCode, InputError
from cleaner.pipeline import ArticleResult
from cleaner.progress import RunProgress
from cleaner.report.outputs import OUTPUTS
from cleaner.report.run import Report


def run_lint(
    paths: Sequence[str],
    settings: Settings | Configurations,
    fmt: str,
    out: Callable[[str], None],
    err: Callable[[str], None],
    colour: bool = False,
    jobs: int | None = 1,
) -> ExitCode:
    """Lint every article, print one rendering of the whole run, return the exit code.

    ``settings`` is one Settings for every article, or the run's
    Configurations (each article its own); either way each article is judged
    by its own ``fail-on``.
    """
    results, errors = analyze_all(paths, settings, err, jobs)
    report = Report(tuple(results), tuple(errors), fail_on=None, colour=colour)
    out(OUTPUTS[fmt](report))
    return report.exit_code


def analyze_all(
    paths: Sequence[str],
    settings: Settings | Configurations,
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
    settings: Settings | Configurations,
    err: Callable[[str], None],
    jobs: int | None = 1,
    readability_after: bool = False,
) -> Iterator[ArticleResult | InputError]:
    """:func:`analyze_all` one article at a time, in order, so callers can write while others are checked.

    Every article's settings are resolved before the first is checked, so a
    mistake in any configuration stops the run before it starts.
    """
    configs = Configurations.of(settings)
    targets = list(discover(paths, configs.discovery_for))
    settings_of = {t: configs.for_file(t) for t in targets if not isinstance(t, InputError)}

    def report(exc: CleanerError) -> None:
        err(f"error: {exc}")

    articles = [t for t in targets if not isinstance(t, InputError)]
    # Standard input belongs to this process: a run that reads it stays in one process.
    workers = 1 if STDIN in articles else worker_count(jobs, len(articles))
    with contextlib.ExitStack() as stack:
        shown = stack.enter_context(RunProgress(len(targets), "checking"))
        if workers > 1:
            items = analyze_in_pool(targets, settings_of, workers, report, err, readability_after)
        else:
            pipelines = Pipelines(stack, err)
            pipelines.on_progress = shown.article
            items = analyze_paths(targets, lambda path: pipelines(settings_of[path]), report)
        yield from shown.over(items)
