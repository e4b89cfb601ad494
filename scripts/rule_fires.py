"""Per-rule firing statistics on the shared development data (a rule author's tool).

For each rule: how often it fires on clean original-English news (each is a
likely false alarm), and on the MQM machine-translation articles, how often its
span overlaps an annotated error. Usage:

    python scripts/rule_fires.py [RULES_DIR ...] [--data ../shared/data] [--quick] [--show-clean]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
from collections import Counter, defaultdict
from pathlib import Path

from cleaner.checks.rules.compiler import compile_rules
from cleaner.checks.rules.loader import load_rules
from cleaner.checks.rules.matcher import RuleChecker
from cleaner.document.document import Document

TARGET_TOPS = {"Accuracy", "Fluency", "Terminology", "Style"}
EXCLUDED = {"Fluency/Punctuation", "Accuracy/Omission", "Accuracy/Addition", "Accuracy/Source language fragment"}


def _records(path: Path):  # type: ignore[no-untyped-def]
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("rules", nargs="*", type=Path, default=[Path("rules")])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--quick", action="store_true", help="MQM quick slice (37 documents)")
    ap.add_argument("--show-clean", action="store_true", help="print every firing on clean news")
    ap.add_argument("--show-mqm", type=int, default=0, help="print up to N MQM firings per rule")
    args = ap.parse_args()

    checker = RuleChecker(compile_rules(load_rules(args.rules)))
    clean_fires: Counter[str] = Counter()
    clean_words = 0
    for rec in _records(args.data / "clean" / "clean_en_news.dev.docs.jsonl.gz"):
        doc = Document.from_text(rec["text"], rec["id"])
        clean_words += doc.word_count
        for f in checker.check(doc):
            clean_fires[f.rule_id] += 1
            if args.show_clean:
                line = doc.text[doc.sentence_at(f.start).start : doc.sentence_at(f.start).end]
                print(f"CLEAN {f.rule_id}: {f.text!r} in {line[:160]!r}")

    mqm_fires: Counter[str] = Counter()
    mqm_hits: Counter[str] = Counter()
    shown: dict[str, int] = defaultdict(int)
    mqm_words = 0
    for rec in _records(args.data / "mqm" / "newstest2020_zhen.docs.jsonl.gz"):
        if rec["is_human"]:
            continue
        if args.quick and int(hashlib.sha1(rec["doc"].encode()).hexdigest(), 16) % 5 != 0:
            continue
        doc = Document.from_text(rec["mt"], rec["id"])
        mqm_words += doc.word_count
        gold = [
            (s["start"], s["end"])
            for s in rec["errors"]
            if s["start"] is not None and s["severity"] in ("Major", "Minor")
        ]
        for f in checker.check(doc):
            mqm_fires[f.rule_id] += 1
            hit = any(f.start < e and s < f.end for s, e in gold)
            mqm_hits[f.rule_id] += hit
            if shown[f.rule_id] < args.show_mqm:
                shown[f.rule_id] += 1
                print(f"MQM {'HIT ' if hit else 'MISS'} {f.rule_id}: {f.text!r} -> {f.replacements[:1]}")

    print(f"\nclean words: {clean_words}   MQM MT words: {mqm_words}")
    print(f"{'rule':45} {'clean':>6} {'mqm':>6} {'hit%':>6}")
    for rule in checker.compiled.rules:
        c, m, h = clean_fires[rule.id], mqm_fires[rule.id], mqm_hits[rule.id]
        if c or m:
            print(f"{rule.id:45} {c:6d} {m:6d} {100 * h / m if m else 0:6.0f}")
    total_clean = sum(clean_fires.values())
    print(f"\ntotal clean fires: {total_clean} ({1000 * total_clean / max(clean_words, 1):.2f} per 1,000 words)")
    print(f"total MQM fires: {sum(mqm_fires.values())}, hitting an annotated error: {sum(mqm_hits.values())}")


if __name__ == "__main__":
    main()
