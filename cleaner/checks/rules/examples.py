"""Run every rule's examples: a rule is only as good as the sentences it proves itself on.

For each ``bad`` sentence the rule must fire, and fixing it the way
``cleaner fix`` does (the same planner, whatever the rule's confidence) must
give exactly ``good``; ``good`` itself must not trigger the rule again.
For each ``ok`` sentence the rule must stay silent.
Examples run through the full compiled rule set, so a rule that another
rule shadows fails its own examples.
"""

from __future__ import annotations

from collections.abc import Iterable

from cleaner.checks.rules.matcher import RuleChecker
from cleaner.checks.rules.model import Example, Rule
from cleaner.document import Document, Region, Span
from cleaner.errors import RuleFileError
from cleaner.findings import Finding, numbered
from cleaner.fixes import corrected_text, plan_fixes


def check_examples(checker: RuleChecker, rules: Iterable[Rule] | None = None) -> list[RuleFileError]:
    """Every example that does not behave, as ``file:line: rule-id: what is wrong``."""
    failures: list[RuleFileError] = []
    for rule in rules if rules is not None else checker.compiled.rules:
        for ex in rule.examples:
            problem = example_problem(checker, rule, ex)
            if problem:
                failures.append(RuleFileError(rule.path, ex.line, rule.id, problem))
    return failures


def _document(rule: Rule, text: str) -> Document:
    # A rule limited to headlines (``only: headline``) is tried on an example that is one.
    regions = tuple(Region(kind, Span(0, len(text))) for kind in sorted(rule.only))
    return Document(path="<example>", text=text, regions=regions)


def _own(checker: RuleChecker, rule: Rule, text: str) -> list[Finding]:
    return [f for f in checker.check(_document(rule, text)) if f.rule_id == rule.id]


def example_problem(checker: RuleChecker, rule: Rule, ex: Example) -> str | None:
    """Why ``ex`` fails for ``rule``, or None when it behaves."""
    if ex.ok is not None:
        hits = _own(checker, rule, ex.ok)
        if hits:
            return f"false alarm on ok example: flags {hits[0].text!r} in {ex.ok!r}"
        return None
    assert ex.bad is not None
    hits = _own(checker, rule, ex.bad)
    if not hits:
        return f"does not flag bad example {ex.bad!r}"
    if ex.good is None:
        return None
    fixed = corrected_text(plan_fixes(_document(rule, ex.bad), numbered(hits), threshold=0.0))
    if fixed != ex.good:
        return f"fixes {ex.bad!r} to {fixed!r}, expected {ex.good!r}"
    again = _own(checker, rule, ex.good)
    if again:
        return f"flags its own correction {ex.good!r} at {again[0].text!r}"
    return None
