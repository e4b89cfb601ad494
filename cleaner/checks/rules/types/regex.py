"""``type: regex`` (``regex:``): a regular expression, for what the phrase language cannot say."""

from __future__ import annotations

import re
from typing import Any

from cleaner.checks.rules.model import LazyRegex
from cleaner.checks.rules.regex_safety import catastrophic_reason
from cleaner.checks.rules.types.base import Matching, RuleTypeError


def build(raw: Any, classes: dict[str, list[str]], flags: int) -> Matching:
    return compiled(raw["regex"], flags, "regex")


def compiled(source: str, flags: int, key: str) -> Matching:
    """The Matching of regular expression ``source`` (errors point at ``key``)."""
    try:
        groups = re.compile(source, flags).groups
    except re.error as exc:
        raise RuleTypeError(key, f"bad regular expression: {exc}") from None
    why = catastrophic_reason(source, flags)
    if why:
        raise RuleTypeError(key, f"refused regular expression (it can take exponential time): {why}")
    return Matching(regex=LazyRegex(source, flags), groups=groups)
