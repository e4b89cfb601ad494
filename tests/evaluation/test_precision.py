"""Rule evidence from an eval run, and the rules whose measured precision is below their declared confidence."""

from __future__ import annotations

from cleaner.evaluation.precision import below_declared, collect, markdown, summary


def test_evidence_sums_sources_and_counts_originals_as_wrong() -> None:
    roundtrip = [
        {"rule": "rules:A", "fires": 10, "hits": 8, "original_fires": 2},
        {"rule": "languagetool:X", "fires": 50, "hits": 1, "original_fires": 9},  # not the rule engine
    ]
    mqm = [{"rule": "rules:A", "mqm_fires": 5, "mqm_hits": 5}, {"rule": "rules:B", "mqm_fires": 0, "mqm_hits": 0}]
    evidence = collect(roundtrip, mqm, "tune.jsonl", "mqm.jsonl")
    assert list(evidence) == ["A"]
    a = evidence["A"]
    assert (a.fires, a.hits) == (17, 13)
    assert a.by_source == {"tune.jsonl": (10, 8), "tune.jsonl originals": (2, 0), "mqm.jsonl": (5, 5)}


def test_rules_below_their_declared_confidence_are_listed_worst_first() -> None:
    evidence = collect(
        [
            {"rule": "rules:GOOD", "fires": 30, "hits": 30, "original_fires": 0},
            {"rule": "rules:BAD", "fires": 30, "hits": 6, "original_fires": 0},
            {"rule": "rules:MEH", "fires": 4, "hits": 3, "original_fires": 0},
        ],
        None,
    )
    rows = below_declared(evidence, {"GOOD": 0.9, "BAD": 0.9, "MEH": 0.85})
    assert [r["rule"] for r in rows] == ["BAD", "MEH"]
    bad, meh = rows
    assert (bad["precision"], bad["enough_support"]) == (0.2, True)
    assert bad["confidence_used"] < 0.2
    assert (meh["enough_support"], meh["confidence_used"]) == (False, 0.85)  # the author's: too few firings
    table = markdown(summary(evidence, {"GOOD": 0.9, "BAD": 0.9, "MEH": 0.85}))
    assert "(2 of 3 rules that fired" in table
    assert "| `MEH` | 0.85 | 75.0 | 3 / 4 | 0.36 | 0.85 |" in table


def test_the_confidence_in_use_is_the_one_the_findings_carried() -> None:
    evidence = collect([{"rule": "rules:R", "fires": 40, "hits": 4, "original_fires": 0, "confidence": 0.33}], None)
    (row,) = below_declared(evidence, {"R": 0.9})
    assert row["confidence_used"] == 0.33
