"""Report policy applied after merging: rules and categories on/off, severity overrides."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from cleaner.config.settings import Settings
from cleaner.findings.finding import Finding


def apply_policy(findings: Iterable[Finding], settings: Settings) -> list[Finding]:
    """Drop disabled findings and apply severity overrides (rule id beats category)."""
    out: list[Finding] = []
    for f in findings:
        if f.rule_id in settings.disabled_rules or f.category in settings.disabled_categories:
            continue
        if settings.enabled_rules and f.rule_id not in settings.enabled_rules:
            continue
        override = settings.severity_overrides.get(f.rule_id) or settings.severity_overrides.get(f.category)
        out.append(replace(f, severity=override) if override else f)
    return out
