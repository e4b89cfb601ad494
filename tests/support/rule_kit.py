"""A one-rule file head and a quick "what does this rule folder flag" helper for rule-engine tests."""

from __future__ import annotations

from pathlib import Path

from cleaner.checks.rules import RuleChecker, compile_rules, load_rules
from cleaner.document import Document

HEAD = """\
rules:
  - id: R
    message: "why"
    category: grammar
    severity: major
    confidence: 0.9
"""


def checker(folder: Path) -> RuleChecker:
    return RuleChecker(compile_rules(load_rules([folder])))


def fixes(folder: Path, text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(f.text, f.replacements) for f in checker(folder).check(Document.from_text(text))]
