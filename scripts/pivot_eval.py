"""Precision and recall of the pivot rule classes on round-trip pairs; false alarms on clean news.

Prints Markdown tables: per rule and per phenomenon class, the findings on the
garbled side of round-trip pairs, how many overlap a gold garble span (gold
spans as ``../shared/data/roundtrip/README.md`` defines them: difflib token
alignment of original against garbled, spans at most one equal token apart
merged, a deletion is the gap between its neighbours), and the recall of all
gold spans; then the findings on the originals and on clean news per 1,000
words (all, and "failing" = minor or worse, which fail a lint at the default
``--fail-on minor``).

    python scripts/pivot_eval.py PAIRS.jsonl.gz [--clean NEWS.docs.jsonl.gz] [--limit N]

Each line of a document is checked as its own paragraph (lines joined by
blank lines), so a finding never spans two segments.  The LanguageTool server
is the shared one of ``~/.cache/cleaner`` (or ``$CLEANER_CACHE_DIR``).
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from cleaner.checks.languagetool.pivot import PivotRulesChecker, open_pivot_checker
from cleaner.checks.languagetool.pivot_rules import PIVOT_RULES
from cleaner.checks.languagetool.settings import LanguageToolSettings
from cleaner.checks.untranslated import UntranslatedWordChecker
from cleaner.document import Document
from cleaner.findings import Finding, Severity

TOKEN = re.compile(r"\w+|[^\w\s]")
UNTRANSLATED = "untranslated"


@dataclass(frozen=True)
class Gold:
    """One gold garble span in one line (character offsets of the garbled line)."""

    start: int
    end: int
    gap: bool = False
    """Contains a deletion: touching the span counts as a hit."""


def tokens(line: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(line)]


def gold_spans(original: str, garbled: str) -> list[Gold]:
    """The README's gold spans of one line pair, in the garbled line."""
    a, b = tokens(original), tokens(garbled)
    ops = difflib.SequenceMatcher(None, [t[0] for t in a], [t[0] for t in b], autojunk=False).get_opcodes()
    raw: list[tuple[int, int, int, int, bool]] = []  # token range j1, j2, char span, deletion
    for op, _i1, _i2, j1, j2 in ops:
        if op == "equal":
            continue
        if j2 > j1:
            raw.append((j1, j2, b[j1][1], b[j2 - 1][2], False))
        else:  # a deletion: the gap between the neighbouring tokens
            left = b[j1 - 1][2] if j1 > 0 else 0
            right = b[j1][1] if j1 < len(b) else len(garbled)
            raw.append((j1, j1, left, right, True))
    merged: list[list[int]] = []
    for j1, j2, s, e, gap in raw:
        if merged and j1 - merged[-1][1] <= 1:
            merged[-1][1] = max(merged[-1][1], j2)
            merged[-1][3] = max(merged[-1][3], e)
            merged[-1][4] = int(merged[-1][4] or gap)
        else:
            merged.append([j1, j2, s, e, int(gap)])
    return [Gold(s, e, bool(gap)) for _j1, _j2, s, e, gap in merged]


def hits(start: int, end: int, gold: Gold) -> bool:
    """Overlap; for a gap (deletion) touching counts."""
    if gold.gap or gold.start >= gold.end or start == end:
        return start <= gold.end and end >= gold.start
    return start < gold.end and end > gold.start


def load(path: Path, limit: int | None) -> list[dict[str, object]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    return records[:limit] if limit else records


class Checkers:
    """The pivot XML rules (real LanguageTool server) and the untranslated-word checker."""

    def __init__(self, pivot: PivotRulesChecker) -> None:
        self.pivot = pivot
        self.untranslated = UntranslatedWordChecker()

    def line_findings(self, lines: Sequence[str]) -> list[list[Finding]]:
        """Findings per line, offsets relative to the line."""
        text = "\n\n".join(lines)
        starts, pos = [], 0
        for line in lines:
            starts.append(pos)
            pos += len(line) + 2
        doc = Document.from_text(text)
        found = [*self.pivot.check(doc), *self.untranslated.check(doc)]
        per_line: list[list[Finding]] = [[] for _ in lines]
        for f in found:
            i = max(k for k, s in enumerate(starts) if s <= f.start)
            per_line[i].append(f)
        return [[_shift(f, -starts[i]) for f in fs] for i, fs in enumerate(per_line)]


def _shift(f: Finding, by: int) -> Finding:
    from dataclasses import replace

    from cleaner.document import Span

    return replace(f, span=Span(f.start + by, f.end + by))


def restoration(original: str, garbled: str, f: Finding) -> float:
    """chrF of the line with the finding's first replacement applied, minus chrF of the garbled line."""
    from sacrebleu.metrics import CHRF

    chrf = CHRF()
    fixed_line = garbled[: f.start] + (f.best_replacement or "") + garbled[f.end :]
    return float(chrf.sentence_score(fixed_line, [original]).score - chrf.sentence_score(garbled, [original]).score)


def klass(rule_id: str) -> str:
    info = PIVOT_RULES.get(rule_id)
    return info.phenomenon if info else UNTRANSLATED


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def score_pairs(checkers: Checkers, records: Iterable[dict[str, object]]) -> dict[str, object]:
    fires: Counter[str] = Counter()
    good: Counter[str] = Counter()
    fixed: Counter[str] = Counter()
    better: Counter[str] = Counter()
    worse: Counter[str] = Counter()
    gold_hit_by: dict[str, set[tuple[int, int, int]]] = defaultdict(set)
    all_hit: set[tuple[int, int, int]] = set()
    n_gold = 0
    n_tokens = n_tokens_in_gold = 0
    orig_words = 0
    orig_all = orig_fail = 0
    examples: dict[str, list[str]] = defaultdict(list)
    for r_index, rec in enumerate(records):
        original = str(rec["original"]).split("\n")
        garbled = str(rec["garbled"]).split("\n")
        per_line = checkers.line_findings(garbled)
        for l_index, (o, g, fs) in enumerate(zip(original, garbled, per_line, strict=True)):
            golds = gold_spans(o, g)
            n_gold += len(golds)
            for _w, ws, we in tokens(g):
                n_tokens += 1
                n_tokens_in_gold += any(hits(ws, we, gs) for gs in golds)
            for f in fs:
                fires[f.rule_id] += 1
                if f.replacements:
                    delta = restoration(o, g, f)
                    fixed[f.rule_id] += 1
                    better[f.rule_id] += delta > 0
                    worse[f.rule_id] += delta < 0
                hit = [k for k, gs in enumerate(golds) if hits(f.start, f.end, gs)]
                if hit:
                    good[f.rule_id] += 1
                for k in hit:
                    gold_hit_by[klass(f.rule_id)].add((r_index, l_index, k))
                    all_hit.add((r_index, l_index, k))
                if len(examples[f.rule_id]) < 3:
                    examples[f.rule_id].append(f"{'HIT' if hit else 'MISS'} {g[max(0, f.start - 30) : f.end + 30]!r}")
        for o, fs in zip(original, checkers.line_findings(original), strict=True):
            orig_all += len(fs)
            for f in fs:
                context = o[max(0, f.start - 30) : f.end + 30]
                examples["(originals)"].append(f"{f.severity.value} {f.rule_id}: {context!r}")
            orig_fail += sum(1 for f in fs if f.severity.at_least(Severity.MINOR))
        orig_words += sum(words(o) for o in original)
    return {
        "fires": fires,
        "good": good,
        "fixed": fixed,
        "better": better,
        "worse": worse,
        "gold_hit_by": {k: len(v) for k, v in gold_hit_by.items()},
        "all_hit": len(all_hit),
        "n_gold": n_gold,
        "random_precision": n_tokens_in_gold / max(1, n_tokens),
        "orig_words": orig_words,
        "orig_all": orig_all,
        "orig_fail": orig_fail,
        "examples": examples,
    }


def score_clean(checkers: Checkers, records: Iterable[dict[str, object]]) -> tuple[int, int, int, list[str]]:
    n_words = n_all = n_fail = 0
    shown: list[str] = []
    for rec in records:
        lines = [str(s) for s in rec["segments"]] if "segments" in rec else str(rec["text"]).split("\n")
        n_words += sum(words(line) for line in lines)
        for line, fs in zip(lines, checkers.line_findings(lines), strict=True):
            n_all += len(fs)
            for f in fs:
                if f.severity.at_least(Severity.MINOR):
                    n_fail += 1
                shown.append(f"{f.severity.value} {f.rule_id}: {line[max(0, f.start - 40) : f.end + 40]!r}")
    return n_words, n_all, n_fail, shown


def rows(result: dict[str, object]) -> Iterator[str]:
    fires: Counter[str] = result["fires"]  # type: ignore[assignment]
    good: Counter[str] = result["good"]  # type: ignore[assignment]
    n_gold = int(result["n_gold"])  # type: ignore[call-overload]
    fixed: Counter[str] = result["fixed"]  # type: ignore[assignment]
    better: Counter[str] = result["better"]  # type: ignore[assignment]
    worse: Counter[str] = result["worse"]  # type: ignore[assignment]
    yield "| rule | class | fires | hit gold | precision | first replacement: line chrF up / down / with replacement |"
    yield "|---|---|---:|---:|---:|---:|"
    for rule in sorted(fires, key=lambda r: (klass(r), r)):
        repl = f"{better[rule]} / {worse[rule]} / {fixed[rule]}" if fixed[rule] else "(no replacement)"
        yield f"| {rule} | {klass(rule)} | {fires[rule]} | {good[rule]} | {good[rule] / fires[rule]:.2f} | {repl} |"
    yield ""
    yield "| class | fires | hit gold | precision | gold spans hit | recall (of all gold spans) |"
    yield "|---|---:|---:|---:|---:|---:|"
    by_class_f: Counter[str] = Counter()
    by_class_g: Counter[str] = Counter()
    for rule, n in fires.items():
        by_class_f[klass(rule)] += n
        by_class_g[klass(rule)] += good[rule]
    hit_by: dict[str, int] = result["gold_hit_by"]  # type: ignore[assignment]
    for k in sorted(by_class_f):
        p, n_hit = by_class_g[k] / by_class_f[k], hit_by.get(k, 0)
        yield f"| {k} | {by_class_f[k]} | {by_class_g[k]} | {p:.2f} | {n_hit} | {n_hit / n_gold:.2%} |"
    total_f, total_g = sum(by_class_f.values()), sum(by_class_g.values())
    all_hit = int(result["all_hit"])  # type: ignore[call-overload]
    yield (
        f"| **all** | {total_f} | {total_g} | {total_g / max(1, total_f):.2f} | {all_hit} | {all_hit / n_gold:.2%} |"
    )
    yield ""
    w = int(result["orig_words"])  # type: ignore[call-overload]
    yield (
        f"Gold spans: {n_gold}; a checker flagging every token would have precision "
        f"{float(result['random_precision']):.2f}. On the originals ({w} words): {result['orig_all']} findings "
        f"({1000 * int(result['orig_all']) / w:.2f} per 1,000 words), {result['orig_fail']} minor or worse "  # type: ignore[call-overload]
        f"({1000 * int(result['orig_fail']) / w:.2f} per 1,000 words)."  # type: ignore[call-overload]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pairs", type=Path, nargs="?")
    parser.add_argument("--clean", type=Path)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--show", action="store_true", help="print example firings and every clean-news finding")
    args = parser.parse_args(argv)
    with open_pivot_checker(LanguageToolSettings(), use_cache=True) as pivot:
        checkers = Checkers(pivot)
        if args.pairs:
            result = score_pairs(checkers, load(args.pairs, args.limit))
            print(f"## {args.pairs.name}\n")
            for line in rows(result):
                print(line)
            if args.show:
                for rule, ex in sorted(result["examples"].items()):  # type: ignore[attr-defined]
                    for e in ex:
                        print(f"    {rule}: {e}")
        if args.clean:
            n_words, n_all, n_fail, shown = score_clean(checkers, load(args.clean, args.limit))
            print(
                f"\n## {args.clean.name}\n\n{n_words} words: {n_all} findings ({1000 * n_all / n_words:.2f} per 1,000 "
                f"words), {n_fail} minor or worse ({1000 * n_fail / n_words:.2f} per 1,000 words)."
            )
            if args.show:
                for s in shown:
                    print("    " + s)
    return 0


if __name__ == "__main__":
    sys.exit(main())
