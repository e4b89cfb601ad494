"""Rule types: what a rule matches is said by its ``type:``, one small module per type.

``phrase`` (``match:``, the phrase language), ``regex`` (``regex:``), ``swap``
(``swap:``, a Vale-style substitution list: each wrong phrase with its
replacement, optionally after an ``after:`` context), ``case`` (``words:``,
names that came back in capitals) and ``table`` (``table:``, a family of
phrases each with its own replacements and exclusions).  Without ``type:`` the type is that of the
key present (``match:`` → phrase, ``regex:`` → regex), so old rule files keep
working.  A new type is one module with a ``build`` function plus one entry
in :data:`TYPES`; the pivot-phenomenon classes of the detection work
(issue 14.2) plug in here the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cleaner.checks.rules.types import case, phrase, regex, swap, table
from cleaner.checks.rules.types.base import Matching, RuleTypeError

Builder = Callable[[Any, dict[str, list[str]], int], Matching]
"""``build(raw rule, classes, regex flags)`` → what the rule matches; raises RuleTypeError."""

TYPES: dict[str, tuple[str, Builder]] = {
    "phrase": ("match", phrase.build),
    "regex": ("regex", regex.build),
    "swap": ("swap", swap.build),
    "case": ("words", case.build),
    "table": ("table", table.build),
}
"""Type name → (the YAML key holding its definition, its builder)."""

__all__ = ["TYPES", "Matching", "RuleTypeError", "build_matching", "rule_type"]


def rule_type(raw: Any) -> str:
    """The rule's type: its ``type:``, else the type whose key it has."""
    if "type" in raw:
        return str(raw["type"])
    return next(name for name, (key, _) in TYPES.items() if key in raw)


def build_matching(raw: Any, classes: dict[str, list[str]], flags: int) -> Matching:
    """What ``raw`` matches, built by the module of its type."""
    name = rule_type(raw)
    key, build = TYPES[name]
    if key not in raw:
        raise RuleTypeError("type", f"type {name!r} needs the key {key!r}")
    others = [k for k, _ in TYPES.values() if k != key and k in raw]
    if others:
        raise RuleTypeError(others[0], f"{others[0]!r} does not belong to a rule of type {name!r}")
    return build(raw, classes, flags)
