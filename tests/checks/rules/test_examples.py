"""Rule examples are tests: every built-in rule's examples run here, one test per rule."""

from __future__ import annotations

import pytest

from cleaner.checks.rules.compiler import compile_rules
from cleaner.checks.rules.examples import example_problem
from cleaner.checks.rules.loader import load_rules
from cleaner.checks.rules.matcher import RuleChecker
from cleaner.checks.rules.model import Rule
from cleaner.paths import builtin_rules_dir

CHECKER = RuleChecker(compile_rules(load_rules([builtin_rules_dir()])))


def test_there_are_at_least_300_builtin_rules() -> None:
    assert len(CHECKER.compiled.rules) >= 300


@pytest.mark.parametrize("rule", CHECKER.compiled.rules, ids=lambda r: r.id)
def test_rule_examples(rule: Rule) -> None:
    problems = [f"{rule.path}:{ex.line}: {p}" for ex in rule.examples if (p := example_problem(CHECKER, rule, ex))]
    assert not problems, "\n".join(problems)
