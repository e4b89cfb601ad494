"""``cleaner rules list`` and ``cleaner rules test``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from cleaner.checks.rules import RuleChecker, check_examples, compile_rules, load_rules
from cleaner.errors import ExitCode
from cleaner.paths import builtin_rules_dir


def _paths(extra: Sequence[Path], builtin: bool) -> list[Path]:
    return ([builtin_rules_dir()] if builtin else []) + list(extra)


def run_rules_list(extra: Sequence[Path], builtin: bool, out: Callable[[str], None]) -> ExitCode:
    """One line per rule: id, category, severity, confidence, where, what it matches."""
    ruleset = load_rules(_paths(extra, builtin))
    for r in ruleset.rules:
        what = r.pattern.source if r.pattern else f"re:{r.regex.pattern if r.regex else ''}"
        out(f"{r.id}\t{r.category}\t{r.severity.value}\t{r.confidence:.2f}\t{r.where}\t{what}")
    out(f"{len(ruleset.rules)} rules in {len(ruleset.files)} files")
    return ExitCode.OK


def run_rules_test(extra: Sequence[Path], builtin: bool, out: Callable[[str], None]) -> ExitCode:
    """Run every rule's examples; print each failure as file:line; exit 2 if any fails."""
    checker = RuleChecker(compile_rules(load_rules(_paths(extra, builtin))))
    failures = check_examples(checker)
    for failure in failures:
        out(str(failure))
    n = sum(len(r.examples) for r in checker.compiled.rules)
    out(f"{n - len(failures)} passed, {len(failures)} failed ({len(checker.compiled.rules)} rules)")
    return ExitCode.ERROR if failures else ExitCode.OK
