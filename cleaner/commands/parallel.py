"""Many articles on all cores: a process pool of pipelines, results in input order.

Each worker process opens its own Pipeline once per distinct configuration
it meets (rules from the on-disk cache, its own LanguageTool client to the
one shared server) and analyzes the articles it is sent, each with the
settings the main process resolved for it; while one worker waits for LanguageTool another
runs Python.  Results come back in the order the articles were given, so
output is the same as a one-process run.  Errors cross the process boundary
as plain values (path and problem) and become the usual one-line errors.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import util

from cleaner.config import Settings
from cleaner.document import Source
from cleaner.errors import CleanerError, InputError
from cleaner.pipeline import ArticleResult, Pipeline


def free_cores() -> int:
    """Cores this process may use that are not already busy (load average), at least 1."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    try:
        busy = int(os.getloadavg()[0])
    except OSError:
        busy = 0
    return max(1, cores - busy)


def worker_count(jobs: int | None, articles: int) -> int:
    """How many processes to use: ``jobs`` (None or 0: the free cores), never more than the articles."""
    wanted = jobs or free_cores()
    return max(1, min(wanted, articles))


@dataclass(frozen=True)
class _Failed:
    """A CleanerError raised in a worker, as plain data (its subclasses do not all unpickle)."""

    message: str
    input_path: str | None = None
    problem: str = ""

    def raise_or_error(self) -> InputError:
        if self.input_path is None:
            raise CleanerError(self.message)
        return InputError(self.input_path, self.problem)


_settings: tuple[Settings, ...] = ()
"""The run's distinct settings; each article is sent with the index of its own."""
_pipelines: dict[int, Pipeline] = {}
_stack = contextlib.ExitStack()
_warnings: list[str] = []
_readability_after = False
"""Compute the corrected text's readability in the worker too (reports show it)."""


def _start_worker(settings: tuple[Settings, ...], readability_after: bool) -> None:
    """Remember the run's settings; pipelines are opened on first use and closed when the worker exits."""
    global _settings, _readability_after
    _settings = settings
    _readability_after = readability_after
    util.Finalize(None, _stack.close, exitpriority=10)


def _pipeline(index: int) -> Pipeline:
    from cleaner.commands.common import open_pipeline

    if index not in _pipelines:
        settings = _settings[index]
        _pipelines[index] = _stack.enter_context(open_pipeline(settings, _warnings.append))
        if settings.time_budget:
            _warm_up(_pipelines[index])
    return _pipelines[index]


WARM_UP = "The officials said the talks won't end next week. Prices rose in May."
"""A short article that reaches what nearly every article needs: a word with an apostrophe, for one, has the
untranslated-words check load its memo of such words (and wordfreq's lists, 0.3 s, when the word is new to
this machine), once per process instead of in its first article."""


def _warm_up(pipeline: Pipeline) -> None:
    """Check one short text before any budget runs: a worker's first article must not pay for
    loading what every article uses (checker models, lazily decoded rules), as in one process
    only the first article of the whole run would."""
    with contextlib.suppress(CleanerError):
        pipeline.analyze(Source("<warm-up>", WARM_UP))


def _analyze(task: tuple[str, int]) -> tuple[ArticleResult | _Failed, list[str]]:
    """One article in a worker (within its time budget): its result (or error) and the warnings raised meanwhile."""
    from cleaner.commands.common import analyze_one

    path, index = task
    try:
        outcome: ArticleResult | _Failed = analyze_one(path, _pipeline(index))
        if isinstance(outcome, ArticleResult):
            _ = outcome.readability_before  # computed in the worker, so the parent never pays for it
        if _readability_after:
            assert isinstance(outcome, ArticleResult)
            _ = outcome.readability_after  # cached on the result, so it travels back with it
    except InputError as exc:
        outcome = _Failed(str(exc), exc.path, exc.problem)
    except CleanerError as exc:
        outcome = _Failed(str(exc))
    news = list(_warnings)
    _warnings.clear()
    return outcome, news


def analyze_in_pool(
    targets: Sequence[str | InputError],
    settings: Settings | Mapping[str, Settings],
    workers: int,
    on_error: Callable[[CleanerError], None],
    warn: Callable[[str], None],
    readability_after: bool = False,
) -> Iterator[ArticleResult | InputError]:
    """Like :func:`cleaner.commands.common.analyze_paths`, over ``workers`` processes.

    ``settings`` is one Settings for every article, or each article's own.
    """
    paths = [t for t in targets if not isinstance(t, InputError)]
    of = settings if isinstance(settings, Mapping) else dict.fromkeys(paths, settings)
    distinct: list[Settings] = []
    tasks = [(path, _index(distinct, of[path])) for path in paths]
    seen: set[str] = set()
    start = (tuple(distinct), readability_after)
    with contextlib.ExitStack() as shared:
        if not _has_threads():
            shared.enter_context(_loaded_before_fork(distinct))
        # asked again: forking stays safe only if opening the checkers started no thread
        context = multiprocessing.get_context("forkserver" if _has_threads() else "fork")
        pool = shared.enter_context(
            ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=start)
        )
        done = pool.map(_analyze, tasks, chunksize=1)
        for item in targets:
            if isinstance(item, InputError):
                on_error(item)
                yield item
                continue
            outcome, news = next(done)
            for w in news:
                if w not in seen:
                    seen.add(w)
                    warn(w)
            if isinstance(outcome, _Failed):
                error = outcome.raise_or_error()
                on_error(error)
                yield error
            else:
                yield outcome


@contextlib.contextmanager
def _loaded_before_fork(distinct: Sequence[Settings]) -> Iterator[None]:
    """Within the block, the in-process checkers of every configuration are open and warm in this
    process, so that workers forked in it start with them loaded.

    Why: each worker spent about 0.3 s of CPU unpickling the compiled rules, building
    the regex pass and loading the word tables and the syllable dictionary, all of
    which one process can pay for once; forked, the workers share that copy (and its
    memory pages).  Checkers with a server, threads or a model (LanguageTool, the
    fluency model) are still opened by each worker.
    """
    from cleaner.checks.registry import open_checkers
    from cleaner.checks.rules import checkers_kept_loaded
    from cleaner.commands.common import warm_up

    with checkers_kept_loaded():  # a worker's own load_checker() finds the checker loaded here
        for settings in distinct:
            with contextlib.ExitStack() as stack:
                checkers = [c for c, _ in open_checkers(settings, stack, in_process_only=True)]
                warm_up(checkers)
                _warm_up(Pipeline(checkers, settings, lambda _: None))
        yield


def _index(distinct: list[Settings], settings: Settings) -> int:
    """The place of ``settings`` among the run's distinct ones (added when new)."""
    for n, known in enumerate(distinct):
        if known == settings:
            return n
    distinct.append(settings)
    return len(distinct) - 1


def _has_threads() -> bool:
    """Forking a process that runs other threads can deadlock the child; use a fork server then."""
    import threading

    return threading.active_count() > 1
