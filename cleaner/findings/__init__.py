"""The findings stage: Finding, merging across engines, policy filter, inline suppressions, numbering."""

from cleaner.findings.finding import Finding, Severity, numbered
from cleaner.findings.merge import merge

__all__ = ["Finding", "Severity", "merge", "numbered"]
