"""Paired before/after of one article linted in process with LanguageTool, every paragraph new. Prints a table.

    python scripts/bench_new_paragraphs.py BEFORE_CHECKOUT [--runs 9] [-- EXTRA LINT OPTIONS]

Each run lints the sample article plus the first clean dev news story with
``cleaner lint --require-languagetool`` as a whole command, in process
(``CLEANER_WORKER=off``), against the shared LanguageTool server.  Every run gets
text no run has seen (a run tag worked into each paragraph), so LanguageTool's
result cache and the fluency checker's score cache miss as they do on a new
article; the checkouts alternate (A B, B A, ...) so the machine's drift hits both
alike.  ``git worktree add --detach /tmp/before COMMIT`` makes a BEFORE_CHECKOUT.
Options after ``--`` go to ``cleaner lint`` (``-- --fluency off``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_9274cd7fb5159084.txt"
CLEAN = Path("/work/shared/data/clean/clean_en_news.dev.docs.jsonl.gz")


def article() -> str:
    with gzip.open(CLEAN, "rt", encoding="utf-8") as fh:
        news = json.loads(fh.readline())["text"]
    return SEED.read_text(encoding="utf-8").strip() + "\n\n" + news.strip() + "\n"


def tagged(text: str, tag: str) -> str:
    """``text`` with every paragraph made new: "In TAG news, " before its first word."""
    lines = text.split("\n")
    return "\n".join(f"In {tag} news, {p[0].lower()}{p[1:]}" if p[:1].isupper() else p for p in lines)


def lint(checkout: str, path: Path, extra: list[str]) -> tuple[float, float, int]:
    """Wall s, CPU s and output lines of one whole command."""
    env = dict(os.environ, PYTHONPATH=checkout, CLEANER_WORKER="off")
    cmd = [sys.executable, "-m", "cleaner", "lint", "--require-languagetool", *extra, str(path)]
    before, t0 = os.times(), time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=checkout, check=False)
    wall, after = time.perf_counter() - t0, os.times()
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed: {done.stderr[-1000:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu, len(done.stdout.splitlines())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("before")
    ap.add_argument("--runs", type=int, default=9)
    argv = sys.argv[1:]
    cut = argv.index("--") if "--" in argv else len(argv)
    args = ap.parse_args(argv[:cut])
    args.extra = argv[cut + 1 :]  # options for cleaner lint
    checkouts = {"before": args.before, "after": str(REPO)}
    rows: dict[str, list[tuple[float, float, int]]] = {name: [] for name in checkouts}
    text = article()
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            order = list(checkouts) if run % 2 == 0 else list(reversed(checkouts))
            for name in order:
                tag = f"{name}{run}x{os.getpid()}"
                path = Path(tmp) / f"{tag}.txt"
                path.write_text(tagged(text, tag), encoding="utf-8")
                rows[name].append(lint(checkouts[name], path, args.extra))
    options = " ".join(args.extra) or "(defaults)"
    print(f"one article, {len(text.split())} words, every paragraph new; options: {options}")
    print(f"load average before: {load:.1f}, after: {os.getloadavg()[0]:.1f}\n")
    print("| code | wall s (median) | wall s (min–max) | CPU s (median, the command) | output lines |")
    print("|---|---:|---:|---:|---:|")
    for name, runs in rows.items():
        walls = [w for w, _, _ in runs]
        cpu = statistics.median(c for _, c, _ in runs)
        label = f"{name} ({args.runs} runs, alternating)"
        spread = f"{min(walls):.2f}–{max(walls):.2f}"
        print(f"| {label} | {statistics.median(walls):.2f} | {spread} | {cpu:.2f} | {runs[0][2]} |")
    ratios = [a[0] / b[0] for a, b in zip(rows["after"], rows["before"], strict=True)]
    print(f"\nafter/before wall per pair: median {statistics.median(ratios):.2f} ({min(ratios):.2f}–{max(ratios):.2f})")


if __name__ == "__main__":
    main()
