"""``type: table`` (``table:``): a family of phrases, each with its own replacements and exclusions.

A copy-family ("the chief of China" → "the leader of China", "the chief of
the Kremlin" → "the Kremlin leader" …) shares one message, category,
severity, confidence and example list, but each phrase needs its own
replacement templates and its own context: "the chief of the Kremlin
administration" is innocent for other reasons than "the chief of China
Mobile".  Each entry of ``table:`` is a phrase pattern (``match:``) with an
optional ``replace:`` and ``when:`` (added to the rule's own ``when:``).
The loader turns every entry into one part of the rule (all parts report
the rule's id); the examples prove the whole table.
"""

from __future__ import annotations

from typing import Any

from cleaner.checks.rules.pattern import PatternError, parse_pattern
from cleaner.checks.rules.types.base import Matching, RuleTypeError, TableEntry


def build(raw: Any, classes: dict[str, list[str]], flags: int) -> Matching:
    entries = raw["table"]
    lines = getattr(entries, "item_lines", [None] * len(entries))
    built: list[TableEntry] = []
    for i, entry in enumerate(entries):
        try:
            pattern = parse_pattern(entry["match"], classes)
            pattern.anchor()
        except PatternError as exc:
            raise RuleTypeError("table", f"table entry {i + 1}: bad pattern: {exc}", lines[i]) from None
        built.append(TableEntry(pattern, entry, lines[i]))
    return Matching(entries=tuple(built))
