"""Rule precision measured by one ``cleaner eval`` run: the evidence behind confidences (issue 14.5).

A rule-engine firing counts as right when it hits a gold garble span of a
round-trip pair, or (on MQM) any Major/Minor annotation — the lenient
precision, because raters stop at five errors per segment.  A firing on the
*original* of a round-trip pair is always wrong: clean English has no garble.
The evidence of the sources the run was given is summed per rule; the
measured-precision file is written from it (``--write-precision``), and the
report lists every rule whose measured precision is below the confidence its
author declared.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner.checks.rules import MIN_SUPPORT, Measured, effective_confidence
from cleaner.evaluation.predict import ArticlePrediction
from cleaner.evaluation.roundtrip_predict import PairPrediction

ENGINE_PREFIX = "rules:"
"""Only the rule engine's confidences come from the table; LanguageTool's are set in its mapping."""


@dataclass
class Evidence:
    """Fires and hits of one rule, in total and per source."""

    fires: int = 0
    hits: int = 0
    by_source: dict[str, tuple[int, int]] = field(default_factory=dict)
    in_use: float | None = None
    """The confidence the run's findings carried (after any measured table was applied)."""
    fix_wins: int = 0
    fix_losses: int = 0
    """Firings whose first replacement, applied alone, moved chrF towards (away from) the reference."""

    def add(self, source: str, fires: int, hits: int) -> None:
        if not fires:
            return
        self.fires += fires
        self.hits += hits
        f, h = self.by_source.get(source, (0, 0))
        self.by_source[source] = (f + fires, h + hits)


def collect(
    roundtrip_rules: Sequence[Mapping[str, Any]] | None,
    mqm_rules: Sequence[Mapping[str, Any]] | None,
    roundtrip_name: str = "roundtrip",
    mqm_name: str = "mqm",
) -> dict[str, Evidence]:
    """Rule id → evidence, from the round-trip summary's ``rules`` and the MQM summary's ``rules``."""
    out: dict[str, Evidence] = {}

    def ev(row: Mapping[str, Any]) -> Evidence | None:
        rule = str(row["rule"])
        if not rule.startswith(ENGINE_PREFIX):
            return None
        e = out.setdefault(rule[len(ENGINE_PREFIX) :], Evidence())
        if row.get("confidence") is not None:
            e.in_use = float(row["confidence"])
        return e

    for r in roundtrip_rules or ():
        if (e := ev(r)) is not None:
            e.add(roundtrip_name, int(r["fires"]), int(r["hits"]))
            e.add(f"{roundtrip_name} originals", int(r["original_fires"]), 0)
    for r in mqm_rules or ():
        if (e := ev(r)) is not None:
            e.add(mqm_name, int(r["mqm_fires"]), int(r["mqm_hits"]))
    return {k: v for k, v in out.items() if v.fires}


def as_table(evidence: Mapping[str, Evidence]) -> dict[str, tuple[int, int, int, int, Mapping[str, tuple[int, int]]]]:
    """The evidence in the shape ``measured.table_json`` writes."""
    return {k: (e.fires, e.hits, e.fix_wins, e.fix_losses, e.by_source) for k, e in evidence.items() if e.fires}


FixOutcomes = dict[str, tuple[int, int]]
"""Rule id → (wins, losses) of its first replacement applied alone (ties left out: chrF ignores spacing)."""


def _outcome(text: str, start: int, end: int, replacement: str, reference: str) -> int:
    """+1 when the replacement alone raises the line's chrF against the reference, -1 when it lowers it."""
    from cleaner.evaluation.metrics import sentence_chrf

    fixed = text[:start] + replacement + text[end:]
    delta = sentence_chrf(fixed, reference) - sentence_chrf(text, reference)
    return 0 if abs(delta) < 1e-9 else (1 if delta > 0 else -1)


def _tally(out: dict[str, list[int]], rule: str, outcome: int) -> None:
    if rule.startswith(ENGINE_PREFIX) and outcome:
        counts = out.setdefault(rule[len(ENGINE_PREFIX) :], [0, 0])
        counts[0 if outcome > 0 else 1] += 1


def mqm_fix_outcomes(articles: Iterable[ArticlePrediction]) -> FixOutcomes:
    """Each rule-engine finding's replacement applied to its MT segment, scored against the reference."""
    out: dict[str, list[int]] = {}
    for a in articles:
        for seg in a.segments:
            if not seg.segment.reference:
                continue
            for f in seg.flags:
                if f.suggestion is not None:
                    o = _outcome(seg.segment.mt, f.span.start, f.span.end, f.suggestion, seg.segment.reference)
                    _tally(out, f.rule, o)
    return {k: (w, lo) for k, (w, lo) in out.items()}


def roundtrip_fix_outcomes(preds: Iterable[PairPrediction]) -> FixOutcomes:
    """Each rule-engine finding's replacement applied to its garbled line, scored against the original line."""
    out: dict[str, list[int]] = {}
    for p in preds:
        g_lines, o_lines = p.pair.garbled.split("\n"), p.pair.original.split("\n")
        starts = [0]
        for line in g_lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        for f in p.flags:
            if f.suggestion is None:
                continue
            i = max(k for k, s in enumerate(starts) if s <= f.span.start)
            if f.span.end > starts[i] + len(g_lines[i]):
                continue
            a, b = f.span.start - starts[i], f.span.end - starts[i]
            _tally(out, f.rule, _outcome(g_lines[i], a, b, f.suggestion, o_lines[i]))
    return {k: (w, lo) for k, (w, lo) in out.items()}


def add_fix_outcomes(evidence: dict[str, Evidence], outcomes: FixOutcomes) -> None:
    for rule_id, (wins, losses) in outcomes.items():
        e = evidence.setdefault(rule_id, Evidence())
        e.fix_wins += wins
        e.fix_losses += losses


def declared_confidences(rule_paths: Iterable[Path], builtin: bool) -> dict[str, float]:
    """Each rule's ``confidence:`` as its author wrote it (no measurement applied)."""
    from cleaner.checks.rules import load_rules
    from cleaner.paths import builtin_rules_dir

    paths = ([builtin_rules_dir()] if builtin else []) + list(rule_paths)
    return {r.id: r.confidence for r in load_rules(paths).rules}


def below_declared(evidence: Mapping[str, Evidence], declared: Mapping[str, float]) -> list[dict[str, Any]]:
    """Rules whose measured precision is below their author's confidence, worst gap first."""
    rows = []
    for rule_id, e in evidence.items():
        author = declared.get(rule_id)
        m = Measured(e.fires, e.hits, fix_wins=e.fix_wins, fix_losses=e.fix_losses)
        if author is None or m.precision >= author:
            continue
        rows.append(
            {
                "rule": rule_id,
                "declared": author,
                "precision": m.precision,
                "fires": e.fires,
                "hits": e.hits,
                "wilson_lower": m.lower_bound,
                "enough_support": m.decides,
                "confidence_used": e.in_use if e.in_use is not None else effective_confidence(author, m),
            }
        )
    return sorted(rows, key=lambda r: (r["precision"] - r["declared"], -r["fires"], r["rule"]))


def summary(evidence: Mapping[str, Evidence], declared: Mapping[str, float]) -> dict[str, Any]:
    return {
        "min_support": MIN_SUPPORT,
        "rules_measured": len(evidence),
        "rules_with_enough_support": sum(e.fires >= MIN_SUPPORT for e in evidence.values()),
        "below_declared": below_declared(evidence, declared),
    }


def markdown(s: Mapping[str, Any]) -> str:
    """The rules whose measured precision is below their declared confidence."""
    rows = s["below_declared"]
    lines = [
        f"Rules whose measured precision is below their declared confidence ({len(rows)} of "
        f"{s['rules_measured']} rules that fired; ≥ {s['min_support']} firings on tuning data decide a confidence, "
        "written with --write-precision):",
        "",
        "| rule | declared | measured precision % | hits / fires | Wilson lower bound | confidence in use |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        used = f"{r['confidence_used']:.2f}"
        lines.append(
            f"| `{r['rule']}` | {r['declared']:.2f} | {100 * r['precision']:.1f} | {r['hits']} / {r['fires']} | "
            f"{r['wilson_lower']:.2f} | {used} |"
        )
    return "\n".join(lines) + "\n"
