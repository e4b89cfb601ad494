"""``cleaner report`` over many articles with ``--jobs 1`` and ``--jobs N``: wall time and CPU. Prints a table.

    python scripts/bench_jobs.py [--articles 200] [--jobs 2] [--languagetool] [--rounds 2] [--fluency M] [--first-sight]

The articles are the clean dev news and the garbled round-trip texts (and the
sample article), cycled to the requested count, one ``.txt`` each.  Each
configuration is a whole command; rounds alternate between the job counts so
a change in machine load hits both alike.  On a shared machine the wall-time
ratio is only as good as the load allows: the table also gives the load
average and the CPU time, whose sum should stay about the same.

``--first-sight`` turns the fluency checker's score cache off (a ``.cleaner.toml``
beside the articles), so every run scores every window, as the first report over
new articles does; the warm-up run then covers only the first article.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = Path("/work/shared/data")


def write_articles(folder: Path, n: int) -> None:
    texts = [(REPO / "seeds" / "000_9274cd7fb5159084.txt").read_text(encoding="utf-8")]
    with gzip.open(DATA / "clean" / "clean_en_news.dev.docs.jsonl.gz", "rt", encoding="utf-8") as fh:
        texts += [json.loads(line)["text"] for line in fh]
    with gzip.open(DATA / "roundtrip" / "roundtrip_dev.jsonl.gz", "rt", encoding="utf-8") as fh:
        texts += [json.loads(line)["garbled"] for line in fh]
    for i in range(n):
        (folder / f"a{i:03d}.txt").write_text(texts[i % len(texts)], encoding="utf-8")


def run(folder: Path, out: Path, jobs: int, languagetool: bool, fluency: str | None = None) -> tuple[float, float]:
    """Wall seconds and CPU seconds (the command and all its workers) of one report."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    lt = "--require-languagetool" if languagetool else "--no-languagetool"
    cmd = [sys.executable, "-m", "cleaner", "report", lt, "--jobs", str(jobs), "--out", str(out), str(folder)]
    if fluency is not None:
        cmd[4:4] = ["--fluency", fluency]
    before = os.times()
    t0 = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - t0
    after = os.times()
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed: {done.stderr[-1000:]}")
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--languagetool", action="store_true", help="with LanguageTool (the shared server, warm)")
    ap.add_argument("--fluency", choices=["off", "gate", "full"], help="fluency mode (default: cleaner's)")
    ap.add_argument("--first-sight", action="store_true", help="no fluency score cache: every window scored")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        write_articles(folder, args.articles)
        if args.first_sight:
            (folder / ".cleaner.toml").write_text("[fluency]\ncache = false\n", encoding="utf-8")
            warm = Path(tmp) / "warm-up"
            warm.mkdir()
            (warm / "a000.txt").write_text((folder / "a000.txt").read_text(encoding="utf-8"), encoding="utf-8")
        else:
            warm = folder
        run(warm, Path(tmp) / "warm", 1, args.languagetool, args.fluency)  # rule cache and LanguageTool cache warm
        rows: dict[int, list[tuple[float, float, float]]] = {1: [], args.jobs: []}
        for _ in range(args.rounds):
            for jobs in rows:
                load = os.getloadavg()[0]
                wall, cpu = run(folder, Path(tmp) / f"out{jobs}", jobs, args.languagetool, args.fluency)
                rows[jobs].append((wall, cpu, load))
    mode = "with" if args.languagetool else "without"
    fluency = f", fluency {args.fluency}" if args.fluency else ""
    fluency += ", no score cache (first sight)" if args.first_sight else ""
    print(f"`cleaner report` over {args.articles} articles ({mode} LanguageTool{fluency})\n")
    print("| --jobs | round | wall s | CPU s (all processes) | load average at start |")
    print("|---:|---:|---:|---:|---:|")
    for jobs, runs in rows.items():
        for n, (wall, cpu, load) in enumerate(runs, 1):
            print(f"| {jobs} | {n} | {wall:.1f} | {cpu:.1f} | {load:.1f} |")
    best = {jobs: min(w for w, _, _ in runs) for jobs, runs in rows.items()}
    print(f"\nbest wall, --jobs 1 / --jobs {args.jobs}: {best[1] / best[args.jobs]:.2f}×")


if __name__ == "__main__":
    main()
