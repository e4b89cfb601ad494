"""``cleaner batch``: lint a corpus on Dask (see cleaner/batch/); this is only the command's face."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cleaner.batch import BatchOptions, BatchOutcome, ClusterOptions, RecordFields, run_batch
from cleaner.config import Settings
from cleaner.errors import CleanerError, ExitCode
from cleaner.findings import Severity


def run_batch_command(
    options: BatchOptions, settings: Settings, out: Callable[[str], None], err: Callable[[str], None]
) -> ExitCode:
    """Run the batch, print a few lines about it; exit codes as ``lint`` (2 errors, 1 findings, 0 clean)."""
    outcome = run_batch(options, settings, err)
    out(describe(outcome))
    summary = outcome.summary
    if outcome.failed or summary["errors"] or summary["missing"]:
        return ExitCode.ERROR
    if _failing(summary["by_severity"], settings.fail_on):
        return ExitCode.FINDINGS
    return ExitCode.OK


def _failing(by_severity: dict[str, int], fail_on: Severity) -> bool:
    return any(n and Severity(sev).at_least(fail_on) for sev, n in by_severity.items())


def describe(outcome: BatchOutcome) -> str:
    """Three lines: this run, the whole corpus, where the output is."""
    s: dict[str, Any] = outcome.summary
    severities = ", ".join(f"{n:,} {sev}" for sev, n in s["by_severity"].items())
    run = (
        f"linted {_n(outcome.linted, 'article')} in {_n(len(outcome.partitions), 'partition')} on "
        f"{_n(outcome.workers, 'worker')} in {outcome.seconds:.1f} s "
        f"({outcome.skipped:,} skipped, already in the output)"
    )
    if outcome.failed:
        run += f"; {_n(len(outcome.failed), 'partition')} failed (run again to retry them)"
    corpus = (
        f"corpus: {_n(s['articles'], 'article')}, {_n(s['words'], 'word')}, {_n(s['findings'], 'finding')} "
        f"({severities}), {_n(s['errors'], 'input error')}"
    )
    return f"{run}\n{corpus}\nsummary: {outcome.summary_path}"


def batch_options(
    inputs: tuple[str, ...],
    out_dir: Path,
    *,
    text_field: str,
    id_field: str,
    workers: int | None,
    scheduler: str | None,
    connect_timeout: float,
    partition_size: int,
    worker_memory: str | None,
    html: bool,
    show_progress: bool | None,
) -> BatchOptions:
    """The command line's choices as BatchOptions (``--workers`` defaults to one per core)."""
    if scheduler and workers:
        raise CleanerError("--workers starts a local cluster and --scheduler uses an existing one: give one")
    return BatchOptions(
        inputs=inputs,
        out_dir=out_dir,
        record_fields=RecordFields(text=text_field, id=id_field),
        cluster=ClusterOptions(
            workers=workers or os.cpu_count() or 1,
            scheduler=scheduler,
            connect_timeout=connect_timeout,
            memory_limit=worker_memory,
        ),
        partition_size=partition_size,
        html=html,
        show_progress=show_progress,
    )


def _n(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
