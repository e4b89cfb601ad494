"""The policy filter: rules and categories on or off, severity overrides (a rule id beats its category)."""

from __future__ import annotations

from cleaner.document import Span
from cleaner.findings import Finding, Policy, Severity, apply_policy


def finding(rule: str, category: str = "calque") -> Finding:
    return Finding(Span(0, 1), "x", rule, "rules", category, Severity.MINOR, 0.9, "m")


def test_disabled_rules_and_categories_are_dropped() -> None:
    found = [finding("A"), finding("B", "style"), finding("C")]
    kept = apply_policy(found, Policy(disabled_rules=frozenset({"A"}), disabled_categories=frozenset({"style"})))
    assert [f.rule_id for f in kept] == ["C"]


def test_an_allow_list_keeps_only_its_rules() -> None:
    assert [f.rule_id for f in apply_policy([finding("A"), finding("B")], Policy(enabled_rules=frozenset({"B"})))] == [
        "B"
    ]


def test_a_rule_override_beats_its_category() -> None:
    policy = Policy(severity_overrides={"calque": Severity.INFO, "A": Severity.MAJOR})
    assert [f.severity for f in apply_policy([finding("A"), finding("B")], policy)] == [Severity.MAJOR, Severity.INFO]


def test_old_rule_ids_stand_for_the_rule_that_replaced_them() -> None:
    policy = Policy(
        disabled_rules=frozenset({"OLD_A"}), severity_overrides={"OLD_B": Severity.INFO, "B": Severity.MAJOR}
    ).renamed({"OLD_A": "A", "OLD_B": "B", "OLD_C": "C"})
    kept = apply_policy([finding("A"), finding("B"), finding("C")], policy)
    # B's own override beats the one written for its old id.
    assert [(f.rule_id, f.severity) for f in kept] == [("B", Severity.MAJOR), ("C", Severity.MINOR)]
    only = Policy(enabled_rules=frozenset({"OLD_C"})).renamed({"OLD_C": "C"})
    assert [f.rule_id for f in apply_policy([finding("A"), finding("C")], only)] == ["C"]
