"""Helpers shared by the format, suppression, config and report tests: a small rule set and a CLI runner.

The rules are written per test (``--no-builtin-rules``), so these tests never
depend on the evolving built-in rules, and LanguageTool is off.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cleaner.cli import main

RULES = """\
domain: test
rules:
  - id: T_PRICING_TALKS
    match: "pricing {talks|negotiations}"
    replace: "trade {2}"
    message: "French 'tarif' means tariff: pricing talks are trade talks."
    category: mistranslation
    severity: major
    confidence: 0.9
    examples:
      - bad: "They held pricing talks."
        good: "They held trade talks."
      - ok: "The pricing of the bonds was delayed."
  - id: T_CHINESE_CHIEF
    match: "Chinese chief"
    replace: "Chinese leader"
    message: "'chief' (French 'chef') for a head of state."
    category: title
    severity: major
    confidence: 0.85
    examples:
      - bad: "The Chinese chief spoke."
        good: "The Chinese leader spoke."
  - id: T_CONCLUDE
    match: "conclude {an agreement|a deal}"
    replace: "{reach:1} {2}"
    message: "'conclure un accord' is 'reach an agreement'."
    category: calque
    severity: minor
    confidence: 0.8
    examples:
      - bad: "They will conclude an agreement."
        good: "They will reach an agreement."
"""

Run = Callable[..., tuple[int, str, str]]


def rule_args(write_rules: Callable[[str], Path]) -> list[str]:
    """Command-line options for the test rules only, without LanguageTool."""
    return ["--no-builtin-rules", "--rules", str(write_rules(RULES)), "--no-languagetool"]


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``cleaner ARGS`` through the real entry point: (exit code, stdout, stderr)."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err
