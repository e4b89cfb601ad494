"""cleaner batch on Dask: speed-up (1 vs 2 workers), memory per worker, cost of 1M articles. Prints tables.

    python scripts/bench_batch.py [--data ../shared/data] [--workers 1,2] [--memory-articles 10000]
                                  [--languagetool-articles 300] [--repeat 2] [--skip-speed] [--skip-memory]

Corpus: every development article of the shared data (clean news ``text``, round-trip
``garbled``, MQM documents ``mt``: 1,694 articles), as one JSON-lines corpus. Every run
writes to a fresh output folder, so nothing is skipped as already done.

1. Speed-up: the whole corpus with LanguageTool off, on an embedded LocalCluster of N
   workers, interleaved and repeated (best of ``--repeat``). "lint s" leaves out starting the
   cluster; speed-up is on that time. "cores used" shows how much CPU the machine gave.
2. Memory: the corpus repeated (each copy made distinct) to ``--memory-articles``
   articles on 2 workers; each worker's RSS after its partitions, at fractions of the run.
3. Cost: CPU seconds per article measured in the workers (and, with LanguageTool, in
   the LanguageTool JVM too), scaled to 1M articles.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ["PYTHONPATH"] = os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])

from cleaner.batch.cluster import ClusterOptions  # noqa: E402
from cleaner.batch.runner import BatchOptions, BatchOutcome, run_batch  # noqa: E402
from cleaner.checks.languagetool.server import our_jvms  # noqa: E402
from cleaner.checks.languagetool.settings import LanguageToolSettings  # noqa: E402
from cleaner.config import Overrides, load_settings  # noqa: E402

CORPORA = (
    ("clean/clean_en_news.dev.docs.jsonl.gz", "text"),
    ("roundtrip/roundtrip_dev.jsonl.gz", "garbled"),
    ("mqm/newstest2020_zhen.docs.jsonl.gz", "mt"),
)
PRICE_PER_VCPU_HOUR = 0.0425
"""USD, an on-demand general-purpose cloud vCPU (2 vCPUs at about 0.085 USD an hour)."""


def dev_articles(data: Path) -> list[tuple[str, str]]:
    """(id, text) of every development article."""
    out = []
    for name, field in CORPORA:
        with gzip.open(data / name, "rt", encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                out.append((str(record["id"]), str(record[field])))
    return out


def write_corpus(path: Path, articles: list[tuple[str, str]], total: int) -> int:
    """``total`` articles cycling through ``articles``; copies after the first get a distinct last line."""
    with path.open("w", encoding="utf-8") as fh:
        for n in range(total):
            doc_id, text = articles[n % len(articles)]
            copy = n // len(articles)
            body = text if copy == 0 else f"{text}\n\nThis is copy {copy} of the article."
            fh.write(json.dumps({"id": f"{doc_id}#{copy}", "text": body}) + "\n")
    return total


def run(corpus: Path, workers: int, languagetool: str, partition: int) -> BatchOutcome:
    settings = load_settings([], None, Overrides(languagetool=languagetool))
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as out:
        options = BatchOptions(
            inputs=(str(corpus),),
            out_dir=Path(out),
            cluster=ClusterOptions(workers=workers),
            partition_size=partition,
            show_progress=False,
        )
        return run_batch(options, settings, lambda message: print(message, file=sys.stderr))


def _lint_seconds(o: BatchOutcome) -> float:
    return o.seconds - o.startup_seconds


def _cpu_per_article(o: BatchOutcome) -> float:
    return sum(p.cpu_seconds for p in o.partitions) / max(1, o.linted)


def speed_table(corpus: Path, n: int, worker_counts: list[int], partition: int, repeat: int) -> dict[int, BatchOutcome]:
    """Each worker count ``repeat`` times, interleaved (1, 2, 1, 2 …); the fastest run of each is shown."""
    best: dict[int, BatchOutcome] = {}
    for _ in range(repeat):
        for w in worker_counts:
            o = run(corpus, w, "off", partition)
            if w not in best or _lint_seconds(o) < _lint_seconds(best[w]):
                best[w] = o
    print(
        f"\n### Speed-up: {n:,} development articles, LanguageTool off, partitions of {partition}, best of {repeat}\n"
    )
    print("| workers | wall s | start-up s | lint s | articles/s | worker CPU ms/article | cores used | speed-up |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    base = _lint_seconds(best[worker_counts[0]])
    for w in worker_counts:
        o = best[w]
        lint = _lint_seconds(o)
        cores = sum(p.cpu_seconds for p in o.partitions) / lint
        print(
            f"| {w} | {o.seconds:.1f} | {o.startup_seconds:.1f} | {lint:.1f} | {o.linted / lint:.1f} | "
            f"{1000 * _cpu_per_article(o):.1f} | {cores:.2f} | {base / lint:.2f}× |",
            flush=True,
        )
    print("\n(cores used: worker CPU seconds per second of linting; 1.0 per worker when the machine is free)")
    return best


def _rss_at(outcome: BatchOutcome, fractions: tuple[float, ...]) -> Iterator[tuple[str, list[float | None]]]:
    """Per worker: its RSS (MiB) after the last partition it finished before each fraction of the run."""
    order = sorted(outcome.partitions, key=lambda p: p.index)
    total = sum(len(p.lines) for p in order)
    for worker in sorted({p.worker for p in order}):
        row: list[float | None] = []
        for fraction in fractions:
            seen, last = 0, None
            for p in order:
                seen += len(p.lines)
                if p.worker == worker:
                    last = p.rss_bytes / 2**20
                if seen >= fraction * total:
                    break
            row.append(last)
        yield worker, row


def memory_table(data_articles: list[tuple[str, str]], total: int, partition: int, tmp: Path) -> None:
    corpus = tmp / "memory.jsonl"
    write_corpus(corpus, data_articles, total)
    o = run(corpus, 2, "off", partition)
    fractions = (0.1, 0.25, 0.5, 0.75, 1.0)
    print(f"\n### Memory per worker: {o.linted:,} articles on 2 workers (RSS MiB after its partitions)\n")
    print("| worker | " + " | ".join(f"{int(f * o.linted):,} articles" for f in fractions) + " |")
    print("|---|" + "---:|" * len(fractions))
    for worker, row in _rss_at(o, fractions):
        cells = " | ".join("–" if v is None else f"{v:.0f}" for v in row)
        print(f"| {worker.split(':')[-1]} (pid) | {cells} |")
    print(f"\n{o.linted:,} articles in {o.seconds:.0f} s; worker CPU {1000 * _cpu_per_article(o):.1f} ms/article")


def _jvm_cpu() -> float:
    total = 0.0
    for pid in our_jvms(LanguageToolSettings().state_dir()):
        with_children = psutil.Process(pid).cpu_times()
        total += with_children.user + with_children.system
    return total


def languagetool_cpu(data_articles: list[tuple[str, str]], n: int, partition: int, tmp: Path) -> tuple[float, float]:
    """(worker CPU s/article, JVM CPU s/article) with LanguageTool on, over ``n`` articles never seen before."""
    corpus = tmp / "lt.jsonl"
    stamp = int(time.time())
    with corpus.open("w", encoding="utf-8") as fh:  # a fresh last line, so the result cache cannot answer
        for doc_id, text in data_articles[:n]:
            fh.write(json.dumps({"id": doc_id, "text": f"{text}\n\nChecked at {stamp}."}) + "\n")
    settings = load_settings([], None, Overrides(languagetool="required"))
    from cleaner.checks.languagetool.server import ensure_server

    ensure_server(LanguageToolSettings())
    before = _jvm_cpu()
    with tempfile.TemporaryDirectory(prefix="bench-batch-lt-") as out:
        options = BatchOptions(
            (str(corpus),), Path(out), cluster=ClusterOptions(workers=2), partition_size=partition, show_progress=False
        )
        o = run_batch(options, settings, lambda message: print(message, file=sys.stderr))
    jvm = (_jvm_cpu() - before) / max(1, o.linted)
    return _cpu_per_article(o), jvm


def cost_table(rules_cpu: float, lt: tuple[float, float] | None) -> None:
    print("\n### Cost of 1M articles, from measured CPU per article\n")
    print("| configuration | CPU ms/article | core-hours per 1M | USD per 1M at 0.0425/vCPU-hour |")
    print("|---|---:|---:|---:|")
    rows = [("rules + names (LanguageTool off)", rules_cpu)]
    if lt is not None:
        rows.append(("rules + names + LanguageTool (worker + JVM)", lt[0] + lt[1]))
    for label, cpu in rows:
        hours = cpu * 1_000_000 / 3600
        print(f"| {label} | {1000 * cpu:.1f} | {hours:.1f} | {hours * PRICE_PER_VCPU_HOUR:.2f} |")
    if lt is not None:
        print(f"\n(LanguageTool run: worker {1000 * lt[0]:.1f} ms + JVM {1000 * lt[1]:.1f} ms per article)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--partition-size", type=int, default=50)
    parser.add_argument("--memory-articles", type=int, default=10_000)
    parser.add_argument("--languagetool-articles", type=int, default=300, help="0: leave LanguageTool out")
    parser.add_argument("--repeat", type=int, default=2, help="runs per worker count (the fastest is shown)")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    articles = dev_articles(args.data)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    rules_cpu = None
    with tempfile.TemporaryDirectory(prefix="bench-batch-data-") as tmp:
        corpus = Path(tmp) / "dev.jsonl"
        write_corpus(corpus, articles, len(articles))
        if not args.skip_speed:
            counts = [int(w) for w in args.workers.split(",")]
            outcomes = speed_table(corpus, len(articles), counts, args.partition_size, args.repeat)
            rules_cpu = min(_cpu_per_article(o) for o in outcomes.values())
        if not args.skip_memory:
            memory_table(articles, args.memory_articles, args.partition_size, Path(tmp))
        lt = None
        if args.languagetool_articles:
            lt = languagetool_cpu(articles, args.languagetool_articles, args.partition_size, Path(tmp))
        if rules_cpu is not None:
            cost_table(rules_cpu, lt)
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
