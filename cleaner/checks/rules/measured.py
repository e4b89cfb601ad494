"""Confidence from evidence: a rule's measured precision replaces its author's guess when support allows.

``rules/measured-precision.json`` (written by ``cleaner eval --write-precision``)
holds, per rule id, how often the rule fired on the tuning data and how often
that firing was on a real garble.  When a rule fired at least
``min_support`` times, its confidence — the number ``cleaner fix`` compares
with the auto-fix threshold — becomes the Wilson score lower bound of that
precision (one-sided 95 %, z = 1.645): a rule right 20 times out of 20 gets
0.88, one right 18 times out of 20 gets 0.74.  Below that support the
author's ``confidence:`` stands.  The lower bound rather than the raw rate so
that a lucky small sample cannot push a rule over the threshold.

The file is JSON, not YAML, so the rule loader never mistakes it for a rule file.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cleaner.checks.rules.compiler import CompiledRules
from cleaner.checks.rules.lazy_rules import LazyRules
from cleaner.checks.rules.model import Rule
from cleaner.errors import InputError

MEASURED_FILE = "measured-precision.json"
MIN_SUPPORT = 20
"""Firings (on tuning pairs, their originals and MQM) needed before the measurement decides."""
Z_ONE_SIDED_95 = 1.645


def wilson_lower_bound(hits: int, n: int, z: float = Z_ONE_SIDED_95) -> float:
    """The Wilson score interval's lower end for ``hits`` successes in ``n`` trials (0 when n is 0)."""
    if n <= 0:
        return 0.0
    p = hits / n
    z2 = z * z
    centre = p + z2 / (2 * n)
    margin = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return max(0.0, (centre - margin) / (1 + z2 / n))


@dataclass(frozen=True)
class Measured:
    """One rule's evidence: firings, those on a real garble, and the confidence they justify."""

    fires: int
    hits: int
    min_support: int = MIN_SUPPORT
    fix_wins: int = 0
    fix_losses: int = 0
    """Firings whose first replacement alone moved chrF towards / away from the reference (ties left out)."""

    @property
    def precision(self) -> float:
        return self.hits / self.fires if self.fires else 0.0

    @property
    def lower_bound(self) -> float:
        return wilson_lower_bound(self.hits, self.fires)

    @property
    def decides(self) -> bool:
        """Enough support for the measurement to replace the author's confidence."""
        return self.fires >= self.min_support

    @property
    def fix_lower_bound(self) -> float | None:
        """Wilson lower bound of the replacement's win rate, when enough fixes moved chrF (else None)."""
        tried = self.fix_wins + self.fix_losses
        return wilson_lower_bound(self.fix_wins, tried) if tried >= self.min_support else None


def effective_confidence(declared: float, measured: Measured | None) -> float:
    """The confidence ``fix`` uses: the measured lower bound with enough support, else the author's.

    When enough of the rule's replacements were scored against a reference,
    the lower bound of their win rate caps it: a rule that finds real garble
    but whose fix does not restore the text must not be applied automatically.
    """
    if measured is None or not measured.decides:
        return declared
    bound = measured.lower_bound
    fix = measured.fix_lower_bound
    return round(bound if fix is None else min(bound, fix), 3)


def load_measured(path: Path) -> dict[str, Measured]:
    """Rule id → evidence from one measured-precision file; a malformed file is a one-line error."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise InputError(path, f"line {exc.lineno}: not JSON ({exc.msg})") from None
    if not isinstance(data, dict) or not isinstance(data.get("rules"), dict):
        raise InputError(path, "expected an object with a 'rules' object")
    min_support = data.get("min_support", MIN_SUPPORT)
    out: dict[str, Measured] = {}
    for rule_id, entry in data["rules"].items():
        fires, hits = (entry.get(k) if isinstance(entry, dict) else None for k in ("fires", "hits"))
        if not isinstance(fires, int) or not isinstance(hits, int) or not 0 <= hits <= fires:
            raise InputError(path, f"rule {rule_id}: needs integer 'fires' and 'hits' with 0 <= hits <= fires")
        wins, losses = (entry.get(k, 0) for k in ("fix_wins", "fix_losses"))
        if not isinstance(wins, int) or not isinstance(losses, int) or wins < 0 or losses < 0:
            raise InputError(path, f"rule {rule_id}: 'fix_wins' and 'fix_losses' must be counts")
        out[rule_id] = Measured(fires, hits, int(min_support), wins, losses)
    return out


def measured_for(paths: Iterable[Path]) -> dict[str, Measured]:
    """The measured tables of the rule folders among ``paths`` (a later folder's entry wins)."""
    table: dict[str, Measured] = {}
    for p in paths:
        candidate = p / MEASURED_FILE if p.is_dir() else None
        if candidate is not None and candidate.is_file():
            table.update(load_measured(candidate))
    return table


def with_measured_confidence(compiled: CompiledRules, table: Mapping[str, Measured]) -> CompiledRules:
    """The compiled rules with each rule's confidence decided by evidence where there is enough.

    Only the rules that have evidence (their own or a replaced rule's) are touched, so cached rules that
    are still encoded stay undecoded: start-up stays lazy.
    """
    if not table:
        return compiled
    rules = compiled.rules
    wanted = set(table) | {new for old, new in compiled.aliases.items() if old in table}
    ids = rules.ids if isinstance(rules, LazyRules) else tuple(r.id for r in rules)
    changed = {index: _measured(rules[index], table) for index, rule_id in enumerate(ids) if rule_id in wanted}
    if isinstance(rules, LazyRules):
        return replace(compiled, rules=rules.with_changes(changed))
    return replace(compiled, rules=tuple(changed.get(i, r) for i, r in enumerate(rules)))


def _measured(rule: Rule, table: Mapping[str, Measured]) -> Rule:
    return replace(rule, confidence=effective_confidence(rule.confidence, evidence_of(rule, table)))


def evidence_of(rule: Rule, table: Mapping[str, Measured]) -> Measured | None:
    """The rule's evidence: its own entry, else the summed entries of the rules it replaced (``replaces:``).

    A rule that took over a family was measured, before, as its members: their
    firings are its firings, until the next measurement names it.
    """
    own = table.get(rule.id)
    if own is not None:
        return own
    old = [table[i] for i in rule.replaces if i in table]
    if not old:
        return None
    return Measured(
        sum(m.fires for m in old),
        sum(m.hits for m in old),
        old[0].min_support,
        sum(m.fix_wins for m in old),
        sum(m.fix_losses for m in old),
    )


def table_json(
    evidence: Mapping[str, tuple[int, int, int, int, Mapping[str, tuple[int, int]]]],
    declared: Mapping[str, float],
    meta: Mapping[str, Any],
) -> str:
    """The measured-precision file: rule id → fires, hits, fix wins/losses, bounds, per-source counts."""
    rules: dict[str, Any] = {}
    for rule_id in sorted(evidence):
        fires, hits, wins, losses, by_source = evidence[rule_id]
        m = Measured(fires, hits, fix_wins=wins, fix_losses=losses)
        fix_bound = m.fix_lower_bound
        rules[rule_id] = {
            "fires": fires,
            "hits": hits,
            "precision": round(m.precision, 4),
            "wilson_lower": round(m.lower_bound, 4),
            "fix_wins": wins,
            "fix_losses": losses,
            "fix_wilson_lower": None if fix_bound is None else round(fix_bound, 4),
            "declared": declared.get(rule_id),
            "confidence": effective_confidence(declared.get(rule_id, 0.0), m),
            "decides": m.decides,
            "by_source": {name: {"fires": f, "hits": h} for name, (f, h) in by_source.items()},
        }
    body = {**meta, "min_support": MIN_SUPPORT, "z": Z_ONE_SIDED_95, "rules": rules}
    return json.dumps(body, indent=1, ensure_ascii=False) + "\n"
