"""``cleaner lint``: report findings; exit 1 when any reaches ``--fail-on``."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from cleaner.checks.rules import Rule, load_checker
from cleaner.commands.common import (
    Pipelines,
    analyze_paths,
    engines_required_by_choice,
    out_of_the_collectors_sight,
    warn_about_selection,
)
from cleaner.commands.parallel import P, Prepare, analyze_in_pool, worker_count
from cleaner.config import Configurations, Settings
from cleaner.document import STDIN, discover
from cleaner.errors import CleanerError, ExitCode, InputError
from cleaner.files import WriteError, write_text_atomic
from cleaner.findings import SuppressEntry, unused_entry_warnings
from cleaner.pipeline import ArticleResult
from cleaner.progress import RunProgress
from cleaner.report.outputs import OUTPUTS, STATISTICS
from cleaner.report.run import Report

FINDINGS_ONLY = 1
"""``-q``: the findings, without the summary line."""
SILENT = 2
"""``-qq``: nothing on stdout and no warnings; errors still go to stderr, and the exit code says the rest."""


@dataclass(frozen=True)
class LintView:
    """How ``lint`` shows the run: format, colour and what is left out, and where it goes."""

    fmt: str = "text"
    colour: bool = False
    """Colour the text output (the CLI decides from ``--color``, NO_COLOR, FORCE_COLOR and the terminal)."""
    statistics: bool = False
    """Per-rule counts instead of the findings (text or json)."""
    quiet: int = 0
    """:data:`FINDINGS_ONLY` or :data:`SILENT`."""
    show_source: bool = False
    output_file: Path | None = None
    """Write the output here (atomically) instead of to stdout."""


def run_lint(
    paths: Sequence[str],
    settings: Settings | Configurations,
    view: LintView,
    out: Callable[[str], None],
    err: Callable[[str], None],
    jobs: int | None = 1,
) -> ExitCode:
    """Lint every article, print (or write) one rendering of the whole run, return the exit code.

    ``settings`` is one Settings for every article, or the run's
    Configurations (each article its own); either way each article is judged
    by its own ``fail-on``.
    """
    if view.quiet >= SILENT:
        err = _errors_only(err)
    quiet = view.quiet >= FINDINGS_ONLY
    configs = Configurations.of(settings)
    results, errors = analyze_all(paths, configs, err, jobs, show_progress=False if quiet else None)
    warn_about_selection(configs, results, err)
    report = Report(
        tuple(results),
        tuple(errors),
        fail_on=None,
        colour=view.colour and view.fmt == "text",
        show_source=view.show_source,
        quiet=quiet,
        required_engines=engines_required_by_choice(configs),
        rules=rules_by_id(configs, results) if view.fmt == "sarif" and not view.statistics else {},
    )
    text = (STATISTICS if view.statistics else OUTPUTS)[view.fmt](report)
    if view.output_file is not None:
        try:
            write_text_atomic(view.output_file, text + "\n" if text else "")
        except WriteError as exc:
            err(f"error: {exc}")
            return ExitCode.ERROR
    elif text and view.quiet < SILENT:
        out(text)
    return report.exit_code


def _errors_only(err: Callable[[str], None]) -> Callable[[str], None]:
    """``err`` passing on errors alone (``-qq``): warnings and notes are dropped."""

    def say(message: str) -> None:
        if message.startswith("error"):
            err(message)

    return say


def rules_by_id(settings: Settings | Configurations, results: Sequence[ArticleResult]) -> dict[str, Rule]:
    """The rule engine's rules that fired in the run, by id (from the compiled-rules cache), for SARIF's rule help.

    Only those rules are decoded; of a table rule (one Rule per entry, one id) the first entry, which holds
    the rule's examples, stands for it.  Articles may load different rule files (each its configuration's);
    every distinct set is looked in, the first to define an id wins.
    """
    fired = {f.rule_id for r in results for f in r.findings if f.engine == "rules"}
    if not fired:
        return {}
    found: dict[str, Rule] = {}
    for r in dict.fromkeys(s.rules for s in Configurations.of(settings).used()):
        checker = load_checker(r.paths, builtin=r.builtin, use_cache=r.use_cache)
        for index, rule_id in enumerate(checker.rule_ids):
            if rule_id in fired and rule_id not in found:
                found[rule_id] = checker.compiled.rules[index]
    return found


def analyze_all(
    paths: Sequence[str],
    settings: Settings | Configurations,
    err: Callable[[str], None],
    jobs: int | None = 1,
    show_progress: bool | None = None,
) -> tuple[list[ArticleResult], list[InputError]]:
    """Run the pipeline over every path; input errors are printed as they happen.

    ``jobs`` processes share the articles (None or 0: as many as there are
    free cores); results keep the order of the paths either way.
    ``show_progress`` False hides the progress display (None: on a terminal).
    """
    results: list[ArticleResult] = []
    errors: list[InputError] = []
    for item in iter_prepared(paths, settings, err, _nothing, jobs, show_progress):
        if isinstance(item, InputError):
            errors.append(item)
        else:
            results.append(item[0])
    return results, errors


def _nothing(_: ArticleResult) -> None:
    """Nothing to prepare (a module-level function: it is sent to the workers)."""


def iter_prepared(
    paths: Sequence[str],
    settings: Settings | Configurations,
    err: Callable[[str], None],
    prepare: Prepare[P],
    jobs: int | None = 1,
    show_progress: bool | None = None,
) -> Iterator[tuple[ArticleResult, P] | InputError]:
    """:func:`analyze_all` one article at a time, in order, so callers can write while others are checked;
    each result comes with ``prepare(result)``, computed by the process that checked the article.

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
        shown = stack.enter_context(RunProgress(len(targets), "checking", show_progress))
        if workers > 1:
            items = analyze_in_pool(targets, settings_of, workers, report, err, prepare)
        else:
            pipelines = Pipelines(stack, err)
            pipelines.on_progress = shown.article
            # every configuration's checkers open (and its rule files are checked) before the first article;
            # with no article to check, the run's own settings still are
            for distinct in configs.used() or (configs.for_run(paths),):
                pipelines(distinct)
            out_of_the_collectors_sight()
            analyzed = analyze_paths(targets, lambda path: pipelines(settings_of[path]), report)
            items = (i if isinstance(i, InputError) else (i, prepare(i)) for i in analyzed)
        accounted: dict[SuppressEntry, bool] = {}
        for item in shown.over(items):
            if not isinstance(item, InputError):
                for entry, ok in item[0].config_suppressions:
                    accounted[entry] = accounted.get(entry, False) or ok
            yield item
    for warning in unused_entry_warnings(e for e, ok in accounted.items() if not ok):
        err(warning)
