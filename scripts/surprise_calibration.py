"""How surprising words line up with rated MT errors, to choose ``[fluency] surprise`` (docs/fluency.md).

    python scripts/surprise_calibration.py [--segments 300]

Scores every running-text word of a random sample of MQM MT segments from the documents *outside*
the quick slice (data README §4; the quick slice is where the result is reported) and of clean
original news, then prints, for the most surprising 1-20 % of the MT words: the threshold in nats,
the share of those words inside a target error span (base rate: all words), and the share of clean
news words at or above the same threshold.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from cleaner.checks.fluency.gguf_weights import packaged_model_path
from cleaner.checks.fluency.scorer import Scorer, free_cores
from cleaner.checks.fluency.surprise import word_surprise
from cleaner.document import Document, Span
from cleaner.evaluation.corpus import in_quick_slice, load_clean, load_mqm

DATA = Path("../shared/data")
SHARES = (0.01, 0.02, 0.05, 0.10, 0.20)


def mqm_segments() -> list[tuple[str, tuple[Span, ...]]]:
    """Each MT segment outside the quick slice with its target spans (the evaluation's own reading)."""
    articles = load_mqm(DATA / "mqm/newstest2020_zhen.jsonl.gz")
    return [(s.mt, s.target_spans) for a in articles if not in_quick_slice(a.doc) for s in a.segments]


def clean_segments() -> list[str]:
    docs = load_clean(DATA / "clean/clean_en_news.dev.docs.jsonl.gz")
    return [seg for d in docs for seg in d.text.split("\n") if seg.strip()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--segments", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    mt = rng.sample(mqm_segments(), args.segments)
    clean = rng.sample(clean_segments(), args.segments)
    scorer = Scorer.open(packaged_model_path(), None, free_cores())
    words: list[tuple[float, bool]] = []
    for text, gold in mt:
        for tok, nats in word_surprise(Document.from_text(text), scorer):
            words.append((nats, any(tok.span.overlaps(g) for g in gold)))
    clean_nats = [n for text in clean for _, n in word_surprise(Document.from_text(text), scorer)]
    words.sort(reverse=True)
    base = sum(hit for _, hit in words) / len(words)
    print(f"{len(words)} MT words ({base:.1%} inside a target span), {len(clean_nats)} clean-news words\n")
    print("| most surprising MT words | threshold (nats) | inside a target span | clean-news words at or above |")
    print("|---|---:|---:|---:|")
    for share in SHARES:
        top = words[: max(1, int(len(words) * share))]
        threshold = top[-1][0]
        precision = sum(hit for _, hit in top) / len(top)
        clean_share = sum(n >= threshold for n in clean_nats) / len(clean_nats)
        print(f"| {share:.0%} | {threshold:.1f} | {precision:.1%} | {clean_share:.1%} |")


if __name__ == "__main__":
    main()
