from __future__ import annotations

from cleaner.document import Span
from cleaner.findings import Finding, Severity, numbered


def finding(start: int, end: int, rule: str = "R") -> Finding:
    return Finding(Span(start, end), "t" * (end - start), rule, "rules", "grammar", Severity.MINOR, 0.7, "m")


def test_severity_order() -> None:
    assert Severity.MAJOR.at_least(Severity.MINOR)
    assert not Severity.INFO.at_least(Severity.MINOR)


def test_numbered_gives_ids_in_text_order() -> None:
    found = numbered([finding(20, 25, "late"), finding(0, 5, "early"), finding(0, 5, "also-early")])
    assert [(f.id, f.rule_id) for f in found] == [(1, "also-early"), (2, "early"), (3, "late")]
