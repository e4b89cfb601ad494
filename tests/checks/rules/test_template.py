from __future__ import annotations

from cleaner.checks.rules.template import match_case, render, template_refs


def test_references_and_inflection() -> None:
    groups = {1: "concluded", 2: "a deal"}
    assert render("{reach:1} {2}", groups.__getitem__) == "reached a deal"
    assert render("{carry out:1} the plan", {1: "realizing"}.__getitem__) == "carrying out the plan"


def test_template_refs() -> None:
    assert template_refs("{1}% {tariff:3} {0}") == [1, 3, 0]


def test_match_case() -> None:
    assert match_case("trade talks", "Pricing talks") == "Trade talks"
    assert match_case("trade talks", "PRICING TALKS") == "TRADE TALKS"
    assert match_case("Census Bureau", "census office") == "Census Bureau"
    assert match_case("trade talks", "pricing talks") == "trade talks"
