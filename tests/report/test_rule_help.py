"""SARIF rule help: the rule file's description for the rule engine's rules, a versioned documentation link."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cleaner import __version__
from cleaner.checks.rules.loader import load_rules
from cleaner.document import Span
from cleaner.findings import Finding, Severity
from cleaner.report.rule_help import PAGES, REPOSITORY, help_uri, rule_help

RULE = """\
rules:
  - id: T_PRICES
    match: "20% prices"
    replace: "20% tariffs"
    message: "French 'tarif' means tariff."
    category: mistranslation
    severity: major
    confidence: 0.9
    pivots: [fr]
    examples:
      - bad: "They set 20% prices on steel."
        good: "They set 20% tariffs on steel."
"""


def _finding(rule_id: str, engine: str, message: str = "A message.") -> Finding:
    return Finding(
        span=Span(0, 3),
        text="abc",
        rule_id=rule_id,
        engine=engine,
        category="grammar",
        severity=Severity.MINOR,
        confidence=0.5,
        message=message,
    )


def test_a_rule_engine_finding_gets_its_rule_files_message_pivots_and_examples(
    write_rules: Callable[[str], Path],
) -> None:
    (rule,) = load_rules([write_rules(RULE)]).rules
    got = rule_help(_finding("T_PRICES", "rules", "whatever the finding said"), {"T_PRICES": rule})
    assert got["markdown"] == (
        "**T_PRICES** (mistranslation, major)\n\nFrench 'tarif' means tariff.\n\nPivot languages: fr.\n\n"
        "Examples:\n- ✗ They set 20% prices on steel. → ✓ They set 20% tariffs on steel.\n"
    )
    assert got["text"].splitlines()[-1] == "Bad: They set 20% prices on steel. -> good: They set 20% tariffs on steel."


def test_other_engines_and_rules_missing_from_the_map_get_the_findings_message(
    write_rules: Callable[[str], Path],
) -> None:
    (rule,) = load_rules([write_rules(RULE)]).rules
    # the same id from another engine is not the rule file's rule
    lt = rule_help(_finding("T_PRICES", "languagetool", "Possible   agreement\nerror."), {"T_PRICES": rule})
    assert lt == {
        "text": "Possible agreement error.",
        "markdown": "**T_PRICES** (grammar, languagetool)\n\nPossible agreement error.\n",
    }
    assert rule_help(_finding("T_GONE", "rules"), {"T_PRICES": rule})["text"] == "A message."


def test_help_uri_points_at_the_engines_page_at_this_versions_tag() -> None:
    assert help_uri("languagetool", "https://git.example/org/cleaner/") == (
        f"https://git.example/org/cleaner/blob/v{__version__}/docs/languagetool.md#findings"
    )
    assert help_uri("fluency").startswith(f"{REPOSITORY}/blob/v{__version__}/docs/fluency.md#")
    assert help_uri("no-such-engine") == help_uri("rules")  # an unknown engine gets the rule page


def test_help_uri_anchors_exist_in_the_docs() -> None:
    docs = Path(__file__).resolve().parents[2] / "docs"
    for page, anchor in set(PAGES.values()):
        headings = [line.lstrip("#").strip() for line in (docs / page).read_text("utf-8").splitlines()]
        slugs = {"".join(c for c in h.lower().replace(" ", "-") if c.isalnum() or c in "-_") for h in headings}
        assert anchor in slugs, (page, anchor)
