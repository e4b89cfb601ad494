"""Speed and memory of the fluency checker (docs/benchmarks.md): load, model memory, tokens/s, CPU per article.

    python scripts/bench_fluency.py [--articles ../shared/data/roundtrip/roundtrip_dev.jsonl.gz] [--docs 8]
                                    [--words 600-900] [--languagetool] [--surprise 10]

Every figure is CPU time of the measuring process (time.process_time), so a
busy machine slows the wall clock but not the numbers.  The score cache is
off, so every window is computed; the weight cache is warm (built first if
needed).  Each mode runs in a fresh process, so its peak RSS is its own.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import multiprocessing
import resource
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import psutil

from cleaner.checks.fluency.settings import FluencyOptions, with_choice
from cleaner.checks.registry import Mode
from cleaner.commands.common import open_pipeline
from cleaner.config.settings import Settings
from cleaner.document.sources import Source, read_source

SAMPLE = Path("seeds/000_9274cd7fb5159084.txt")
WARM_UP = Source(
    path="warm-up",
    text="The pricing talks between the two blocs stalled on Monday, after the chief of China assisted to the summit.",
)
"""Compiles the rules, opens LanguageTool and touches the model's pages; not a measured text, so nothing it
computes is reused by a measured one."""
MODES = ("off", "gate", "full")


def _rss_mb() -> float:
    return psutil.Process().memory_info().rss / 2**20


def _peak_mb() -> float:
    """This process's own peak RSS: VmHWM (ru_maxrss would include the parent's, kept across fork and exec)."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_model(threads: int) -> list[tuple[str, str]]:
    """Load and score in a process of its own (its peak is the model's and cleaner's, nothing else)."""
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as fresh:
        return fresh.submit(_bench_model, threads).result()


def _bench_model(threads: int) -> list[tuple[str, str]]:
    from cleaner.checks.fluency.gguf_weights import load_weights, packaged_model_path
    from cleaner.checks.fluency.score_cache import ScoreCache
    from cleaner.checks.fluency.scorer import Scorer, Window

    load_weights(packaged_model_path())  # make sure the weight cache exists
    before = _rss_mb()
    t = time.process_time()
    scorer = Scorer(load_weights(packaged_model_path()), ScoreCache(None), threads)
    load = time.process_time() - t
    text = (
        "The United States ran a $295 billion trade deficit with China in 2024, according to the Census Bureau, "
        "while the Chinese government focused on manufacturing."
    )
    windows = [Window(f"Sentence {i}.", (" " + text,)) for i in range(12)]
    t = time.process_time()
    scorer.score(windows)
    seconds = time.process_time() - t
    after = _rss_mb()
    return [
        ("load (weight cache warm)", f"{load:.2f} s CPU"),
        ("tokens/s (one pass, every token's log-probability)", f"{scorer.tokens_run / seconds:.0f}"),
        ("model memory (RSS after − before loading + scoring)", f"{after - before:.0f} MB"),
        ("process peak RSS", f"{_peak_mb():.0f} MB"),
        ("threads", str(threads)),
    ]


def run_mode(
    mode: str, articles: list[Source], languagetool: bool, threads: int, surprise: float | None = None
) -> tuple[float, int, int, float]:
    """CPU seconds, words and model tokens of one mode over ``articles``, and the process's peak RSS (MB).

    "Model tokens" are the tokens run through the model: shared and reused ones count once."""
    lt = Mode.OPTIONAL if languagetool else Mode.OFF
    options = FluencyOptions(cache=False, threads=threads, surprise=surprise)
    base = Settings(modes={"languagetool": lt}, fluency=options)
    with open_pipeline(with_choice(base, mode), print) as p:
        p.analyze(WARM_UP)
        scorer = next((c.scorer for c in p.checkers if hasattr(c, "scorer")), None)
        before = scorer.tokens_run if scorer is not None else 0
        t = time.process_time()
        words = sum(p.analyze(src).words for src in articles)
        cpu = time.process_time() - t
        tokens = (scorer.tokens_run if scorer is not None else 0) - before
    return cpu, words, tokens, _peak_mb()


def bench_articles(
    articles: list[Source], languagetool: bool, threads: int, surprise: float | None = None
) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    cpu: dict[str, float] = {}
    spawn = multiprocessing.get_context("spawn")
    runs: list[tuple[str, str, float | None]] = [(mode, mode, None) for mode in MODES]
    runs.append(("full, no surprising words", "full", 0.0))
    if surprise is not None:
        runs.append((f"full, surprise {surprise:g}", "full", surprise))
    for label, mode, nats in runs:
        with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as fresh:
            cpu[label], words, tokens, peak = fresh.submit(
                run_mode, mode, articles, languagetool, threads, nats
            ).result()
        rows.append(
            (
                label,
                f"{cpu[label]:.2f}",
                f"{cpu[label] * 700 / words:.2f}",
                f"{(cpu[label] - cpu['off']) * 700 / words:+.2f}",
                str(tokens),
                f"{peak:.0f}",
            )
        )
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=Path, default=Path("../shared/data/roundtrip/roundtrip_dev.jsonl.gz"))
    ap.add_argument("--docs", type=int, default=8)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--languagetool", action="store_true", help="Also run LanguageTool (its findings are gated too).")
    ap.add_argument(
        "--words", metavar="MIN-MAX", help="Only garbled texts of MIN to MAX words (articles near 700 words: 600-900)."
    )
    ap.add_argument("--surprise", type=float, help="Also time full mode with surprising words at N nats (default 14).")
    args = ap.parse_args()
    print("| model | value |\n|---|---|")
    for name, value in bench_model(args.threads):
        print(f"| {name} | {value} |")
    sets = {"sample article": [read_source(str(SAMPLE))]}
    if args.articles.exists():
        with gzip.open(args.articles, "rt", encoding="utf-8") as f:
            recs = [json.loads(line) for line in f]
        if args.words:
            low, high = (int(n) for n in args.words.split("-"))
            recs = [r for r in recs if low <= len(r["garbled"].split()) <= high]
        recs = recs[: args.docs]
        sets[f"{len(recs)} round-trip articles"] = [Source(path=r["id"], text=r["garbled"]) for r in recs]
    else:
        print(f"\n({args.articles} not found: sample article only)")
    for label, articles in sets.items():
        words = sum(len(a.text.split()) for a in articles)
        print(f"\n{label} ({words} words), CPU seconds\n")
        print("| mode | total | per 700 words | added per 700 words | model tokens | peak RSS (MB) |")
        print("|---|---|---|---|---|---|")
        for row in bench_articles(articles, args.languagetool, args.threads, args.surprise):
            print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
