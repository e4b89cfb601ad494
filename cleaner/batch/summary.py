"""The corpus summary: articles, words, findings by rule, engine, category and severity, garble scores.

Built from the stored records, not from this run's results, so a resumed
run summarises the whole corpus.  Only records whose key belongs to the
current input count (each as often as the input has it): records of articles
since changed, or of another rule set, are left out and counted as stale.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from cleaner.batch.keys import short_key
from cleaner.findings import Severity
from cleaner.report.model import GARBLE_SCORE_EXPLAINED, score_level

HISTOGRAM_EDGES = (0.5, 1.0, 2.0, 5.0, 10.0, 20.0)
"""Upper bounds of the garble-score histogram's bins (the last bin is open)."""
QUANTILES = (0.5, 0.9, 0.99)
WORST = 20


def _sorted(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def _quantile(ordered: list[float], q: float) -> float:
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class SummaryBuilder:
    """Accumulates records one at a time (memory: one float per article, plus the counters)."""

    def __init__(self, wanted: Counter[int]) -> None:
        self.wanted = wanted  # consumed: the client's biggest structure is not copied
        self.articles = 0
        self.words = 0
        self.findings = 0
        self.stale = 0
        self.errors: Counter[str] = Counter()
        self.error_examples: list[str] = []
        self.by_rule: Counter[str] = Counter()
        self.by_engine: Counter[str] = Counter()
        self.by_category: Counter[str] = Counter()
        self.by_severity: Counter[str] = Counter({s.value: 0 for s in Severity})
        self.scores: list[float] = []
        self.worst: list[tuple[float, str, str, int]] = []

    def add(self, record: dict[str, Any]) -> None:
        key = short_key(record["key"])
        if self.wanted[key] <= 0:
            self.stale += 1
            return
        self.wanted[key] -= 1
        if "error" in record:
            self.errors[_error_kind(str(record["error"]))] += 1
            if len(self.error_examples) < WORST:
                self.error_examples.append(str(record["error"]))
            return
        findings = record.get("findings", [])
        self.articles += 1
        self.words += int(record.get("words", 0))
        self.findings += len(findings)
        for f in findings:
            self.by_rule[f["rule_id"]] += 1
            self.by_engine[f["engine"]] += 1
            self.by_category[f["category"]] += 1
            self.by_severity[f["severity"]] += 1
        score = float(record.get("garble_score", 0.0))
        self.scores.append(score)
        entry = (score, str(record.get("id")), str(record.get("path")), len(findings))
        if len(self.worst) < WORST:
            heapq.heappush(self.worst, entry)
        else:
            heapq.heappushpop(self.worst, entry)

    def add_all(self, records: Iterable[dict[str, Any]]) -> SummaryBuilder:
        for record in records:
            self.add(record)
        return self

    @property
    def missing(self) -> int:
        """Input items that have no record (their partition failed in this run)."""
        return sum(n for n in self.wanted.values() if n > 0)

    def summary(self) -> dict[str, Any]:
        ordered = sorted(self.scores)
        counts = [0] * (len(HISTOGRAM_EDGES) + 1)
        for s in ordered:
            counts[bisect.bisect_right(HISTOGRAM_EDGES, s)] += 1
        lows = (0.0, *HISTOGRAM_EDGES)
        highs: tuple[float | None, ...] = (*HISTOGRAM_EDGES, None)
        levels = Counter(score_level(s) for s in ordered)
        return {
            "articles": self.articles,
            "words": self.words,
            "errors": sum(self.errors.values()),
            "errors_by_kind": _sorted(self.errors),
            "error_examples": self.error_examples,
            "missing": self.missing,
            "stale_records": self.stale,
            "findings": self.findings,
            "findings_per_1000_words": round(1000 * self.findings / self.words, 3) if self.words else 0.0,
            "by_severity": dict(self.by_severity),
            "by_engine": _sorted(self.by_engine),
            "by_category": _sorted(self.by_category),
            "by_rule": _sorted(self.by_rule),
            "garble_score": {
                "explained": GARBLE_SCORE_EXPLAINED,
                "mean": round(sum(ordered) / len(ordered), 4) if ordered else 0.0,
                **{f"p{round(q * 100)}": round(_quantile(ordered, q), 4) for q in QUANTILES},
                "max": round(ordered[-1], 4) if ordered else 0.0,
                "levels": {level: levels[level] for level in ("low", "medium", "high")},
                "histogram": [
                    {"from": lo, "to": hi, "articles": n} for lo, hi, n in zip(lows, highs, counts, strict=True)
                ],
            },
            "worst": [
                {"id": i, "path": p, "garble_score": round(s, 4), "findings": n}
                for s, i, p, n in sorted(self.worst, reverse=True)
            ],
        }


def _error_kind(message: str) -> str:
    """The problem without the place: ``corpus.jsonl:7: not valid JSON: …`` → ``not valid JSON``."""
    problem = message.split(": ", 1)[-1]
    return re.sub(r"\d+", "N", problem.split(":", 1)[0].split(" (", 1)[0])[:80]
