"""The findings stage: Finding, merging, the policy filter, ``--select``/``--ignore``, suppressions, numbering."""

from cleaner.findings.filter import Policy, apply_policy
from cleaner.findings.finding import Finding, Severity, numbered
from cleaner.findings.markup import without_markup_blanks
from cleaner.findings.merge import merge
from cleaner.findings.rule_ids import LANGUAGETOOL, KnownIds, closest
from cleaner.findings.selection import Selection, known_patterns, patterns_hit
from cleaner.findings.suppress_entries import SuppressEntry
from cleaner.findings.suppression_warnings import directive_warnings, entry_accounted_for, unused_entry_warnings
from cleaner.findings.suppressions import ALL, Suppressed, apply_suppressions, suppress

__all__ = [
    "ALL",
    "LANGUAGETOOL",
    "Finding",
    "KnownIds",
    "Policy",
    "Selection",
    "Severity",
    "SuppressEntry",
    "Suppressed",
    "apply_policy",
    "apply_suppressions",
    "closest",
    "directive_warnings",
    "entry_accounted_for",
    "known_patterns",
    "merge",
    "numbered",
    "patterns_hit",
    "suppress",
    "unused_entry_warnings",
    "without_markup_blanks",
]
