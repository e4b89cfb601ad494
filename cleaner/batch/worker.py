"""The worker side: one pipeline per worker process, opened on first use, and the partition task.

:func:`pipeline_for` keeps the pipeline of :func:`cleaner.commands.common.open_pipeline`
open for the life of the process, so every checker in the ``CHECKERS``
registry is built once per worker (rules compiled once, the LanguageTool
client attached to the host's one shared server, any model loaded once); a
checker added to the registry needs nothing here.  The partition task is a
plain function of its arguments: Dask may run it again elsewhere after a
worker dies, and it gives the same lines.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import socket
import threading
import time
from dataclasses import dataclass

import psutil

from cleaner.batch.keys import cleaner_version, fingerprint
from cleaner.batch.partition import Keyed, Partition
from cleaner.batch.records import RecordFields, article_record, dumps, error_record, provenance, read_item
from cleaner.checks.checker import CheckerUnavailable
from cleaner.commands.common import open_pipeline
from cleaner.config import Settings
from cleaner.errors import CleanerError, InputError
from cleaner.pipeline import Pipeline
from cleaner.report.html import render_article_html

_UNSAFE = re.compile(r"[^\w.-]+")


@dataclass(frozen=True)
class RunSpec:
    """What every partition of one run shares, as the client computed it."""

    settings: Settings
    fingerprint: str
    version: str
    record_fields: RecordFields
    html: bool = False


@dataclass(frozen=True)
class PartitionResult:
    """A finished partition: its output lines, report pages, and what the worker measured."""

    index: int
    lines: tuple[str, ...]
    reports: tuple[tuple[str, str], ...]
    """(file name, HTML) per linted article, when reports were asked for."""
    articles: int
    errors: int
    warnings: tuple[str, ...]
    worker: str
    """``host:pid`` of the process that ran it."""
    pid: int
    cpu_seconds: float
    wall_seconds: float
    rss_bytes: int
    pipeline_opened: float = 0.0
    """When this process opened the pipeline it used (one value per worker process and run)."""


class WorkerMismatch(CleanerError):
    """A worker whose cleaner code or rule files differ from the client's."""


@dataclass
class _Open:
    """One open pipeline, the resources it holds, and when it was opened."""

    pipeline: Pipeline
    stack: contextlib.ExitStack
    opened: float


class _Cache:
    """The open pipelines of this process, by run fingerprint (the newest few), and their warnings.

    A worker of a shared cluster may serve runs with other settings; only the
    last :data:`KEEP_PIPELINES` stay open, so memory does not grow with them.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.open: dict[str, _Open] = {}
        self.warnings: list[str] = []

    def add(self, key: str, entry: _Open) -> None:
        self.open[key] = entry
        while len(self.open) > KEEP_PIPELINES:
            self.open.pop(next(iter(self.open))).stack.close()

    def close(self) -> None:
        with self.lock:
            while self.open:
                self.open.popitem()[1].stack.close()


KEEP_PIPELINES = 2
_CACHE = _Cache()
atexit.register(_CACHE.close)


def pipeline_for(spec: RunSpec) -> Pipeline:
    """This process's pipeline for ``spec``, opened once; refuses a worker that would lint differently."""
    return _open_for(spec).pipeline


def _open_for(spec: RunSpec) -> _Open:
    with _CACHE.lock:
        entry = _CACHE.open.get(spec.fingerprint)
        if entry is not None:
            return entry
        try:
            ours = fingerprint(spec.settings, spec.record_fields.options())
        except OSError as exc:
            raise WorkerMismatch(f"worker {_where()}: cannot read the rule files: {exc}") from None
        if ours != spec.fingerprint:
            raise WorkerMismatch(
                f"worker {_where()}: cleaner {cleaner_version()} with its rule files lints differently from the "
                f"client's cleaner {spec.version} (fingerprint {ours} vs {spec.fingerprint}); "
                "install the same cleaner and rule files on every worker"
            )
        stack = contextlib.ExitStack()
        pipeline = stack.enter_context(open_pipeline(spec.settings, _CACHE.warnings.append))
        entry = _Open(pipeline, stack, time.time())
        _CACHE.add(spec.fingerprint, entry)
        return entry


def _where() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def lint_partition(partition: Partition, spec: RunSpec) -> PartitionResult:
    """Lint every item of a partition; an item that cannot be read becomes an error line."""
    started, cpu = time.perf_counter(), time.process_time()
    entry = _open_for(spec)
    pipeline = entry.pipeline
    lines: list[str] = []
    reports: list[tuple[str, str]] = []
    errors = 0
    for keyed in partition.items:
        line, report = _lint_one(keyed, pipeline, spec)
        lines.append(line)
        if isinstance(report, InputError):
            errors += 1
        elif report is not None:
            reports.append(report)
    with _CACHE.lock:
        warnings = tuple(_CACHE.warnings)
        _CACHE.warnings.clear()
    return PartitionResult(
        index=partition.index,
        lines=tuple(lines),
        reports=tuple(reports),
        articles=len(lines) - errors,
        errors=errors,
        warnings=warnings,
        worker=_where(),
        pid=os.getpid(),
        cpu_seconds=time.process_time() - cpu,
        wall_seconds=time.perf_counter() - started,
        rss_bytes=psutil.Process().memory_info().rss,
        pipeline_opened=entry.opened,
    )


def _lint_one(keyed: Keyed, pipeline: Pipeline, spec: RunSpec) -> tuple[str, tuple[str, str] | InputError | None]:
    """The item's output line, and its report page (or the InputError that replaced it)."""
    item = keyed.item
    try:
        article = read_item(item, spec.record_fields)
    except InputError as exc:
        head = provenance(item.locator, item.locator, keyed.key, keyed.content, spec.version, spec.fingerprint)
        return dumps(error_record(head, exc)), exc
    head = provenance(article.id, item.locator, keyed.key, keyed.content, spec.version, spec.fingerprint)
    try:
        result = pipeline.analyze(article.source)
    except CheckerUnavailable:
        raise  # LanguageTool required and gone: the partition fails and is retried, never half-linted
    except InputError as exc:  # e.g. over the time budget: lint reports it the same way
        return dumps(error_record(head, exc)), exc
    except Exception as exc:  # one article must not stop a million: record it and go on
        error = InputError(item.locator, f"internal error while linting: {type(exc).__name__}: {exc}")
        return dumps(error_record(head, error)), error
    report = (report_name(article.id, keyed.key), render_article_html(result, None)) if spec.html else None
    return dumps(article_record(head, result)), report


def report_name(doc_id: str, key: str) -> str:
    """A file-name-safe, collision-free report name: the id's tail plus the key's head."""
    stem = _UNSAFE.sub("_", doc_id.rsplit("/", 1)[-1]).strip("._")[-60:] or "article"
    return f"{stem}-{key[:10]}.html"
