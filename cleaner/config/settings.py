"""Settings of one run: one section per stage, built straight from configuration.

A frozen dataclass built once (defaults < configuration file < command line,
see :mod:`cleaner.config.files`) and passed down; each stage receives only its
own section (file discovery ``discovery``, the rule engine ``rules``, LanguageTool ``languagetool``, the
findings filter ``policy``, the fix planner ``fix_threshold``), and the
checker registry reads ``modes``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cleaner.budget import DEFAULT_SECONDS
from cleaner.checks.fluency.settings import FluencyOptions
from cleaner.checks.languagetool import LanguageToolSettings
from cleaner.checks.registry import Mode
from cleaner.checks.rules import RuleSettings
from cleaner.document import DiscoverySettings
from cleaner.findings import Policy, Severity
from cleaner.fixes import DEFAULT_THRESHOLD


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know beyond the articles themselves."""

    discovery: DiscoverySettings = field(default_factory=DiscoverySettings)
    rules: RuleSettings = field(default_factory=RuleSettings)
    languagetool: LanguageToolSettings = field(default_factory=LanguageToolSettings)
    fluency: FluencyOptions = field(default_factory=FluencyOptions)
    policy: Policy = field(default_factory=Policy)
    modes: Mapping[str, Mode] = field(default_factory=dict)
    """Checker name → mode; a checker not named here has its registry default."""
    fix_threshold: float = DEFAULT_THRESHOLD
    fail_on: Severity = Severity.MINOR
    report_dir: Path = Path("reports")
    time_budget: float = DEFAULT_SECONDS
    """Seconds an article (per started MiB) may take before it is reported as an input error; 0: no limit."""
    config_path: Path | None = None
    """The configuration file these settings were read from, if any."""
