"""The rule engine: load and validate YAML rule files, compile them once, match in one pass.

Its public face is this package: everything outside the engine (the checker
registry, ``cleaner rules``) imports from here, never from its modules.
"""

from cleaner.checks.rules.api import checkers_kept_loaded, compile_and_verify, keep_checkers_loaded, load_checker
from cleaner.checks.rules.compiler import CompiledRules, compile_rules
from cleaner.checks.rules.describe import group_by_id, rule_dict, rule_markdown, rule_plain
from cleaner.checks.rules.examples import check_examples
from cleaner.checks.rules.growth import oversized_replacements
from cleaner.checks.rules.loader import load_rules, rule_files
from cleaner.checks.rules.matcher import RuleChecker
from cleaner.checks.rules.measured import MIN_SUPPORT, Measured, effective_confidence, table_json
from cleaner.checks.rules.model import Rule
from cleaner.checks.rules.settings import RuleSettings

__all__ = [
    "MIN_SUPPORT",
    "CompiledRules",
    "Measured",
    "Rule",
    "RuleChecker",
    "RuleSettings",
    "check_examples",
    "checkers_kept_loaded",
    "compile_and_verify",
    "compile_rules",
    "effective_confidence",
    "group_by_id",
    "keep_checkers_loaded",
    "load_checker",
    "load_rules",
    "oversized_replacements",
    "rule_dict",
    "rule_files",
    "rule_markdown",
    "rule_plain",
    "table_json",
]
