"""The partition task in this process: one pipeline per run, error lines for bad items, lint's fields."""

from __future__ import annotations

import contextlib
import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from cleaner.batch.inputs import ERROR, FILE, RECORD, Item
from cleaner.batch.keys import cleaner_version, fingerprint
from cleaner.batch.partition import Plan, partitions
from cleaner.batch.records import RecordFields
from cleaner.batch.worker import (
    KEEP_PIPELINES,
    RunSpec,
    WorkerMismatch,
    _Cache,
    _Open,
    lint_partition,
    pipeline_for,
    report_name,
)
from cleaner.checks.registry import Mode
from cleaner.config import Settings
from cleaner.pipeline import Pipeline

SETTINGS = Settings(modes={"languagetool": Mode.OFF})
GARBLED = "The minister said that the the talks will continue.\n"


def _spec(html: bool = False) -> RunSpec:
    fields = RecordFields()
    return RunSpec(SETTINGS, fingerprint(SETTINGS, fields.options()), cleaner_version(), fields, html)


def _partition(*items: Item):  # type: ignore[no-untyped-def]
    return next(partitions(items, _spec().fingerprint, Counter(), Plan()))


def test_lines_for_articles_and_errors() -> None:
    part = _partition(
        Item("a.txt", FILE, GARBLED.encode()),
        Item("c.jsonl:2", RECORD, json.dumps({"id": "doc-2", "text": GARBLED}).encode()),
        Item("c.jsonl:3", RECORD, b"{broken"),
        Item("gone.txt", ERROR, b"no such file or folder"),
    )
    result = lint_partition(part, _spec(html=True))
    lines = [json.loads(line) for line in result.lines]
    assert (result.articles, result.errors, len(result.reports)) == (2, 2, 2)
    assert [r["id"] for r in lines] == ["a.txt", "doc-2", "c.jsonl:3", "gone.txt"]
    assert lines[0]["findings"] == lines[1]["findings"]
    assert {f["rule_id"] for f in lines[0]["findings"]} >= {"MT_DOUBLED_WORD"}
    assert lines[2]["error"].startswith("c.jsonl:3: not valid JSON")
    assert lines[3]["error"] == "gone.txt: no such file or folder"
    assert all(r["key"] == k.key for r, k in zip(lines, part.items, strict=True))
    assert result.reports[0][0] == report_name("a.txt", part.items[0].key)
    assert result.reports[0][1].lstrip().lower().startswith("<!doctype html")
    assert result.cpu_seconds > 0 and result.rss_bytes > 0


def test_the_pipeline_is_opened_once_per_run() -> None:
    spec = _spec()
    assert pipeline_for(spec) is pipeline_for(spec)


def test_a_worker_with_other_rules_refuses_to_lint() -> None:
    stale = replace(_spec(), fingerprint="0" * 32)
    with pytest.raises(WorkerMismatch, match="lints differently from the client's"):
        pipeline_for(stale)


def test_a_worker_without_the_rule_files_says_so(tmp_path: Path) -> None:
    settings = replace(SETTINGS, rules=replace(SETTINGS.rules, paths=(tmp_path / "only-on-the-client.yaml",)))
    spec = replace(_spec(), settings=settings, fingerprint="1" * 32)  # as the client computed it
    with pytest.raises(WorkerMismatch, match="cannot read the rule files"):
        pipeline_for(spec)


def test_only_the_newest_pipelines_stay_open() -> None:
    cache, closed = _Cache(), []
    for n in range(3):
        stack = contextlib.ExitStack()
        stack.callback(closed.append, n)
        cache.add(f"run-{n}", _Open(Pipeline([], SETTINGS, print), stack, float(n)))
    assert list(cache.open) == [f"run-{n}" for n in range(3 - KEEP_PIPELINES, 3)]
    assert closed == list(range(3 - KEEP_PIPELINES))
    cache.close()
    assert sorted(closed) == [0, 1, 2] and cache.open == {}
