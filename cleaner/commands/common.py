"""What every article command shares: building the pipelines and running them over paths.

Articles may have different configurations (each its nearest file); those
whose settings are equal share one pipeline, so the rule engine and the
LanguageTool client are built once per configuration, not once per article
(a run opens them all before its first article, so a broken rule file of
any configuration stops it before it starts).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from cleaner.budget import article_budget, budget_for, stage
from cleaner.checks.registry import REGISTRY, Mode, known_ids, mode_of, open_checkers
from cleaner.config import Configurations, Settings, config_id_warnings
from cleaner.document import read_source
from cleaner.errors import CleanerError, InputError
from cleaner.pipeline import ArticleResult, Pipeline, Progress, Warn


@contextlib.contextmanager
def open_pipeline(settings: Settings, warn: Warn) -> Iterator[Pipeline]:
    """A Pipeline with every checker these settings ask for, open for the duration of a run."""
    with contextlib.ExitStack() as stack:
        opened = open_checkers(settings, stack)
        checkers = [c for c, _ in opened]
        _warn_about_rules(checkers, warn)
        known = known_ids(checkers, settings)
        for warning in config_id_warnings(settings, known):
            warn(warning)
        required = frozenset(c.name for c, mode in opened if mode is Mode.REQUIRED)
        if settings.time_budget:
            warm_up(checkers)
        yield Pipeline(checkers, settings, warn, required=required, known=known)
        for checker in checkers:
            notes = getattr(checker, "run_notes", None)
            for note in notes() if callable(notes) else ():
                warn(note)


def _warn_about_rules(checkers: Sequence[object], warn: Warn) -> None:
    """Rules whose replacements could blow an article up, named before any article is touched."""
    for checker in checkers:
        compiled = getattr(checker, "compiled", None)
        for warning in getattr(compiled, "growth_warnings", ()):
            warn(warning)


def warm_up(checkers: Sequence[object]) -> None:
    """Pay one-time costs (the syllable dictionary, a checker's tables) before the first article's budget starts."""
    from cleaner.metrics import readability

    readability("A first sentence loads the syllable dictionary. It is not counted against an article.")
    for checker in checkers:
        warm_up = getattr(checker, "warm_up", None)
        if callable(warm_up):
            warm_up()


def out_of_the_collectors_sight() -> None:
    """Exempt every object alive now (modules, compiled rules, word tables) from garbage collection.

    Why: call this once the checkers are open.  What is loaded by then lives until
    the process exits, yet each full collection walked all of it again: about a
    fifth of a second in a 200-article report, spent in the collector.  A forked
    worker shares the frozen objects without the collector touching (and so
    copying) their memory pages.  Only the first call of a process freezes: the
    collector never frees a frozen cycle, so a resident worker (``cleaner serve``)
    must not freeze what each request leaves behind.
    """
    global _frozen
    if not _frozen:
        import gc

        gc.freeze()
        _frozen = True


_frozen = False


class Pipelines:
    """One open pipeline per distinct Settings, opened on first use and closed with ``stack``."""

    def __init__(self, stack: contextlib.ExitStack, warn: Warn) -> None:
        self.stack = stack
        self.warn = _once(warn)
        self.on_progress: Progress | None = None
        self._open: list[Pipeline] = []

    def __call__(self, settings: Settings) -> Pipeline:
        for pipeline in self._open:
            if pipeline.settings == settings:
                return pipeline
        pipeline = self.stack.enter_context(open_pipeline(settings, self.warn))
        pipeline.on_progress = self.on_progress
        self._open.append(pipeline)
        return pipeline

    def __len__(self) -> int:
        return len(self._open)


def _once(warn: Warn) -> Warn:
    """``warn``, saying each message once (every pipeline would name the same oversized rule)."""
    said: set[str] = set()

    def once(message: str) -> None:
        if message not in said:
            said.add(message)
            warn(message)

    return once


def analyze_paths(
    targets: Sequence[str | InputError],
    pipeline_for: Callable[[str], Pipeline],
    on_error: Callable[[CleanerError], None],
) -> Iterator[ArticleResult | InputError]:
    """Analyze each collected article with its own pipeline; input errors are reported and the batch goes on."""
    for item in targets:
        if isinstance(item, InputError):
            on_error(item)
            yield item
            continue
        try:
            result = analyze_one(item, pipeline_for(item))
        except InputError as exc:
            on_error(exc)
            yield exc
            continue
        yield result


def analyze_one(path: str, pipeline: Pipeline) -> ArticleResult:
    """Read and analyze one article within its time budget (in a --jobs worker too)."""
    with article_budget(path, budget_for(pipeline.settings.time_budget, _size(path))):
        with stage("read"):
            source = read_source(path)
        return pipeline.analyze(source)


def _size(path: str) -> int | None:
    try:
        return Path(path).stat().st_size
    except OSError:
        return None


def warn_about_selection(settings: Settings | Configurations, results: Sequence[ArticleResult], warn: Warn) -> None:
    """One warning naming the ``--select`` / ``--ignore`` patterns that match no engine, rule or finding.

    A pattern is known when it names an engine, is a prefix of a rule id the
    run knows (the same ids the configuration and suppression warnings check:
    the rule files and their old ids, the other engines', cleaner's XML rules),
    or matched a finding of some article before selection, which is how
    LanguageTool's own rule ids (thousands, known only to the server) are
    recognised.  Nothing is said when no article was checked.  The selection
    is the command line's, the same for every article whatever its
    configuration, so a pattern known to any article's pipeline is known.
    """
    selection = Configurations.of(settings).selection
    if not selection.active or not results:
        return
    hits = frozenset().union(*(r.selection_hits for r in results))
    unknown = [f"--select {p}" for p in selection.select if p not in hits]
    unknown += [f"--ignore {p}" for p in selection.ignore if p not in hits]
    if unknown:
        warn(f"warning: no engine, rule id or finding of this run matches {', '.join(unknown)}")


def engines_required_by_choice(settings: Settings | Configurations) -> frozenset[str]:
    """Engines that are optional by default but required in these settings (``--require-languagetool``).

    With per-file configurations: those required for any article of the run.
    """
    return frozenset(
        e.name
        for e in REGISTRY
        for s in Configurations.of(settings).used()
        if e.default is not Mode.REQUIRED and mode_of(e.name, s.modes) is Mode.REQUIRED
    )
