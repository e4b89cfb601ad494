"""The client loop: read and partition the corpus, keep the cluster busy, write results as they come.

At most a few partitions per worker thread are in flight, so the client's
memory does not grow with the corpus; each finished partition is written to
its own part file at once, so an interrupted run keeps everything finished.
A partition whose worker dies is rerun by Dask elsewhere (up to Dask's
``allowed-failures``); one that still fails is reported and left for the
next run, while the rest go on.
"""

from __future__ import annotations

import itertools
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner.batch.cluster import ClusterOptions, open_client, worker_threads
from cleaner.batch.inputs import iter_items
from cleaner.batch.keys import cleaner_version, fingerprint
from cleaner.batch.output import done_keys, locked, next_index, records, write_part, write_reports, write_summary
from cleaner.batch.partition import DEFAULT_SIZE, Partition, Plan, partitions
from cleaner.batch.progress import BatchProgress
from cleaner.batch.records import RecordFields
from cleaner.batch.summary import SummaryBuilder
from cleaner.batch.worker import PartitionResult, RunSpec, WorkerMismatch, lint_partition
from cleaner.config import Settings
from cleaner.errors import CleanerError

IN_FLIGHT_PER_THREAD = 2
TASK_RETRIES = 2
"""Reruns of a partition whose task raised (a dead worker is rerun by the scheduler on its own)."""


@dataclass(frozen=True)
class BatchOptions:
    """One batch run: what to read, where to write, how to split and where to run."""

    inputs: tuple[str, ...]
    out_dir: Path
    record_fields: RecordFields = field(default_factory=RecordFields)
    cluster: ClusterOptions = field(default_factory=ClusterOptions)
    partition_size: int = DEFAULT_SIZE
    html: bool = False
    show_progress: bool | None = None


@dataclass
class BatchOutcome:
    """What a run did, and the corpus summary it wrote."""

    summary: dict[str, Any]
    summary_path: Path
    linted: int = 0
    skipped: int = 0
    partitions: list[PartitionResult] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    workers: int = 0
    seconds: float = 0.0
    startup_seconds: float = 0.0
    """Of ``seconds``, the time to start (or reach) the cluster."""


OnResult = Callable[[PartitionResult, Any], None]
"""Called on the client after each partition is written, with the result and the Dask client."""


def run_batch(
    options: BatchOptions, settings: Settings, warn: Callable[[str], None], on_result: OnResult | None = None
) -> BatchOutcome:
    """Lint every input on the cluster into ``options.out_dir``; return what happened."""
    spec = RunSpec(
        settings=settings,
        fingerprint=fingerprint(settings, options.record_fields.options()),
        version=cleaner_version(),
        record_fields=options.record_fields,
        html=options.html,
    )
    started = time.perf_counter()
    with locked(options.out_dir) as out:
        plan = Plan()
        todo = partitions(
            iter_items(options.inputs),
            spec.fingerprint,
            done_keys(out),
            plan,
            first_index=next_index(out),
            size=options.partition_size,
        )
        run = _Run()
        _run(todo, spec, options, plan, out, warn, on_result, run)
        results, failed, workers = run.results, run.failed, run.workers
        summary = SummaryBuilder(plan.wanted).add_all(records(out)).summary()
        linted = sum(r.articles + r.errors for r in results)
        summary["run"] = _run_info(options, spec, plan, results, failed, workers, time.perf_counter() - started)
        path = write_summary(out, summary)
    return BatchOutcome(
        summary=summary,
        summary_path=path,
        linted=linted,
        skipped=plan.skipped,
        partitions=results,
        failed=failed,
        workers=workers,
        seconds=time.perf_counter() - started,
        startup_seconds=run.startup_seconds,
    )


@dataclass
class _Run:
    """Filled in by :func:`_run` as partitions finish (kept when the run is interrupted)."""

    results: list[PartitionResult] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    workers: int = 0
    startup_seconds: float = 0.0


def _run(
    todo: Iterator[Partition],
    spec: RunSpec,
    options: BatchOptions,
    plan: Plan,
    out: Path,
    warn: Callable[[str], None],
    on_result: OnResult | None,
    run: _Run,
) -> None:
    results, failed = run.results, run.failed
    warned: set[str] = set()
    first = next(todo, None)
    if first is None:  # everything is already in the output: no cluster needed
        return
    todo = itertools.chain([first], todo)
    from distributed import as_completed

    token = uuid.uuid4().hex[:8]
    opening = time.perf_counter()
    with open_client(options.cluster) as client, BatchProgress(options.show_progress) as bar:
        run.startup_seconds = time.perf_counter() - opening
        run.workers = len(client.nthreads())
        queue = as_completed(loop=client.loop)
        index_of: dict[str, int] = {}

        def submit_next() -> bool:
            part = next(todo, None)
            bar.planned(plan.planned, plan.skipped)
            if part is None:
                return False
            key = f"cleaner-batch-{token}-{part.index}"
            index_of[key] = part.index
            queue.add(client.submit(lint_partition, part, spec, key=key, retries=TASK_RETRIES))
            return True

        for _ in range(IN_FLIGHT_PER_THREAD * worker_threads(client) + 1):
            if not submit_next():
                break
        for future in queue:
            try:
                result: PartitionResult = future.result()
            except WorkerMismatch:
                raise
            except ImportError as exc:
                raise CleanerError(
                    f"a worker cannot import cleaner ({exc}): install cleaner[batch] on every worker"
                ) from None
            except CleanerError as exc:
                raise CleanerError(f"partition {index_of[future.key]}: {exc}") from None
            except Exception as exc:  # a worker died too often, or the task broke: the rest go on
                message = f"partition {index_of[future.key]} failed, left for the next run: {exc}"
                failed.append(message)
                warn(f"error: {message}")
            else:
                write_part(out, result.index, result.lines)
                write_reports(out, result.reports)
                results.append(result)
                bar.advance(len(result.lines))
                for w in result.warnings:
                    if w not in warned:
                        warned.add(w)
                        warn(w)
                if on_result is not None:
                    on_result(result, client)
            future.release()
            submit_next()
        run.workers = max(run.workers, len(client.nthreads()))


def _run_info(
    options: BatchOptions,
    spec: RunSpec,
    plan: Plan,
    results: list[PartitionResult],
    failed: list[str],
    workers: int,
    seconds: float,
) -> dict[str, Any]:
    linted = sum(len(r.lines) for r in results)
    cpu = sum(r.cpu_seconds for r in results)
    return {
        "inputs": list(options.inputs),
        "text_field": options.record_fields.text,
        "id_field": options.record_fields.id,
        "cleaner_version": spec.version,
        "fingerprint": spec.fingerprint,
        "linted": linted,
        "skipped_already_done": plan.skipped,
        "partitions": len(results),
        "failed_partitions": failed,
        "workers": workers,
        "wall_seconds": round(seconds, 3),
        "worker_cpu_seconds": round(cpu, 3),
        "cpu_seconds_per_article": round(cpu / linted, 5) if linted else None,
        "max_worker_rss_mb": round(max((r.rss_bytes for r in results), default=0) / 2**20, 1),
    }
