"""RuleSettings: which rule files the rule engine compiles, and whether it may reuse its cache."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class RuleSettings:
    """The rule engine's section of a run's settings (``rules``, ``builtin-rules`` in configuration)."""

    paths: tuple[Path, ...] = ()
    """Rule files or folders beside (or instead of) the built-in ones."""
    builtin: bool = True
    use_cache: bool = True
