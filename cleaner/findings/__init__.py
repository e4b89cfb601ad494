"""The findings stage: Finding, merging, the policy filter, ``--select``/``--ignore``, suppressions, vocabularies."""

from cleaner.findings.filter import Policy, apply_policy
from cleaner.findings.finding import Finding, Severity, numbered
from cleaner.findings.markup import without_markup_blanks
from cleaner.findings.merge import merge
from cleaner.findings.rule_ids import LANGUAGETOOL, KnownIds, closest
from cleaner.findings.selection import Selection, known_patterns, patterns_hit
from cleaner.findings.suppress_entries import SuppressEntry
from cleaner.findings.suppression_warnings import directive_warnings, entry_accounted_for, unused_entry_warnings
from cleaner.findings.suppressions import ALL, Suppressed, apply_suppressions, suppress
from cleaner.findings.vocabulary import CATEGORY as VOCABULARY_CATEGORY
from cleaner.findings.vocabulary import ENGINE as VOCABULARY_ENGINE
from cleaner.findings.vocabulary import REJECT_RULE_ID, Vocabulary, check_term, filter_accepted

__all__ = [
    "ALL",
    "LANGUAGETOOL",
    "REJECT_RULE_ID",
    "VOCABULARY_CATEGORY",
    "VOCABULARY_ENGINE",
    "Finding",
    "KnownIds",
    "Policy",
    "Selection",
    "Severity",
    "SuppressEntry",
    "Suppressed",
    "Vocabulary",
    "apply_policy",
    "apply_suppressions",
    "check_term",
    "closest",
    "directive_warnings",
    "entry_accounted_for",
    "filter_accepted",
    "known_patterns",
    "merge",
    "numbered",
    "patterns_hit",
    "suppress",
    "unused_entry_warnings",
    "without_markup_blanks",
]
