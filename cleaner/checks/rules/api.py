"""The engine's front door: rule folders in, a ready RuleChecker out."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cleaner.checks.rules.cache import cached_compile
from cleaner.checks.rules.compiler import CompiledRules, compile_rules
from cleaner.checks.rules.examples import check_examples
from cleaner.checks.rules.loader import load_rules, rule_files
from cleaner.checks.rules.matcher import RuleChecker
from cleaner.checks.rules.measured import measured_for, with_measured_confidence
from cleaner.errors import RuleFileErrors
from cleaner.paths import builtin_rules_dir, cache_dir


def compile_and_verify(paths: Sequence[Path]) -> CompiledRules:
    """Load, validate and compile; fail if any rule's examples do not behave."""
    compiled = compile_rules(load_rules(paths))
    failures = check_examples(RuleChecker(compiled))
    if failures:
        raise RuleFileErrors(failures)
    return compiled


def load_checker(
    extra: Sequence[Path] = (),
    *,
    builtin: bool = True,
    disabled: frozenset[str] = frozenset(),
    use_cache: bool = True,
    unconfirmed: bool = False,
) -> RuleChecker:
    """A RuleChecker over the built-in rules plus ``extra`` rule files or folders.

    Confidences measured on tuning data (``measured-precision.json`` in a rule
    folder, see :mod:`cleaner.checks.rules.measured`) replace the authors' where
    their support is enough.  With ``unconfirmed``, matches that lack their
    ``near:`` words are reported too, marked for a judge (the fluency gate).
    """
    paths = ([builtin_rules_dir()] if builtin else []) + list(extra)
    files = rule_files(paths)
    if use_cache:
        compiled = cached_compile(cache_dir(), files, lambda: compile_and_verify(files))
    else:
        compiled = compile_and_verify(files)
    return RuleChecker(with_measured_confidence(compiled, measured_for(paths)), disabled, unconfirmed=unconfirmed)
