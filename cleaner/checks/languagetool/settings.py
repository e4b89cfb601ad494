"""LanguageToolSettings: every knob of the LanguageTool half, frozen for one run.

The one representation of LanguageTool's knobs: the configuration loader
fills every field from ``[tool.cleaner.languagetool]`` and tests build one
directly; nothing here reads files.  Whether LanguageTool runs at all is its
mode in the checker registry, not a field here.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from cleaner.checks.languagetool.selection import CUSTOM_CATEGORY, DEFAULT_DISABLED_CATEGORIES, DEFAULT_DISABLED_RULES
from cleaner.findings import Vocabulary
from cleaner.paths import cache_dir

HOME_ENV = "CLEANER_LT_HOME"
"""Where installed LanguageTool jars live (overrides ``home`` in the configuration)."""

DEFAULT_VERSION = "6.8"
FALLBACK_VERSIONS = ("6.7",)


@dataclass(frozen=True)
class LanguageToolSettings:
    """How to install, run and query LanguageTool, and which of its rules to use."""

    home: Path | None = None
    """Folder for installed jars; ``$CLEANER_LT_HOME`` wins, then this, then the cache folder."""
    folder: Path | None = None
    """An existing LanguageTool folder (an unpacked release) to use instead of installing."""
    version: str = DEFAULT_VERSION
    fallback_versions: tuple[str, ...] = FALLBACK_VERSIONS
    max_heap: str = "1g"
    idle_timeout_minutes: float = 15.0
    disabled_rules: frozenset[str] = DEFAULT_DISABLED_RULES
    """Rule ids to switch off; a trailing ``*`` makes a prefix (filtered on our side)."""
    disabled_categories: frozenset[str] = DEFAULT_DISABLED_CATEGORIES
    enabled_rules: frozenset[str] = frozenset()
    """Rule ids to switch on, even if disabled by default or off in LanguageTool itself."""
    enabled_categories: frozenset[str] = frozenset()
    enabled_only: bool = False
    """Run only the enabled rules and categories (the pivot checker asks for cleaner's XML rules alone)."""
    skip_names_in_spelling: bool = True
    """Drop spelling matches on capitalised words (proper names in news)."""
    skip_british_spelling: bool = True
    """Drop spelling matches whose word is the British form of a suggested American one."""
    grade_spelling: bool = True
    """Grade the remaining spelling matches by measured worth (cleaner.checks.languagetool.spelling)."""
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    """The configuration's accepted terms are never spelling matches (the run's vocabulary, set by the loader)."""
    request_timeout: float = 30.0
    start_timeout: float = 180.0
    language: str = "en-US"
    cache_max_mb: float = 64.0
    extra_java_options: tuple[str, ...] = field(default=())

    def install_root(self) -> Path:
        """The folder holding one sub-folder per installed version."""
        env = os.environ.get(HOME_ENV)
        if env:
            return Path(env).expanduser()
        if self.home is not None:
            return self.home.expanduser()
        return cache_dir() / "languagetool"

    def state_dir(self) -> Path:
        """Where the running server's state file, lock, log and result cache live."""
        path = cache_dir() / "languagetool"
        path.mkdir(parents=True, exist_ok=True)
        return path

    def server_disabled_rules(self) -> tuple[str, ...]:
        """Exact rule ids LanguageTool is asked to skip (none when only enabled rules run)."""
        if self.enabled_only:
            return ()
        return tuple(sorted(r for r in self.disabled_rules - self.enabled_rules if not r.endswith("*")))

    def rule_prefixes(self) -> tuple[str, ...]:
        """Rule id prefixes (``EN_DIACRITICS_*``) dropped on our side, LanguageTool has no wildcard."""
        return tuple(sorted(r[:-1] for r in self.disabled_rules if r.endswith("*")))

    def server_disabled_categories(self) -> tuple[str, ...]:
        """Category ids LanguageTool is asked to skip (cleaner's own XML rules unless enabled by name)."""
        if self.enabled_only:
            return ()
        return tuple(sorted((self.disabled_categories | {CUSTOM_CATEGORY}) - self.enabled_categories))

    @property
    def wants_custom_rules(self) -> bool:
        """True when cleaner's XML rules are asked for (the pivot checker), False for stock LanguageTool."""
        return CUSTOM_CATEGORY in self.enabled_categories

    def fingerprint(self) -> str:
        """A digest of everything that changes LanguageTool's answer (a cache key part)."""
        payload = {
            "language": self.language,
            "disabled_rules": self.server_disabled_rules(),
            "enabled_rules": sorted(self.enabled_rules),
            "disabled_categories": self.server_disabled_categories(),
            "enabled_categories": sorted(self.enabled_categories),
            "enabled_only": self.enabled_only,
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]
