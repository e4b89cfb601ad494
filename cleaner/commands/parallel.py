"""Many articles on all cores: this process and forked workers check them, results in input order.

Each worker process opens its own Pipeline once per distinct configuration
it meets (rules from the on-disk cache, its own LanguageTool client to the
one shared server) and analyzes the articles it is sent, each with the
settings the main process resolved for it; while one worker waits for LanguageTool another
runs Python.  This process writes the output and checks articles too
whenever the next result is not ready, so ``--jobs 2`` is one worker and this
process.  What a command makes of each result (a report's pages) is prepared
by the process that checked it.  Results come back in the order the articles
were given, so output is the same as a one-process run.  Errors cross the process boundary
as plain values (path and problem) and become the usual one-line errors.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from cleaner.config import Settings
from cleaner.document import Source
from cleaner.errors import CleanerError, InputError
from cleaner.pipeline import ArticleResult, Pipeline

if TYPE_CHECKING:  # imported where a pool starts: multiprocessing costs a one-process run 10 ms
    from cleaner.commands.processes import Processes


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


P = TypeVar("P")

Prepare = Callable[[ArticleResult], P]
"""What the caller makes of each result (a report's pages), computed in the process that checked the
article, so that the writing process does not pay for it; a module-level function, so that it pickles."""

_Outcome = tuple[tuple[ArticleResult, P] | _Failed, list[str]]
"""An article's result and what was prepared from it (or its error), and the warnings raised meanwhile."""


class _Analyzer(Generic[P]):
    """Checks the run's articles in one process (a worker, or the writing process between results).

    Each article comes as its path and the index of its settings among the run's
    distinct ones; a pipeline per settings is opened on first use and closed with ``stack``.
    """

    def __init__(self, settings: tuple[Settings, ...], prepare: Prepare[P], stack: contextlib.ExitStack) -> None:
        self.settings = settings
        self.prepare = prepare
        self._stack = stack
        self._pipelines: dict[int, Pipeline] = {}
        self._warnings: list[str] = []

    def pipeline(self, index: int) -> Pipeline:
        from cleaner.commands.common import open_pipeline

        if index not in self._pipelines:
            settings = self.settings[index]
            self._pipelines[index] = self._stack.enter_context(open_pipeline(settings, self._warnings.append))
            if settings.time_budget:
                _check_warm_up_article(self._pipelines[index])
        return self._pipelines[index]

    def __call__(self, task: tuple[str, int]) -> _Outcome[P]:
        """One article (within its time budget): its outcome and the warnings raised meanwhile."""
        from cleaner.commands.common import analyze_one

        path, index = task
        outcome: tuple[ArticleResult, P] | _Failed
        try:
            result = analyze_one(path, self.pipeline(index))
            _ = result.readability_before  # computed here (cached on the result), so the writing process never is
            outcome = (result, self.prepare(result))
        except InputError as exc:
            outcome = _Failed(str(exc), exc.path, exc.problem)
        except CleanerError as exc:
            outcome = _Failed(str(exc))
        return outcome, self.take_warnings()

    def close(self) -> None:
        """Close the pipelines (their checkers may add warnings)."""
        self._stack.close()

    def take_warnings(self) -> list[str]:
        """The warnings raised since the last call."""
        news = list(self._warnings)
        self._warnings.clear()
        return news


_worker: _Analyzer[Any] | None = None
"""This worker process's analyzer, set by :func:`_start_worker`."""


def _start_worker(settings: tuple[Settings, ...], prepare: Prepare[Any]) -> None:
    """Remember the run's settings; pipelines are opened on first use and closed by :func:`_finish_worker`."""
    global _worker
    _worker = _Analyzer(settings, prepare, contextlib.ExitStack())


WARM_UP = "The officials said the talks won't end next week. Prices rose in May."
"""A short article that reaches what nearly every article needs: a word with an apostrophe, for one, has the
untranslated-words check load its memo of such words (and wordfreq's lists, 0.3 s, when the word is new to
this machine), once per process instead of in its first article."""


def _check_warm_up_article(pipeline: Pipeline) -> None:
    """Check one short text before any budget runs: a worker's first article must not pay for
    loading what every article uses (checker models, lazily decoded rules), as in one process
    only the first article of the whole run would."""
    with contextlib.suppress(CleanerError):
        pipeline.analyze(Source("<warm-up>", WARM_UP))


def _analyze(task: tuple[str, int]) -> _Outcome[Any]:
    """One article in a worker process."""
    assert _worker is not None, "not started by _start_worker"
    return _worker(task)


def _finish_worker() -> list[str]:
    """Close this worker's pipelines; what their checkers said on closing (LanguageTool restarts)."""
    assert _worker is not None, "not started by _start_worker"
    _worker.close()
    return _worker.take_warnings()


def analyze_in_pool(
    targets: Sequence[str | InputError],
    settings: Settings | Mapping[str, Settings],
    workers: int,
    on_error: Callable[[CleanerError], None],
    warn: Callable[[str], None],
    prepare: Prepare[P],
) -> Iterator[tuple[ArticleResult, P] | InputError]:
    """Like :func:`cleaner.commands.common.analyze_paths`, over ``workers`` processes: this one and
    ``workers - 1`` forked workers.

    This process also writes the output (prints, renders the report pages) as the
    results come, so it checks articles only when it would otherwise wait (see
    :func:`_shared_out`); two jobs are then two busy processes, not two workers and
    a writer taking turns on two cores.  ``settings`` is one Settings for every
    article, or each article's own.
    """
    paths = [t for t in targets if not isinstance(t, InputError)]
    of = settings if isinstance(settings, Mapping) else dict.fromkeys(paths, settings)
    distinct: list[Settings] = []
    tasks = [(path, _index(distinct, of[path])) for path in paths]
    seen: set[str] = set()

    def say(news: Sequence[str]) -> None:
        for w in news:
            if w not in seen:
                seen.add(w)
                warn(w)

    start = (tuple(distinct), prepare)
    import multiprocessing

    from cleaner.commands.processes import Processes

    with contextlib.ExitStack() as shared:
        if not _has_threads():
            shared.enter_context(_loaded_before_fork(distinct))
        # asked again: forking stays safe only if opening the checkers started no thread
        context = multiprocessing.get_context("forkserver" if _has_threads() else "fork")
        pool = shared.enter_context(Processes(workers - 1, context, _analyze, _start_worker, start, _finish_worker))
        here = _Analyzer(*start, shared.enter_context(contextlib.ExitStack()))  # closed before the workers
        outcomes = _shared_out(tasks, pool, here, queued=_QUEUED * (workers - 1))
        for item in targets:
            if isinstance(item, InputError):
                on_error(item)
                yield item
                continue
            outcome, news = next(outcomes)
            say(news)
            if isinstance(outcome, _Failed):
                error = outcome.raise_or_error()
                on_error(error)
                yield error
            else:
                yield outcome
        here.close()
        say(here.take_warnings())  # what the checkers say when closed (LanguageTool restarts), here
        for news in pool.close():
            say(news)  # and in each worker


_QUEUED = 3
"""Articles kept sent ahead per worker: enough that a worker does not wait while this process
renders a page or checks an article, few enough that at the end this process has not
left a worker a long queue to finish alone."""
_AHEAD = 64
"""At most this many results held for output: while a worker is stuck on a long article, this
process checks the ones after it, but not all of a large batch."""


def _shared_out(
    tasks: Sequence[tuple[str, int]], pool: Processes, here: _Analyzer[P], queued: int
) -> Iterator[_Outcome[P]]:
    """Each task's outcome, in the order of ``tasks``.

    The workers take tasks from the front, ``queued`` sent ahead at a time;
    whenever the next outcome is not ready, this process checks the first task
    not yet sent itself instead of waiting, so no core idles while articles are left.
    """
    done: dict[int, _Outcome[P]] = {}  # outcomes not yet given out, by task number
    taken = 0  # tasks before this one are sent to a worker or checked here
    for first in range(len(tasks)):
        while first not in done:
            done.update(pool.results(block=False))
            while taken < len(tasks) and pool.busy() < queued:
                pool.submit(taken, tasks[taken])
                taken += 1
            if first in done:
                break
            if taken < len(tasks) and len(done) < _AHEAD:
                done[taken] = here(tasks[taken])
                taken += 1
            else:
                done.update(pool.results(block=True))
        yield done.pop(first)


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
    from cleaner.commands.common import out_of_the_collectors_sight, warm_up

    with checkers_kept_loaded():  # a worker's own load_checker() finds the checker loaded here
        for settings in distinct:
            with contextlib.ExitStack() as stack:
                checkers = [c for c, _ in open_checkers(settings, stack, in_process_only=True)]
                warm_up(checkers)
                _check_warm_up_article(Pipeline(checkers, settings, lambda _: None))
        out_of_the_collectors_sight()
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
