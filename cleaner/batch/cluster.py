"""Where the work runs: an embedded LocalCluster of worker processes, or an existing scheduler.

The embedded cluster has one thread per worker process (the pipeline is
CPU-bound Python, so threads would only share one core), no dashboard (no
port to collide with) and quiet logs.  Connecting to a scheduler is bounded
by a timeout and fails with one line naming the address.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cleaner.errors import CleanerError

if TYPE_CHECKING:
    from distributed import Client

DEFAULT_CONNECT_TIMEOUT = 10.0
QUIET_SCHEDULER = {"dashboard": False, "dashboard_address": "127.0.0.1:0"}
"""No dashboard; its HTTP endpoint on a free loopback port (no "port 8787 in use" warning)."""
WORKER_CONFIG = {"distributed.admin.low-level-log-length": 20}
"""Dask keeps the last N state-machine events and transitions of every worker for debugging
(1,000 by default); with a few hundred partitions per worker that alone made worker memory
grow by tens of MiB. Set the same on an existing cluster's workers
(``DASK_DISTRIBUTED__ADMIN__LOW_LEVEL_LOG_LENGTH=20``)."""


@dataclass(frozen=True, slots=True)
class ClusterOptions:
    """``--workers N`` (embedded) or ``--scheduler ADDRESS`` (existing), and how long to try."""

    workers: int = 2
    scheduler: str | None = None
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    memory_limit: str | None = None
    """Per embedded worker (Dask's syntax, e.g. ``2GiB``); None: Dask's share of the machine."""


class SchedulerUnreachable(CleanerError):
    """The scheduler address did not answer in time (or is not an address)."""


@contextlib.contextmanager
def open_client(options: ClusterOptions) -> Iterator[Client]:
    """A connected ``distributed.Client``; the embedded cluster, if any, is closed afterwards."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise CleanerError("cleaner batch needs Dask: pip install 'cleaner[batch]'") from None

    if options.scheduler:
        try:
            client = Client(options.scheduler, timeout=options.connect_timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError, TypeError) as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise SchedulerUnreachable(
                f"cannot reach the Dask scheduler at {options.scheduler} within {options.connect_timeout:g} s: {reason}"
            ) from None
        with client:
            try:
                client.wait_for_workers(1, timeout=options.connect_timeout)
            except TimeoutError:
                raise SchedulerUnreachable(
                    f"the Dask scheduler at {options.scheduler} has no workers "
                    f"(waited {options.connect_timeout:g} s); start some with: dask worker {options.scheduler}"
                ) from None
            yield client
        return
    import dask

    with dask.config.set(WORKER_CONFIG):  # the nannies copy the configuration for their workers
        cluster = LocalCluster(
            n_workers=options.workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            scheduler_kwargs=QUIET_SCHEDULER,
            silence_logs=logging.ERROR,
            memory_limit=options.memory_limit or "auto",
        )
    with cluster, Client(cluster, set_as_default=False) as client:
        yield client


def worker_threads(client: Client) -> int:
    """How many tasks the cluster runs at once now (at least 1, for sizing the queue)."""
    threads: dict[str, int] = client.nthreads()
    return max(1, sum(threads.values()))
