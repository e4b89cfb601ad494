"""The findings stage: Finding, merging, the policy filter, ``--select``/``--ignore``, suppressions, numbering."""

from cleaner.findings.filter import Policy, apply_policy
from cleaner.findings.finding import Finding, Severity, numbered
from cleaner.findings.merge import merge
from cleaner.findings.selection import Selection, known_patterns, patterns_hit
from cleaner.findings.suppressions import suppress

__all__ = [
    "Finding",
    "Policy",
    "Selection",
    "Severity",
    "apply_policy",
    "known_patterns",
    "merge",
    "numbered",
    "patterns_hit",
    "suppress",
]
