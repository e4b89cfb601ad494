"""The configuration stage: defaults < ``pyproject.toml``/``.cleaner.toml`` < command line → Settings."""

from cleaner.config.files import Overrides, Resolved, load_settings, resolve
from cleaner.config.settings import Settings

__all__ = ["Overrides", "Resolved", "Settings", "load_settings", "resolve"]
