"""Settings of one run: what the command line and configuration files decide.

A plain frozen dataclass, built once (defaults < configuration file <
command line) and passed down; no stage reads options from anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cleaner.budget import DEFAULT_SECONDS
from cleaner.findings import Severity
from cleaner.fixes import DEFAULT_THRESHOLD


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know beyond the articles themselves."""

    rule_paths: tuple[Path, ...] = ()
    builtin_rules: bool = True
    disabled_rules: frozenset[str] = frozenset()
    enabled_rules: frozenset[str] = frozenset()
    """When not empty, only these rule ids (of any engine) are reported."""
    disabled_categories: frozenset[str] = frozenset()
    severity_overrides: dict[str, Severity] = field(default_factory=dict)
    """Rule id or category → severity."""
    fail_on: Severity = Severity.MINOR
    fix_threshold: float = DEFAULT_THRESHOLD
    languagetool: str = "auto"
    """"auto" (use it, fall back to rules only with a warning), "off", or "required"."""
    report_dir: Path = Path("reports")
    use_rule_cache: bool = True
    lt_disabled_rules: frozenset[str] = frozenset()
    """LanguageTool rule ids to switch off in the server request (``disabledRules``)."""
    lt_enabled_rules: frozenset[str] = frozenset()
    """LanguageTool rule ids to switch on, e.g. ones off by default (``enabledRules``)."""
    lt_disabled_categories: frozenset[str] = frozenset()
    """LanguageTool category ids to switch off (``disabledCategories``)."""
    lt_idle_minutes: float | None = None
    """Stop the shared LanguageTool server after this many idle minutes (None: its own default)."""
    time_budget: float = DEFAULT_SECONDS
    """Seconds an article (per started MiB) may take before it is reported as an input error; 0: no limit."""
    config_path: Path | None = None
    """The configuration file these settings were read from, if any."""
