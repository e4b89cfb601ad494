"""Score cleaner on round-trip (original, garbled) pairs, following /work/shared/data/roundtrip/README.md.

A stop-gap until `cleaner eval` scores round-trip pairs (the rteval branch): gold spans from the token alignment
(cleaner/mining/alignment.py), recall/precision of findings, chrF gain of `cleaner fix` output (and of every
finding's first replacement with --first-replacement), the share of documents made better/worse/unchanged, and
failing/all findings per 1,000 words on the originals. --rule-stats writes per-rule fires and gold hits as TSV.

  python scripts/score_roundtrip.py /work/shared/data/roundtrip/roundtrip_dev.jsonl.gz --engines rules
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from cleaner.commands.common import CHECKERS
from cleaner.config.settings import Settings
from cleaner.document.sources import Source
from cleaner.document.spans import Span
from cleaner.evaluation.metrics import sentence_chrf
from cleaner.findings import Finding, Severity
from cleaner.mining.alignment import align_line, gold_spans
from cleaner.pipeline import Pipeline


def load_pairs(path: Path) -> list[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def document_gold(original: str, garbled: str) -> list[Span]:
    spans: list[Span] = []
    offset = 0
    for o_line, g_line in zip(original.split("\n"), garbled.split("\n"), strict=True):
        spans.extend(Span(s.start + offset, s.end + offset) for s in gold_spans(align_line(o_line, g_line)))
        offset += len(g_line) + 1
    return spans


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pairs", type=Path)
    parser.add_argument("--engines", default="rules", help="comma-separated: rules,names,languagetool")
    parser.add_argument("--rules", type=Path, action="append", default=[], help="extra rule file or folder")
    parser.add_argument("--no-builtin-rules", action="store_true")
    parser.add_argument("--first-replacement", action="store_true", help="also score every first replacement")
    parser.add_argument("--rule-stats", type=Path, help="write per-rule fires/hits/false alarms (TSV)")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args(argv)

    records = load_pairs(args.pairs)[: args.limit or None]
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    settings = Settings(
        rule_paths=tuple(args.rules),
        builtin_rules=not args.no_builtin_rules,
        languagetool="required" if "languagetool" in engines else "off",
    )
    gold_total = gold_hit = found = found_hit = 0
    gains: list[float] = []
    first_gains: list[float] = []
    fires: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    alarms: Counter[str] = Counter()
    clean_words = clean_failing = clean_all = 0

    def warn(message: str) -> None:
        print(message, file=sys.stderr)

    with contextlib.ExitStack() as stack:
        checkers = [c for name in engines if (c := CHECKERS[name](settings, warn, stack)) is not None]
        pipeline = Pipeline(checkers, settings, warn)
        first = Pipeline(checkers, replace(settings, fix_threshold=0.0), warn)
        seen_originals: set[str] = set()
        for record in records:
            original, garbled = record["original"], record["garbled"]
            gold = document_gold(original, garbled)
            result = pipeline.analyze(Source(path=f"{record['id']}.txt", text=garbled))
            findings: list[Finding] = list(result.findings)
            gold_total += len(gold)
            gold_hit += sum(1 for g in gold if any(f.span.overlaps(g) for f in findings))
            found += len(findings)
            for f in findings:
                hit = any(f.span.overlaps(g) for g in gold)
                found_hit += hit
                fires[f.rule_id] += 1
                hits[f.rule_id] += hit
            before = sentence_chrf(garbled, original)
            gains.append(sentence_chrf(result.corrected, original) - before)
            if args.first_replacement:
                fixed = first.analyze(Source(path=f"{record['id']}.txt", text=garbled)).corrected
                first_gains.append(sentence_chrf(fixed, original) - before)
            if original not in seen_originals:
                seen_originals.add(original)
                clean = pipeline.analyze(Source(path=f"{record['id']}-original.txt", text=original))
                clean_words += len(original.split())
                clean_all += len(clean.findings)
                clean_failing += len(clean.failing(settings.fail_on))
                for f in clean.findings:
                    alarms[f.rule_id] += 1

    def share(values: list[float]) -> str:
        n = len(values) or 1
        better = sum(v > 0 for v in values) / n
        worse = sum(v < 0 for v in values) / n
        return f"better {better:.1%}, worse {worse:.1%}, unchanged {1 - better - worse:.1%}"

    print(f"pairs: {args.pairs} ({len(records)} documents), engines: {','.join(engines)}, extra rules: {args.rules}")
    print(f"gold spans {gold_total}; hit {gold_hit}: recall {gold_hit / max(gold_total, 1):.1%}")
    print(f"findings {found}; on gold {found_hit}: precision {found_hit / max(found, 1):.1%}")
    print(f"fix chrF gain {sum(gains) / max(len(gains), 1):+.3f} ({share(gains)})")
    if first_gains:
        print(f"first-replacement chrF gain {sum(first_gains) / len(first_gains):+.3f} ({share(first_gains)})")
    per_k = 1000 / max(clean_words, 1)
    print(
        f"originals ({len(seen_originals)} documents, {clean_words} words): failing (>= {Severity.MINOR.value}) "
        f"{clean_failing * per_k:.2f} per 1,000 words, all {clean_all * per_k:.2f}"
    )
    if args.rule_stats:
        rows = ["rule\tfires\thits\tprecision\tclean_alarms"]
        for rule in sorted(set(fires) | set(alarms), key=lambda r: (-fires[r], r)):
            rows.append(f"{rule}\t{fires[rule]}\t{hits[rule]}\t{hits[rule] / max(fires[rule], 1):.2f}\t{alarms[rule]}")
        args.rule_stats.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
