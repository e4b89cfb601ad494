"""The configuration stage: defaults < ``pyproject.toml``/``.cleaner.toml`` (per file) < command line → Settings."""

from cleaner.config.files import (
    FLUENCY_TABLE,
    KEYS,
    LT_KEYS,
    LT_TABLE,
    Overrides,
    get_field,
)
from cleaner.config.per_file import Configurations, Resolved, load_settings, resolve
from cleaner.config.rule_id_check import config_id_warnings
from cleaner.config.settings import Settings

__all__ = [
    "FLUENCY_TABLE",
    "KEYS",
    "LT_KEYS",
    "LT_TABLE",
    "Configurations",
    "Overrides",
    "Resolved",
    "Settings",
    "config_id_warnings",
    "get_field",
    "load_settings",
    "resolve",
]
