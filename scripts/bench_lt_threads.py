"""Where an article's LanguageTool time goes when every paragraph is new: stock and pivot, by threads.

    python scripts/bench_lt_threads.py [--rounds 7]

A server of its own (a temporary cache folder; the installed jars are reused), the article of
scripts/bench_worker.py, no result cache: each batch adds a different word to every paragraph,
so the server sees new text every time.  Thread counts alternate within each round so the shared
machine's drift hits them alike.  "server s" is the sum of the server's own times for the batch
("Check done: ... N ms" in its log); with several requests in flight it exceeds the wall.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--threads", default="1,2,3,4")
    args = ap.parse_args()
    from cleaner.checks.languagetool.settings import HOME_ENV, LanguageToolSettings

    os.environ.setdefault(HOME_ENV, str(LanguageToolSettings().install_root()))
    with tempfile.TemporaryDirectory(prefix="bench-lt-threads-") as tmp:
        os.environ["CLEANER_CACHE_DIR"] = tmp
        try:
            run(Path(tmp), args.rounds, [int(t) for t in args.threads.split(",")])
        finally:
            from cleaner.checks.languagetool.server import stop_server

            stop_server(LanguageToolSettings())


def run(tmp: Path, rounds: int, thread_counts: list[int]) -> None:
    import bench_worker

    from cleaner.checks.languagetool import checker as checker_module
    from cleaner.checks.languagetool.checker import LanguageToolChecker
    from cleaner.checks.languagetool.client import LTClient
    from cleaner.checks.languagetool.pivot import PivotRulesChecker, pivot_settings
    from cleaner.checks.languagetool.settings import LanguageToolSettings
    from cleaner.document import Document

    path, words = bench_worker.article(tmp)
    doc = Document.from_text(path.read_text(encoding="utf-8"))
    paragraphs = [doc.check_text[p.start : p.end] for p in doc.paragraphs]
    base = LanguageToolSettings()
    pivot = pivot_settings(base)
    checkers = {
        "stock": [LanguageToolChecker(LTClient(base), base)],
        "pivot": [PivotRulesChecker(LTClient(pivot), pivot)],
    }
    checkers["stock, then pivot"] = checkers["stock"] + checkers["pivot"]
    log = base.state_dir() / "server.log"
    batches = iter(range(1_000_000))

    def batch(threads: int, which: list[LanguageToolChecker]) -> tuple[float, float]:
        checker_module.request_threads = lambda: threads  # type: ignore[attr-defined]
        texts = [f"{p} Zq{next(batches)}." for p in paragraphs]
        seen = len(log.read_text(errors="replace").splitlines()) if log.exists() else 0
        t = time.perf_counter()
        for c in which:
            c.matches(texts)
        wall = time.perf_counter() - t
        lines = log.read_text(errors="replace").splitlines()[seen:]
        server = sum(int(m.group(1)) for line in lines if (m := re.search(r"Check done: .*?, (\d+)ms, agent", line)))
        return wall, server / 1000

    for _ in range(3):  # JIT and the server's pipeline pool
        for threads in thread_counts:
            batch(threads, checkers["stock, then pivot"])
    load = os.getloadavg()[0]
    results: dict[tuple[int, str], list[tuple[float, float]]] = {}
    for _ in range(rounds):
        for threads in thread_counts:
            for name, which in checkers.items():
                results.setdefault((threads, name), []).append(batch(threads, which))
    print(
        f"{words} words, {len(paragraphs)} paragraphs; {rounds} rounds; load average {load:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after; cores: {os.cpu_count()}"
    )
    print("\n| requests in flight | checker | wall s (median) | server s (median) |\n|---:|---|---:|---:|")
    for (threads, name), values in results.items():
        wall = statistics.median(w for w, _ in values)
        server = statistics.median(s for _, s in values)
        print(f"| {threads} | {name} | {wall:.2f} | {server:.2f} |")


if __name__ == "__main__":
    main()
