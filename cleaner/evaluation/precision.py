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

from cleaner.engine.measured import MIN_SUPPORT, Measured, effective_confidence

ENGINE_PREFIX = "rules:"
"""Only the rule engine's confidences come from the table; LanguageTool's are set in its mapping."""


@dataclass
class Evidence:
    """Fires and hits of one rule, in total and per source."""

    fires: int = 0
    hits: int = 0
    by_source: dict[str, tuple[int, int]] = field(default_factory=dict)

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

    def ev(rule: str) -> Evidence | None:
        if not rule.startswith(ENGINE_PREFIX):
            return None
        return out.setdefault(rule[len(ENGINE_PREFIX) :], Evidence())

    for r in roundtrip_rules or ():
        if (e := ev(str(r["rule"]))) is not None:
            e.add(roundtrip_name, int(r["fires"]), int(r["hits"]))
            e.add(f"{roundtrip_name} originals", int(r["original_fires"]), 0)
    for r in mqm_rules or ():
        if (e := ev(str(r["rule"]))) is not None:
            e.add(mqm_name, int(r["mqm_fires"]), int(r["mqm_hits"]))
    return {k: v for k, v in out.items() if v.fires}


def declared_confidences(rule_paths: Iterable[Path], builtin: bool) -> dict[str, float]:
    """Each rule's ``confidence:`` as its author wrote it (no measurement applied)."""
    from cleaner.engine.loader import load_rules
    from cleaner.paths import builtin_rules_dir

    paths = ([builtin_rules_dir()] if builtin else []) + list(rule_paths)
    return {r.id: r.confidence for r in load_rules(paths).rules}


def below_declared(evidence: Mapping[str, Evidence], declared: Mapping[str, float]) -> list[dict[str, Any]]:
    """Rules whose measured precision is below their author's confidence, worst gap first."""
    rows = []
    for rule_id, e in evidence.items():
        author = declared.get(rule_id)
        m = Measured(e.fires, e.hits)
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
                "confidence_used": effective_confidence(author, m),
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
        f"{s['rules_measured']} rules that fired; ≥ {s['min_support']} firings decide the confidence):",
        "",
        "| rule | declared | measured precision % | hits / fires | Wilson lower bound | confidence used |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        used = f"{r['confidence_used']:.2f}" + ("" if r["enough_support"] else " (author's)")
        lines.append(
            f"| `{r['rule']}` | {r['declared']:.2f} | {100 * r['precision']:.1f} | {r['hits']} / {r['fires']} | "
            f"{r['wilson_lower']:.2f} | {used} |"
        )
    return "\n".join(lines) + "\n"
