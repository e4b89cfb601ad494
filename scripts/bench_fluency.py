"""Speed and memory of the fluency checker (docs/benchmarks.md): load, model memory, tokens/s, CPU per article.

    python scripts/bench_fluency.py [--articles ../shared/data/roundtrip/roundtrip_dev.jsonl.gz] [--docs 8]

Every figure is CPU time of this process (time.process_time), so a busy
machine slows the wall clock but not the numbers.  The score cache is off, so
every window is computed; the weight cache is warm (built first if needed).
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import time
from pathlib import Path

import psutil

from cleaner.checks.fluency.settings import FluencyOptions, with_choice
from cleaner.checks.registry import Mode
from cleaner.commands.common import open_pipeline
from cleaner.config.settings import Settings
from cleaner.document.sources import Source, read_source

SAMPLE = Path("seeds/000_9274cd7fb5159084.txt")


def _rss_mb() -> float:
    return psutil.Process().memory_info().rss / 2**20


def bench_model(threads: int) -> list[tuple[str, str]]:
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
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return [
        ("load (weight cache warm)", f"{load:.2f} s CPU"),
        ("tokens/s (packed batch, scored rows with logits)", f"{scorer.tokens_run / seconds:.0f}"),
        ("model memory (RSS after − before loading + scoring)", f"{after - before:.0f} MB"),
        ("process peak RSS", f"{peak:.0f} MB"),
        ("threads", str(threads)),
    ]


def bench_articles(articles: list[Source], languagetool: bool, threads: int) -> list[tuple[str, str, str, str]]:
    rows = []
    lt = Mode.OPTIONAL if languagetool else Mode.OFF
    base = Settings(modes={"languagetool": lt}, fluency=FluencyOptions(cache=False, threads=threads))
    cpu: dict[str, float] = {}
    for mode in ("off", "gate", "full"):
        with open_pipeline(with_choice(base, mode), print) as p:
            p.analyze(articles[0])  # warm: rules compiled, LanguageTool cache, model pages
            t = time.process_time()
            words = 0
            for src in articles:
                words += p.analyze(src).words
            cpu[mode] = time.process_time() - t
        rows.append(
            (
                mode,
                f"{cpu[mode]:.2f}",
                f"{cpu[mode] * 700 / words:.2f}",
                f"{(cpu[mode] - cpu['off']) * 700 / words:+.2f}",
            )
        )
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=Path, default=Path("../shared/data/roundtrip/roundtrip_dev.jsonl.gz"))
    ap.add_argument("--docs", type=int, default=8)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--languagetool", action="store_true", help="Also run LanguageTool (its findings are gated too).")
    args = ap.parse_args()
    print("| model | value |\n|---|---|")
    for name, value in bench_model(args.threads):
        print(f"| {name} | {value} |")
    sets = {"sample article": [read_source(str(SAMPLE))]}
    if args.articles.exists():
        with gzip.open(args.articles, "rt", encoding="utf-8") as f:
            recs = [json.loads(line) for line in f][: args.docs]
        sets[f"{len(recs)} round-trip articles"] = [Source(path=r["id"], text=r["garbled"]) for r in recs]
    for label, articles in sets.items():
        words = sum(len(a.text.split()) for a in articles)
        print(f"\n{label} ({words} words), CPU seconds\n")
        print("| mode | total | per 700 words | added per 700 words |\n|---|---|---|---|")
        for row in bench_articles(articles, args.languagetool, args.threads):
            print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
