"""Round-trip scores: per engine combination, per kind of garble and per rule; restoration; misses.

The definitions are the data README's (``../shared/data/roundtrip/README.md``):

- a finding hits a gold span when they overlap (touching a deletion gap
  counts); recall = gold spans hit / gold spans, precision = findings hitting
  a gold span / findings;
- per kind K: recall over the gold spans of kind K; precision counts the
  findings that hit a K span against those plus the findings that hit no gold
  span at all (a hit on another kind is neither right nor wrong for K);
- restoration: chrF (sacrebleu defaults) of each corrected document against
  ``original`` minus chrF of ``garbled``, averaged over documents, with the
  share of documents made better, worse or left unchanged, both for
  ``cleaner fix`` and for applying every finding's first replacement;
- false alarms: findings on the originals per 1,000 words (each distinct
  original counted once), all, major, and failing at the run's ``fail_on``;
- chance: the same findings moved to random word starts of their garbled
  text (same count, same lengths; :func:`cleaner.evaluation.metrics.chance_spans`),
  scored the same way: what as many flags anywhere would score.

Per-rule figures come from the runs of each engine alone, so a rule's hits
are not hidden by another engine's finding merged over it.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from cleaner.evaluation import metrics
from cleaner.evaluation.predict import Flag
from cleaner.evaluation.roundtrip import KINDS, GoldSpan, RoundTripPair
from cleaner.evaluation.roundtrip_predict import EngineSet, PairPrediction
from cleaner.findings import Severity

TOP_MISSES = 20
RULES_IN_MARKDOWN = 40
UNCHANGED = 1e-9


def hit_gold(flag: Flag, gold: Sequence[GoldSpan]) -> list[int]:
    """Indices of the gold spans ``flag`` hits."""
    return [i for i, g in enumerate(gold) if g.hit_by(flag.span)]


@dataclass(frozen=True)
class PairScore:
    """One pair's hits: which gold spans were hit, and which findings hit anything."""

    gold_hit: tuple[bool, ...]
    flag_hits: tuple[tuple[int, ...], ...]


def score_pair(pred: PairPrediction) -> PairScore:
    gold = pred.pair.gold
    flag_hits = tuple(tuple(hit_gold(f, gold)) for f in pred.flags)
    hit = [False] * len(gold)
    for indices in flag_hits:
        for i in indices:
            hit[i] = True
    return PairScore(tuple(hit), flag_hits)


def span_prf(preds: Sequence[PairPrediction], scores: Sequence[PairScore]) -> metrics.PRF:
    total = metrics.ZERO
    for p, s in zip(preds, scores, strict=True):
        total += metrics.PRF(sum(bool(h) for h in s.flag_hits), len(p.flags), sum(s.gold_hit), len(s.gold_hit))
    return total


def chance_prf(preds: Sequence[PairPrediction], draws: int = metrics.CHANCE_DRAWS) -> metrics.PRF:
    """Span counts of each pair's findings moved to random words of its garbled text (seeded draws, summed)."""
    rng = random.Random(metrics.CHANCE_SEED)
    total = metrics.ZERO
    for p in preds:
        spans = [f.span for f in p.flags]
        for _ in range(draws):
            moved = replace(
                p,
                flags=tuple(
                    replace(f, span=s)
                    for f, s in zip(p.flags, metrics.chance_spans(spans, p.pair.garbled, rng), strict=True)
                ),
            )
            total += span_prf([moved], [score_pair(moved)])
    return total


def kind_prf(preds: Sequence[PairPrediction], scores: Sequence[PairScore], kind: str) -> metrics.PRF:
    total = metrics.ZERO
    for p, s in zip(preds, scores, strict=True):
        kinds = [g.kind for g in p.pair.gold]
        on_kind = sum(any(kinds[i] == kind for i in h) for h in s.flag_hits)
        misses = sum(not h for h in s.flag_hits)
        gold_of_kind = [hit for hit, k in zip(s.gold_hit, kinds, strict=True) if k == kind]
        total += metrics.PRF(on_kind, on_kind + misses, sum(gold_of_kind), len(gold_of_kind))
    return total


def restoration(preds: Sequence[PairPrediction], corrected: Sequence[str]) -> dict[str, Any]:
    """Mean per-document chrF gain over the garble, and how many documents got better or worse."""
    gains = []
    before_all = []
    for p, text in zip(preds, corrected, strict=True):
        before = metrics.sentence_chrf(p.pair.garbled, p.pair.original)
        after = before if text == p.pair.garbled else metrics.sentence_chrf(text, p.pair.original)
        before_all.append(before)
        gains.append(after - before)
    n = len(gains)
    better = sum(g > UNCHANGED for g in gains)
    worse = sum(g < -UNCHANGED for g in gains)
    return {
        "documents": n,
        "chrf_garbled_mean": sum(before_all) / n if n else 0.0,
        "chrf_gain_mean": sum(gains) / n if n else 0.0,
        "better": better,
        "worse": worse,
        "unchanged": n - better - worse,
        "share_better": better / n if n else 0.0,
        "share_worse": worse / n if n else 0.0,
        "share_unchanged": (n - better - worse) / n if n else 0.0,
        "changed_documents": sum(t != p.pair.garbled for p, t in zip(preds, corrected, strict=True)),
    }


def false_alarms(preds: Sequence[PairPrediction], fail_on: Severity) -> dict[str, Any]:
    """Findings on the distinct originals per 1,000 words: all, major, failing."""
    seen: dict[str, tuple[Flag, ...]] = {}
    for p in preds:
        seen.setdefault(p.pair.original, p.original_flags)
    words = sum(len(text.split()) for text in seen)
    flags = [f for fl in seen.values() for f in fl]
    major = sum(f.severity is Severity.MAJOR for f in flags)
    failing = sum(f.severity.at_least(fail_on) for f in flags)
    return {
        "documents": len(seen),
        "words": words,
        "findings": len(flags),
        "major": major,
        "failing": failing,
        "fail_on": fail_on.value,
        "per_1000_all": metrics.per_thousand(len(flags), words),
        "per_1000_major": metrics.per_thousand(major, words),
        "per_1000_failing": metrics.per_thousand(failing, words),
        "by_rule": dict(metrics.top(Counter(f.rule for f in flags), 15)),
    }


def engine_summary(preds: Sequence[PairPrediction], engines: Sequence[str], fail_on: Severity) -> dict[str, Any]:
    scores = [score_pair(p) for p in preds]
    return {
        "engines": list(engines),
        "findings": sum(len(p.flags) for p in preds),
        "span": span_prf(preds, scores).as_dict(),
        "span_chance": chance_prf(preds).as_dict(),
        "by_kind": {k: kind_prf(preds, scores, k).as_dict() for k in KINDS},
        "fix": restoration(preds, [p.fixed for p in preds]),
        "first_replacement": restoration(preds, [p.first_replaced for p in preds]),
        "originals": false_alarms(preds, fail_on),
    }


@dataclass
class RuleScore:
    """One rule on the round-trip pairs: fires, hits, gold spans found, alarms on the originals."""

    rule: str
    severity: str
    confidence: float
    fires: int = 0
    hits: int = 0
    gold_hit: int = 0
    original_fires: int = 0

    @property
    def precision(self) -> float:
        return self.hits / self.fires if self.fires else 0.0

    def as_dict(self, gold_total: int, original_words: int) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "confidence": self.confidence,
            "fires": self.fires,
            "hits": self.hits,
            "precision": self.precision,
            "gold_hit": self.gold_hit,
            "recall": self.gold_hit / gold_total if gold_total else 0.0,
            "original_fires": self.original_fires,
            "original_per_1000": metrics.per_thousand(self.original_fires, original_words),
        }


def rule_scores(preds: Sequence[PairPrediction]) -> list[RuleScore]:
    """Per-rule counts over one run's predictions, most fired first."""
    stats: dict[str, RuleScore] = {}

    def stat(f: Flag) -> RuleScore:
        return stats.setdefault(f.rule, RuleScore(f.rule, f.severity.value, f.confidence))

    originals_seen: set[str] = set()
    for p in preds:
        found: dict[str, set[int]] = {}
        for f, h in zip(p.flags, score_pair(p).flag_hits, strict=True):
            s = stat(f)
            s.fires += 1
            s.hits += bool(h)
            found.setdefault(f.rule, set()).update(h)
        for rule, gold in found.items():
            stats[rule].gold_hit += len(gold)
        if p.pair.original not in originals_seen:
            originals_seen.add(p.pair.original)
            for f in p.original_flags:
                stat(f).original_fires += 1
    return sorted(stats.values(), key=lambda s: (-(s.fires + s.original_fires), s.rule))


def top_misses(preds: Sequence[PairPrediction], n: int = TOP_MISSES) -> list[dict[str, Any]]:
    """The gold spans no finding hit, grouped by (original → garbled) text, most frequent first."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for p in preds:
        for g, hit in zip(p.pair.gold, score_pair(p).gold_hit, strict=True):
            if not hit:
                counts[(g.original, g.garbled, g.kind)] += 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    return [{"original": o, "garbled": g, "kind": k, "count": c} for (o, g, k), c in ranked]


def summary(
    pairs: Sequence[RoundTripPair],
    runs: Mapping[str, Sequence[PairPrediction]],
    sets: Sequence[EngineSet],
    fail_on: Severity,
) -> dict[str, Any]:
    """Everything measured on the pairs, JSON-ready: per engine set, per kind, per rule, misses."""
    gold_total = sum(len(p.gold) for p in pairs)
    by_label = {s.label: s for s in sets}
    single = [s for s in sets if len(s.engines) == 1] or list(sets)
    rules: list[dict[str, Any]] = []
    original_words = sum(len(t.split()) for t in {p.original for p in pairs})
    for s in single:
        rules.extend(r.as_dict(gold_total, original_words) for r in rule_scores(runs[s.label]))
    first = sets[0].label
    return {
        "pairs": len(pairs),
        "garbled_words": sum(p.words for p in pairs),
        "gold_spans": gold_total,
        "gold_by_kind": {k: sum(g.kind == k for p in pairs for g in p.gold) for k in KINDS},
        "fail_on": fail_on.value,
        "engine_sets": {
            label: engine_summary(preds, by_label[label].engines, fail_on) for label, preds in runs.items()
        },
        "rules": sorted(rules, key=lambda r: (-(r["fires"] + r["original_fires"]), r["rule"])),
        "misses_of": first,
        "top_misses": top_misses(runs[first]),
    }


# -- Markdown --------------------------------------------------------------------------------


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


def _prf(d: Mapping[str, Any]) -> str:
    return f"{_pct(d['precision'])} / {_pct(d['recall'])} / {_pct(d['f1'])}"


def _restore(d: Mapping[str, Any]) -> str:
    return f"{d['chrf_gain_mean']:+.2f}"


def _bwu(d: Mapping[str, Any]) -> str:
    return f"{_pct(d['share_better'])} / {_pct(d['share_worse'])} / {_pct(d['share_unchanged'])}"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|").replace("`", "'") or "∅"


def markdown(s: Mapping[str, Any]) -> str:
    """The round-trip tables: headline per engine set, recall per kind, rules, the most frequent misses."""
    sets: Mapping[str, Mapping[str, Any]] = s["engine_sets"]
    names = list(sets)
    head = "| metric | " + " | ".join(names) + " |\n|---|" + "---:|" * len(names)
    rows: list[tuple[str, Any]] = [
        ("findings on garbled", lambda e: str(e["findings"])),
        ("span P / R / F1 (%)", lambda e: _prf(e["span"])),
        ("chance: the same findings at random words, P / R / F1 (%)", lambda e: _prf(e["span_chance"])),
        ("`fix`: chrF gain (mean per document)", lambda e: _restore(e["fix"])),
        ("`fix`: documents better / worse / unchanged (%)", lambda e: _bwu(e["fix"])),
        ("first replacements: chrF gain", lambda e: _restore(e["first_replacement"])),
        ("first replacements: better / worse / unchanged (%)", lambda e: _bwu(e["first_replacement"])),
        ("originals: findings / 1,000 words", lambda e: f"{e['originals']['per_1000_all']:.2f}"),
        ("originals: major / 1,000 words", lambda e: f"{e['originals']['per_1000_major']:.2f}"),
        (
            f"originals: failing (≥ {s['fail_on']}) / 1,000 words",
            lambda e: f"{e['originals']['per_1000_failing']:.2f}",
        ),
    ]
    lines = [
        f"Round trip: {s['pairs']} pairs, {s['garbled_words']} garbled words, {s['gold_spans']} gold spans; "
        f"originals: {next(iter(sets.values()))['originals']['documents']} documents, "
        f"{next(iter(sets.values()))['originals']['words']} words.",
        "",
        head,
    ]
    lines += [f"| {label} | " + " | ".join(cell(sets[n]) for n in names) + " |" for label, cell in rows]
    lines += ["", "Per kind of garble, span P / R / F1 (%):", "", "| kind | gold | " + " | ".join(names) + " |"]
    lines.append("|---|---:|" + "---:|" * len(names))
    for k in KINDS:
        lines.append(
            f"| {k} | {s['gold_by_kind'][k]} | " + " | ".join(_prf(sets[n]["by_kind"][k]) for n in names) + " |"
        )
    lines += [
        "",
        f"Rules (each engine alone; the {RULES_IN_MARKDOWN} most active of {len(s['rules'])}):",
        "",
        "| rule | severity | confidence | fires | hits | precision % | gold hit | originals fires |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in s["rules"][:RULES_IN_MARKDOWN]:
        lines.append(
            f"| `{r['rule']}` | {r['severity']} | {r['confidence']:.2f} | {r['fires']} | {r['hits']} | "
            f"{_pct(r['precision'])} | {r['gold_hit']} | {r['original_fires']} |"
        )
    lines += [
        "",
        f"The {len(s['top_misses'])} most frequent misses ({s['misses_of']}):",
        "",
        "| original | garbled | kind | count |",
        "|---|---|---|---:|",
    ]
    for m in s["top_misses"]:
        lines.append(f"| `{_cell(m['original'])}` | `{_cell(m['garbled'])}` | {m['kind']} | {m['count']} |")
    return "\n".join(lines) + "\n"
