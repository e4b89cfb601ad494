"""Report policy applied after merging: rules and categories on/off, severity overrides."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from cleaner.findings.finding import Finding, Severity
from cleaner.findings.selection import Selection
from cleaner.findings.suppress_entries import SuppressEntry


@dataclass(frozen=True)
class Policy:
    """The findings stage's section of a run's settings: what is reported, and how severely."""

    disabled_rules: frozenset[str] = frozenset()
    enabled_rules: frozenset[str] = frozenset()
    """When not empty, only these rule ids (of any engine) are reported."""
    disabled_categories: frozenset[str] = frozenset()
    severity_overrides: dict[str, Severity] = field(default_factory=dict)
    """Rule id or category → severity."""
    suppressions: tuple[SuppressEntry, ...] = ()
    """``[[suppress]]`` entries of the configuration: findings silenced in named articles, the copy untouched
    (an old rule id in an entry is resolved when the entry is applied, so warnings quote it as written)."""
    selection: Selection = field(default_factory=Selection)
    """``--select`` / ``--ignore``: applied to each checker's findings before merging (see :mod:`.selection`)."""

    def renamed(self, aliases: Mapping[str, str]) -> Policy:
        """The policy with every old rule id also standing for the rule that replaced it (``replaces:``)."""
        if not aliases:
            return self

        def ids(given: frozenset[str]) -> frozenset[str]:
            return given | {aliases[i] for i in given if i in aliases}

        overrides = {aliases.get(k, k): v for k, v in self.severity_overrides.items() if k in aliases}
        return replace(
            self,
            disabled_rules=ids(self.disabled_rules),
            enabled_rules=ids(self.enabled_rules),
            severity_overrides={**overrides, **self.severity_overrides},
            selection=self.selection.renamed(aliases),
        )


def apply_policy(findings: Iterable[Finding], policy: Policy) -> list[Finding]:
    """Drop disabled findings and apply severity overrides (rule id beats category)."""
    out: list[Finding] = []
    for f in findings:
        if f.rule_id in policy.disabled_rules or f.category in policy.disabled_categories:
            continue
        if policy.enabled_rules and f.rule_id not in policy.enabled_rules:
            continue
        override = policy.severity_overrides.get(f.rule_id) or policy.severity_overrides.get(f.category)
        out.append(replace(f, severity=override) if override else f)
    return out
