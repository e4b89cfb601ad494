"""Where cleaner keeps per-user files (compiled rules, LanguageTool, result caches)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

CACHE_ENV = "CLEANER_CACHE_DIR"


def cache_dir() -> Path:
    """The per-user cache folder: ``$CLEANER_CACHE_DIR`` or the platform's cache folder."""
    override = os.environ.get(CACHE_ENV)
    base = Path(override) if override else Path(platformdirs.user_cache_dir("cleaner"))
    base.mkdir(parents=True, exist_ok=True)
    return base


def builtin_rules_dir() -> Path:
    """The rule files shipped with cleaner (``rules/`` at the top of the repository)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the built-in rules folder is missing from this installation")
