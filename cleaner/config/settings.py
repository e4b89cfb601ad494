"""Settings of the files checked alike: one section per stage, built straight from configuration.

A frozen dataclass built once per distinct configuration (defaults <
configuration file < command line, see :mod:`cleaner.config.files`; which
file applies to which article is :mod:`cleaner.config.per_file`) and passed
down; each stage receives only its own section (file discovery
``discovery``, the rule engine ``rules``, LanguageTool ``languagetool``, the
findings filter ``policy`` and ``vocabulary``, the fix planner
``fix_threshold``), and the checker registry reads ``modes``.
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
from cleaner.findings import Policy, Severity, Vocabulary
from cleaner.fixes import DEFAULT_THRESHOLD


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know beyond the articles themselves."""

    discovery: DiscoverySettings = field(default_factory=DiscoverySettings)
    rules: RuleSettings = field(default_factory=RuleSettings)
    languagetool: LanguageToolSettings = field(default_factory=LanguageToolSettings)
    fluency: FluencyOptions = field(default_factory=FluencyOptions)
    policy: Policy = field(default_factory=Policy)
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    """Accepted terms no engine flags, rejected terms always flagged (``accept`` / ``reject``)."""
    modes: Mapping[str, Mode] = field(default_factory=dict)
    """Checker name → mode; a checker not named here has its registry default."""
    fix_threshold: float = DEFAULT_THRESHOLD
    fail_on: Severity = Severity.MINOR
    report_dir: Path = Path("reports")
    time_budget: float = DEFAULT_SECONDS
    """Seconds an article (per started MiB) may take before it is reported as an input error; 0: no limit."""
    config_path: Path | None = None
    """The configuration file these settings were read from, if any."""
