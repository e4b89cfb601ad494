"""The findings stage: Finding, merging across engines, the policy filter, suppressions, vocabularies, numbering."""

from cleaner.findings.filter import Policy, apply_policy
from cleaner.findings.finding import Finding, Severity, numbered
from cleaner.findings.merge import merge
from cleaner.findings.suppressions import suppress
from cleaner.findings.vocabulary import ENGINE as VOCABULARY_ENGINE
from cleaner.findings.vocabulary import REJECT_RULE_ID, Vocabulary, check_term, filter_accepted

__all__ = [
    "REJECT_RULE_ID",
    "VOCABULARY_ENGINE",
    "Finding",
    "Policy",
    "Severity",
    "Vocabulary",
    "apply_policy",
    "check_term",
    "filter_accepted",
    "merge",
    "numbered",
    "suppress",
]
