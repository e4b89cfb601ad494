"""Worker processes that the calling thread feeds and reads itself, with no helper threads.

Why not :class:`concurrent.futures.ProcessPoolExecutor`: it moves tasks and
results through threads of the calling process.  When that process computes
too (with ``--jobs`` it checks and renders articles between results), those
threads wait for the interpreter lock, and a worker whose result is larger
than a pipe holds (a report's pages, 140 KB on average) waits with them:
measured, a worker was idle a sixth of the time.  Here each worker has a pipe
for its tasks and one for its results, enlarged to hold several results, and
the caller polls them between its own pieces of work.

A task is any picklable value sent with a key; its result comes back with
that key.  ``function`` runs in the worker; an exception it raises comes back
as a :class:`WorkerFailed` with the worker's traceback.  A worker that dies
(killed, out of memory) is a :class:`WorkerDied`, never a hang.
"""

from __future__ import annotations

import contextlib
import signal
import traceback
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from typing import Any

from cleaner.errors import CleanerError

RESULT_PIPE_BYTES = 1 << 20
"""What a worker's result pipe holds before a send waits (Linux allows an unprivileged process 1 MiB)."""
JOIN_SECONDS = 10.0
"""How long a worker may take to exit once told to; then it is terminated."""


class WorkerDied(CleanerError):
    """A worker process ended without answering (killed, out of memory)."""


class WorkerFailed(RuntimeError):
    """An exception raised by the task function in a worker; the message holds the worker's traceback."""


@dataclass(frozen=True)
class _Raised:
    traceback: str


@dataclass
class _Worker:
    process: Any  # a multiprocessing Process of the given context
    inbox: Connection
    outbox: Connection
    busy: int = 0


def _serve(
    inbox: Connection,
    outbox: Connection,
    initializer: Callable[..., None],
    initargs: tuple[Any, ...],
    function: Callable[[Any], Any],
    finish: Callable[[], Any],
) -> None:
    """A worker's life: set up, answer tasks until told to stop (None), then send what ``finish`` returns."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the caller's to handle; it ends the workers
    initializer(*initargs)
    while (message := inbox.recv()) is not None:
        key, task = message
        try:
            answer = function(task)
        except Exception:  # a bug in the task: the caller raises it with this traceback
            answer = _Raised(traceback.format_exc())
        outbox.send((key, answer))
    outbox.send((None, finish()))


class Processes:
    """``count`` worker processes, started at once; use as a context manager (an error ends them)."""

    def __init__(
        self,
        count: int,
        context: BaseContext,
        function: Callable[[Any], Any],
        initializer: Callable[..., None],
        initargs: tuple[Any, ...],
        finish: Callable[[], Any],
    ) -> None:
        self._workers: list[_Worker] = []
        try:
            for _ in range(count):
                task_reader, task_writer = context.Pipe(duplex=False)
                result_reader, result_writer = context.Pipe(duplex=False)
                _enlarge(result_writer)
                args = (task_reader, result_writer, initializer, initargs, function, finish)
                process = context.Process(target=_serve, args=args, daemon=True)  # type: ignore[attr-defined]
                process.start()
                task_reader.close()  # the worker's ends: closed here, so its death reads as end of file
                result_writer.close()
                self._workers.append(_Worker(process, task_writer, result_reader))
        except BaseException:
            self.terminate()
            raise

    def __enter__(self) -> Processes:
        return self

    def __exit__(self, kind: object, error: object, tb: object) -> None:
        self.terminate()

    def busy(self) -> int:
        """Tasks sent and not yet answered."""
        return sum(w.busy for w in self._workers)

    def submit(self, key: Hashable, task: Any) -> None:
        """Send ``task`` to the least busy worker; its result comes back from :meth:`results` with ``key``."""
        worker = min(self._workers, key=lambda w: w.busy)
        try:
            worker.inbox.send((key, task))
        except OSError:
            raise self._died(worker) from None
        worker.busy += 1

    def results(self, block: bool) -> list[tuple[Any, Any]]:
        """The (key, result) pairs that have arrived; with ``block``, waits for at least one (if any is due)."""
        answering = [w for w in self._workers if w.busy]
        if not answering:
            return []
        by_reader = {w.outbox: w for w in answering}
        ready = wait(list(by_reader), timeout=None if block else 0)
        arrived: list[tuple[Any, Any]] = []
        for reader in ready:
            worker = by_reader[reader]  # type: ignore[index]
            while worker.busy and worker.outbox.poll():
                key, answer = self._receive(worker)
                worker.busy -= 1
                if isinstance(answer, _Raised):
                    raise WorkerFailed(f"a worker process failed:\n{answer.traceback}")
                arrived.append((key, answer))
        return arrived

    def close(self) -> list[Any]:
        """Tell every worker to stop once its tasks are answered; what each one's ``finish`` returned."""
        finals = []
        for worker in self._workers:
            try:
                worker.inbox.send(None)
            except OSError:
                raise self._died(worker) from None
        for worker in self._workers:
            key, answer = self._receive(worker)
            while key is not None:  # an answer nobody waited for
                key, answer = self._receive(worker)
            finals.append(answer)
        for worker in self._workers:
            worker.process.join(JOIN_SECONDS)
        self.terminate()
        return finals

    def terminate(self) -> None:
        """End every worker now (those already done are only joined)."""
        for worker in self._workers:
            if worker.process.is_alive():
                worker.process.terminate()
        for worker in self._workers:
            worker.process.join(JOIN_SECONDS)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.inbox.close()
            worker.outbox.close()
        self._workers = []

    def _receive(self, worker: _Worker) -> tuple[Any, Any]:
        try:
            message: tuple[Any, Any] = worker.outbox.recv()
        except (EOFError, OSError):
            raise self._died(worker) from None
        return message

    def _died(self, worker: _Worker) -> WorkerDied:
        worker.process.join(JOIN_SECONDS)
        code = worker.process.exitcode
        how = f"was killed by signal {-code}" if code is not None and code < 0 else f"exited with code {code}"
        return WorkerDied(f"a --jobs worker process {how} before it answered; run again with --jobs 1 to see why")


def _enlarge(connection: Connection) -> None:
    """Let the pipe hold several results, so a worker rarely waits for the caller to read one."""
    with contextlib.suppress(ImportError, AttributeError, OSError):
        import fcntl

        fcntl.fcntl(connection.fileno(), fcntl.F_SETPIPE_SZ, RESULT_PIPE_BYTES)
