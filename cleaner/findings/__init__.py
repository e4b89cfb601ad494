"""The findings stage: Finding, merging across engines, the policy filter, inline suppressions, numbering."""

from cleaner.findings.filter import Policy, apply_policy
from cleaner.findings.finding import Finding, Severity, numbered
from cleaner.findings.merge import merge
from cleaner.findings.suppressions import suppress

__all__ = ["Finding", "Policy", "Severity", "apply_policy", "merge", "numbered", "suppress"]
