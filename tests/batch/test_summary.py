"""The summary counts the current input's records once each, whatever else the folder holds."""

from __future__ import annotations

from collections import Counter
from typing import Any

from cleaner.batch.keys import short_key
from cleaner.batch.summary import SummaryBuilder

K = {name: f"{n:016x}{0:016x}" for n, name in enumerate(("a", "b", "c", "old", "lost"), start=1)}


def _finding(rule: str, engine: str, severity: str) -> dict[str, Any]:
    return {"rule_id": rule, "engine": engine, "category": "calque", "severity": severity}


def test_counts_rules_engines_severities_and_scores() -> None:
    recs = [
        {
            "key": K["a"],
            "id": "A",
            "path": "p",
            "words": 100,
            "garble_score": 6.0,
            "findings": [_finding("R1", "rules", "major"), _finding("R1", "rules", "minor")],
        },
        {
            "key": K["b"],
            "id": "B",
            "path": "q",
            "words": 50,
            "garble_score": 0.0,
            "findings": [_finding("LT", "languagetool", "info")],
        },
        {"key": K["c"], "id": "C", "path": "r", "error": "r:3: not valid JSON: Expecting value at column 1"},
        {"key": K["old"], "id": "D", "path": "s", "words": 9, "garble_score": 1.0, "findings": []},
        {"key": K["a"], "id": "A", "path": "p", "words": 100, "garble_score": 6.0, "findings": []},
    ]
    s = SummaryBuilder(Counter({short_key(K[k]): 1 for k in ("a", "b", "c", "lost")})).add_all(recs).summary()
    assert (s["articles"], s["words"], s["findings"], s["errors"], s["missing"], s["stale_records"]) == (
        2,
        150,
        3,
        1,
        1,
        2,
    )
    assert s["by_rule"] == {"R1": 2, "LT": 1}
    assert s["by_engine"] == {"rules": 2, "languagetool": 1}
    assert s["by_severity"] == {"major": 1, "minor": 1, "info": 1}
    assert s["errors_by_kind"] == {"not valid JSON": 1}
    g = s["garble_score"]
    assert g["levels"] == {"low": 1, "medium": 0, "high": 1}
    assert g["max"] == 6.0 and g["mean"] == 3.0
    assert [b["articles"] for b in g["histogram"]] == [1, 0, 0, 0, 1, 0, 0]
    assert s["worst"][0]["id"] == "A"
