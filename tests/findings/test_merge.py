from __future__ import annotations

from cleaner.checks.registry import PRECEDENCE
from cleaner.document.spans import Span
from cleaner.findings import Finding, Severity, merge


def finding(start: int, end: int, engine: str, rule: str, repl: tuple[str, ...] = ("x",)) -> Finding:
    return Finding(
        Span(start, end), "t" * (end - start), rule, engine, "grammar", Severity.MINOR, 0.7, f"{rule} says", repl
    )


def test_same_span_from_two_engines_merges_preferring_rules() -> None:
    merged = merge([finding(0, 5, "languagetool", "LT1", ("b",)), finding(0, 5, "rules", "R1", ())], PRECEDENCE)
    (m,) = merged
    assert m.rule_id == "R1"
    assert m.replacements == ("b",)
    assert "LT1 says" in m.message and "R1 says" in m.message
    assert m.also == ("languagetool:LT1",)


def test_findings_of_one_engine_are_not_merged() -> None:
    assert len(merge([finding(0, 5, "rules", "A"), finding(0, 5, "rules", "B")], PRECEDENCE)) == 2


def test_disjoint_and_slightly_overlapping_stay_apart() -> None:
    merged = merge(
        [finding(0, 10, "rules", "A"), finding(9, 30, "languagetool", "B"), finding(40, 45, "names", "C")], PRECEDENCE
    )
    assert [m.rule_id for m in merged] == ["A", "B", "C"]


def test_merge_is_sorted_by_position() -> None:
    merged = merge([finding(20, 25, "rules", "late"), finding(0, 5, "languagetool", "early")], PRECEDENCE)
    assert [m.rule_id for m in merged] == ["early", "late"]


def test_precedence_is_the_order_given() -> None:
    (m,) = merge([finding(0, 5, "languagetool", "LT1"), finding(0, 5, "rules", "R1")], ("languagetool", "rules"))
    assert m.rule_id == "LT1"


def confident(f: Finding, confidence: float) -> Finding:
    return Finding(f.span, f.text, f.rule_id, f.engine, f.category, f.severity, confidence, f.message, f.replacements)


def test_a_surer_engine_does_not_lend_its_confidence_to_another_fix() -> None:
    hint = confident(finding(0, 5, "rules", "R1", ("a",)), 0.35)
    sure = confident(finding(0, 5, "languagetool", "LT1", ("b",)), 0.9)
    (m,) = merge([hint, sure], PRECEDENCE)
    assert m.replacements == ("a",)
    assert m.confidence == 0.35


def test_agreeing_engines_keep_the_higher_confidence() -> None:
    hint = confident(finding(0, 5, "rules", "R1", ("a",)), 0.35)
    sure = confident(finding(0, 5, "languagetool", "LT1", ("a", "c")), 0.9)
    (m,) = merge([hint, sure], PRECEDENCE)
    assert (m.replacements, m.confidence) == (("a",), 0.9)


def test_a_fix_taken_from_the_other_engine_brings_its_confidence() -> None:
    flag = confident(finding(0, 5, "rules", "R1", ()), 0.9)
    fix = confident(finding(0, 5, "languagetool", "LT1", ("b",)), 0.5)
    (m,) = merge([flag, fix], PRECEDENCE)
    assert (m.replacements, m.confidence) == (("b",), 0.5)
