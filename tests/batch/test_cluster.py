"""Reaching the cluster: bounded waits and one-line errors, with a real scheduler."""

from __future__ import annotations

import time

import pytest
from distributed import LocalCluster

from cleaner.batch.cluster import QUIET_SCHEDULER, ClusterOptions, SchedulerUnreachable, open_client, worker_threads


def test_a_scheduler_without_workers_is_an_error_not_a_hang() -> None:
    with LocalCluster(n_workers=0, processes=False, dashboard_address=None, scheduler_kwargs=QUIET_SCHEDULER) as empty:
        started = time.monotonic()
        with (
            pytest.raises(SchedulerUnreachable, match=r"has no workers \(waited 1 s\); start some with: dask worker"),
            open_client(ClusterOptions(scheduler=empty.scheduler_address, connect_timeout=1)),
        ):
            pass
        assert time.monotonic() - started < 15


def test_a_malformed_address_is_one_line() -> None:
    with (
        pytest.raises(SchedulerUnreachable, match=r"^cannot reach the Dask scheduler at nowhere:xyz within 1 s"),
        open_client(ClusterOptions(scheduler="nowhere:xyz", connect_timeout=1)),
    ):
        pass


def test_embedded_cluster_has_the_workers_asked_for() -> None:
    with open_client(ClusterOptions(workers=1)) as client:
        assert worker_threads(client) == 1
