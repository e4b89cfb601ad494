"""``cleaner lint``: report findings; exit 1 when any reaches ``--fail-on``."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence

from cleaner.checks.rules import Rule, load_checker
from cleaner.commands.common import analyze_paths, open_pipeline
from cleaner.commands.parallel import analyze_in_pool, worker_count
from cleaner.config import Settings
from cleaner.document import STDIN, discover
from cleaner.errors import CleanerError, ExitCode, InputError
from cleaner.findings import SuppressEntry, unused_entry_warnings
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
    jobs: int | None = 1,
) -> ExitCode:
    """Lint every article, print one rendering of the whole run, return the exit code."""
    results, errors = analyze_all(paths, settings, err, jobs)
    rules = rules_by_id(settings) if fmt == "sarif" else {}
    report = Report(tuple(results), tuple(errors), settings.fail_on, colour=colour, rules=rules)
    out(OUTPUTS[fmt](report))
    return report.exit_code


def rules_by_id(settings: Settings) -> dict[str, Rule]:
    """The run's rules by id (from the compiled-rules cache), for the SARIF rule help."""
    r = settings.rules
    checker = load_checker(r.paths, builtin=r.builtin, use_cache=r.use_cache)
    return {rule.id: rule for rule in checker.compiled.rules}


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
    targets = list(discover(paths, settings.discovery))

    def report(exc: CleanerError) -> None:
        err(f"error: {exc}")

    articles = [t for t in targets if not isinstance(t, InputError)]
    # Standard input belongs to this process: a run that reads it stays in one process.
    workers = 1 if STDIN in articles else worker_count(jobs, len(articles))
    with contextlib.ExitStack() as stack:
        shown = stack.enter_context(RunProgress(len(targets), "checking"))
        if workers > 1:
            items = analyze_in_pool(targets, settings, workers, report, err, readability_after)
        else:
            pipeline = stack.enter_context(open_pipeline(settings, err))
            pipeline.on_progress = shown.article
            items = analyze_paths(targets, pipeline, report)
        accounted: dict[SuppressEntry, bool] = {}
        for item in shown.over(items):
            if not isinstance(item, InputError):
                for entry, ok in item.config_suppressions:
                    accounted[entry] = accounted.get(entry, False) or ok
            yield item
    for warning in unused_entry_warnings(e for e, ok in accounted.items() if not ok):
        err(warning)
