"""Worker processes fed and read by the calling thread: answers by key, failures and deaths as errors, no hang."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from typing import Any

import pytest

from cleaner.commands.processes import Processes, WorkerDied, WorkerFailed

_prefix = ""


def _start(prefix: str) -> None:
    global _prefix
    _prefix = prefix


def _work(task: Any) -> Any:
    if task == "fail":
        raise ValueError("a bug in the task")
    if task == "die":
        os.kill(os.getpid(), signal.SIGKILL)
    if task == "big":
        return "x" * (3 << 20)  # more than the enlarged pipe holds
    return f"{_prefix}{task}:{os.getpid()}"


def _finish() -> str:
    return f"finished {os.getpid()}"


def _processes(count: int) -> Processes:
    # a fork server: this test process may run threads (forking it could deadlock the child)
    context = multiprocessing.get_context("forkserver")
    return Processes(count, context, _work, _start, ("p-",), _finish)


def _collect(pool: Processes, due: int) -> dict[Any, Any]:
    got: dict[Any, Any] = {}
    while len(got) < due:
        got.update(pool.results(block=True))
    return got


def test_answers_come_back_with_their_keys_from_every_worker() -> None:
    with _processes(2) as pool:
        assert pool.results(block=True) == []  # nothing due: no wait
        for n in range(8):
            pool.submit(n, f"t{n}")
        assert pool.busy() == 8
        got = _collect(pool, 8)
        assert pool.busy() == 0
        finals = pool.close()
    assert sorted(got) == list(range(8))
    assert all(got[n].startswith(f"p-t{n}:") for n in got)  # the initializer ran in the worker
    pids = {got[n].rsplit(":", 1)[1] for n in got}
    assert len(pids) == 2 and str(os.getpid()) not in pids  # the least busy worker gets the next task
    assert sorted(finals) == sorted(f"finished {pid}" for pid in pids)


def test_a_result_larger_than_the_pipe_arrives_whole() -> None:
    with _processes(1) as pool:
        pool.submit("k", "big")
        assert _collect(pool, 1) == {"k": "x" * (3 << 20)}
        pool.close()


def test_an_exception_in_the_task_is_raised_here_with_the_workers_traceback() -> None:
    with _processes(1) as pool:
        pool.submit(1, "fail")
        with pytest.raises(WorkerFailed, match=r"(?s)ValueError: a bug in the task.*"):
            _collect(pool, 1)


def test_a_worker_that_dies_is_an_error_not_a_hang() -> None:
    start = time.monotonic()
    with _processes(1) as pool:
        pool.submit(1, "die")
        with pytest.raises(WorkerDied, match="killed by signal 9"):
            _collect(pool, 1)
    assert time.monotonic() - start < 30


def test_leaving_the_block_early_ends_the_workers() -> None:
    with _processes(2) as pool:
        pool.submit(1, "t")
        processes = [w.process for w in pool._workers]
    assert all(not p.is_alive() for p in processes)
