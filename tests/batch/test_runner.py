"""cleaner batch on a real two-worker Dask cluster: lint's findings, resume, bad input, a dying worker."""

from __future__ import annotations

import gzip
import json
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from distributed import Client, LocalCluster

from cleaner.batch.cluster import ClusterOptions
from cleaner.batch.output import records
from cleaner.batch.records import RecordFields
from cleaner.batch.runner import BatchOptions, BatchOutcome, run_batch
from cleaner.batch.worker import PartitionResult
from cleaner.checks.languagetool.server import our_jvms
from cleaner.checks.languagetool.settings import LanguageToolSettings
from cleaner.cli import main
from cleaner.config import Overrides, Settings, load_settings

FLUENCY = "off"
"""The fluency model's scores depend on its BLAS thread count, which follows the machine's load;
these tests compare engines whose findings do not (the model's worker side is the registry's)."""


def _settings(inputs: list[str], languagetool: str) -> Settings:
    return load_settings(inputs, None, Overrides(languagetool=languagetool, fluency=FLUENCY))


def _lint_json(paths: list[str], languagetool: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    """What ``cleaner lint --format json`` prints on one machine, by path."""
    flag = {"off": ["--no-languagetool"], "required": ["--require-languagetool"]}[languagetool]
    capsys.readouterr()
    assert main(["lint", "--format", "json", "--fluency", FLUENCY, *flag, *paths]) in (0, 1)
    out = json.loads(capsys.readouterr().out)
    assert out["errors"] == []
    return {f["path"]: f for f in out["files"]}


def _batch(inputs: list[str], out: Path, cluster: LocalCluster, settings: Settings, **extra: Any) -> BatchOutcome:
    on_result = extra.pop("on_result", None)
    options = BatchOptions(
        inputs=tuple(inputs),
        out_dir=out,
        cluster=ClusterOptions(scheduler=cluster.scheduler_address),
        partition_size=extra.pop("partition_size", 5),
        show_progress=False,
        **extra,
    )
    return run_batch(options, settings, print, on_result)


def _corpus_of(folder: Path, target: Path) -> dict[str, str]:
    """The folder's articles as a gzipped corpus with other field names; corpus id → file path."""
    ids = {}
    with gzip.open(target, "wt", encoding="utf-8") as fh:
        for n, path in enumerate(sorted(folder.glob("*.txt"))):
            ids[f"doc-{n}"] = str(path)
            fh.write(json.dumps({"name": f"doc-{n}", "body": path.read_text(encoding="utf-8")}) + "\n")
    return ids


def _same_as_lint(
    dev_articles: Path, tmp_path: Path, cluster: LocalCluster, capsys: pytest.CaptureFixture[str], mode: str
) -> list[dict[str, Any]]:
    """Batch first (so the workers do the checking), then lint on one machine: every field equal."""
    files = sorted(str(p) for p in dev_articles.glob("*.txt"))
    corpus = tmp_path / "corpus.jsonl.gz"
    ids = _corpus_of(dev_articles, corpus)
    outcome = _batch(
        [str(dev_articles), str(corpus)],
        tmp_path / "out",
        cluster,
        _settings(files, mode),
        record_fields=RecordFields(text="body", id="name"),
    )
    got = list(records(tmp_path / "out"))
    assert outcome.failed == [] and outcome.summary["errors"] == 0
    assert len(got) == 2 * len(files) == outcome.linted
    assert len({p.worker for p in outcome.partitions}) == 2  # both workers took partitions
    opened = {(p.worker, p.pipeline_opened) for p in outcome.partitions}
    assert len(opened) == 2  # each worker opened its pipeline once, for all its partitions
    expected = _lint_json(files, mode, capsys)
    for record in got:
        path = ids.get(record["id"], record["id"])
        for field, value in expected[path].items():
            if field != "path":
                assert record[field] == value, (path, field)
    assert sum(len(r["findings"]) for r in got) > 0
    return got


def test_findings_are_lints_without_languagetool(
    dev_articles: Path, tmp_path: Path, cluster: LocalCluster, capsys: pytest.CaptureFixture[str]
) -> None:
    got = _same_as_lint(dev_articles, tmp_path, cluster, capsys, "off")
    assert all("rules" in r["engines"] and "languagetool" not in r["engines"] for r in got)


@pytest.mark.languagetool
@pytest.mark.slow
def test_findings_are_lints_with_languagetool(
    dev_articles: Path, tmp_path: Path, cluster: LocalCluster, capsys: pytest.CaptureFixture[str]
) -> None:
    got = _same_as_lint(dev_articles, tmp_path, cluster, capsys, "required")
    assert all("languagetool" in r["engines"] for r in got)
    assert any(f["engine"] == "languagetool" for r in got for f in r["findings"])
    assert len(our_jvms(LanguageToolSettings().state_dir())) == 1  # one server for this host's workers


def test_rerun_skips_what_is_done_and_relints_what_changed(
    dev_articles: Path, tmp_path: Path, cluster: LocalCluster
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in sorted(dev_articles.glob("*.txt"))[:8]:
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    settings = _settings([str(folder)], "off")
    out = tmp_path / "out"
    first = _batch([str(folder)], out, cluster, settings, partition_size=3)
    assert (first.linted, first.skipped, len(first.partitions)) == (8, 0, 3)
    again = _batch([str(folder)], out, cluster, settings)
    assert (again.linted, again.skipped, again.partitions) == (0, 8, [])
    changed = sorted(folder.glob("*.txt"))[2]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nThe the end.\n", encoding="utf-8")
    third = _batch([str(folder)], out, cluster, settings)
    assert (third.linted, third.skipped) == (1, 7)
    summary = json.loads((out / "summary.json").read_text())
    assert (summary["articles"], summary["stale_records"], summary["missing"]) == (8, 1, 0)
    assert summary["run"]["skipped_already_done"] == 7


def test_bad_input_is_recorded_per_document_and_the_run_goes_on(
    dev_articles: Path, tmp_path: Path, cluster: LocalCluster
) -> None:
    good = sorted(dev_articles.glob("*.txt"))[0].read_text(encoding="utf-8")
    corpus = tmp_path / "mixed.jsonl"
    corpus.write_bytes(
        b"\n".join(
            [
                json.dumps({"id": "ok-1", "text": good}).encode(),
                b"{this is not json",
                json.dumps({"id": "no-text", "title": "x"}).encode(),
                json.dumps({"id": "binary", "text": "PK\u0003\u0004\u0000\u0000bin"}).encode(),
                json.dumps({"id": "ok-2", "text": good}).encode(),
            ]
        )
    )
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    out = tmp_path / "out"
    outcome = _batch([str(corpus), str(folder), str(tmp_path / "missing.jsonl")], out, cluster, _settings([], "off"))
    by_id = {r["id"]: r for r in records(out)}
    assert set(by_id) == {
        "ok-1",
        "ok-2",
        f"{corpus}:2",
        f"{corpus}:3",
        f"{corpus}:4",
        str(folder / "image.txt"),
        str(tmp_path / "missing.jsonl"),
    }
    assert by_id["ok-1"]["findings"] == by_id["ok-2"]["findings"] and "error" not in by_id["ok-1"]
    assert by_id[f"{corpus}:2"]["error"].startswith(f"{corpus}:2: not valid JSON")
    assert "no 'text' field (record 'no-text')" in by_id[f"{corpus}:3"]["error"]
    assert "binary file" in by_id[f"{corpus}:4"]["error"]
    assert "binary file" in by_id[str(folder / "image.txt")]["error"]
    assert "no such file" in by_id[str(tmp_path / "missing.jsonl")]["error"]
    assert (outcome.summary["articles"], outcome.summary["errors"], outcome.failed) == (2, 5, [])


def _kill_a_busy_worker(client: Client, killed: dict[str, Any], stop: threading.Event) -> None:
    """SIGKILL the process of a worker that has been running the same partition for a while."""
    seen: dict[tuple[str, str], float] = {}
    while not stop.is_set():
        for address, keys in client.processing().items():
            for key in keys:
                if str(key).startswith("cleaner-batch-"):
                    since = seen.setdefault((address, str(key)), time.monotonic())
                    if time.monotonic() - since > 0.3:
                        pid = client.run(os.getpid, workers=[address])[address]
                        os.kill(pid, signal.SIGKILL)
                        killed.update(pid=pid, index=int(str(key).rsplit("-", 1)[1]))
                        return
        time.sleep(0.05)


def test_a_killed_worker_loses_only_its_partition_which_is_rerun(
    dev_articles: Path, tmp_path: Path, cluster: LocalCluster, client: Client
) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(dev_articles.glob("*.txt"))[-4:]]
    corpus = tmp_path / "heavy.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for n in range(8):  # long articles, so that a partition takes seconds
            fh.write(
                json.dumps({"id": f"heavy-{n}", "text": "\n\n".join([texts[n % 4]] * 48) + f"\n\nPart {n}.\n"}) + "\n"
            )
    killed: dict[str, Any] = {}
    stop = threading.Event()
    killer = threading.Thread(target=_kill_a_busy_worker, args=(client, killed, stop), daemon=True)
    done: list[PartitionResult] = []
    killer.start()
    try:
        outcome = _batch(
            [str(corpus)],
            tmp_path / "out",
            cluster,
            _settings([], "off"),
            partition_size=2,
            on_result=lambda result, _client: done.append(result),
        )
    finally:
        stop.set()
        killer.join(timeout=10)
    assert killed, "no worker was killed: the partitions were too quick"
    assert outcome.failed == []
    got = [r["id"] for r in records(tmp_path / "out")]
    assert sorted(got) == sorted(f"heavy-{n}" for n in range(8))  # every article once, none twice
    rerun = [r for r in done if r.index == killed["index"]]
    assert len(rerun) == 1 and rerun[0].pid != killed["pid"]
    assert len(done) == 4
