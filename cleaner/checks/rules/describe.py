"""A rule described for readers: plain data, Markdown and text (``cleaner rules show``, SARIF's rule help)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cleaner.checks.rules.model import Rule


def _match(rule: Rule) -> str:
    return rule.pattern.source if rule.pattern else f"re:{rule.regex.pattern if rule.regex else ''}"


def _conditions(rule: Rule) -> dict[str, Any]:
    when: dict[str, Any] = {}
    for name in ("near", "not_near", "followed_by", "not_followed_by", "preceded_by", "not_preceded_by"):
        terms = getattr(rule.when, name)
        if terms:
            when[name] = [t.source for t in terms]
    if when and rule.when.window is not None:
        when["window"] = rule.when.window
    return when


def group_by_id(rules: Sequence[Rule]) -> dict[str, list[Rule]]:
    """Rules grouped by id, in file order: a table rule's entries are parts of one rule."""
    grouped: dict[str, list[Rule]] = {}
    for rule in rules:
        grouped.setdefault(rule.id, []).append(rule)
    return grouped


def rule_dict(rule: Rule, parts: Sequence[Rule] = ()) -> dict[str, Any]:
    """Everything a reader needs to know about one rule (with the other entries of a table rule), as plain data."""
    parts = parts or (rule,)
    return {
        "id": rule.id,
        "category": rule.category,
        "severity": rule.severity.value,
        "confidence": round(rule.confidence, 3),
        "message": " ".join(rule.message.split()),
        "pivots": list(rule.pivots),
        "match": " ; ".join(_match(p) for p in parts),
        "replacements": list(dict.fromkeys(r for p in parts for r in p.replacements)),
        "replaces": list(rule.replaces),
        "when": _conditions(rule),
        "where": rule.where,
        "examples": [
            {k: v for k, v in (("bad", ex.bad), ("good", ex.good), ("ok", ex.ok)) if v is not None}
            for ex in rule.examples
        ],
    }


def rule_markdown(data: dict[str, Any]) -> str:
    """A rule as Markdown: message, pivots, examples (``rules show --format markdown``, SARIF help)."""
    lines = [f"**{data['id']}** ({data['category']}, {data['severity']})", "", data["message"], ""]
    if data["pivots"]:
        lines += [f"Pivot languages: {', '.join(data['pivots'])}.", ""]
    if data["examples"]:
        lines.append("Examples:")
        for ex in data["examples"]:
            if "bad" in ex:
                lines.append(f"- ✗ {ex['bad']}" + (f" → ✓ {ex['good']}" if "good" in ex else ""))
            if "ok" in ex:
                lines.append(f"- ✓ {ex['ok']} (left alone)")
    return "\n".join(lines).rstrip() + "\n"


def rule_plain(data: dict[str, Any]) -> str:
    """The same as :func:`rule_markdown` in plain text (SARIF's ``help.text``)."""
    lines = [data["message"]]
    if data["pivots"]:
        lines.append(f"Pivot languages: {', '.join(data['pivots'])}.")
    for ex in data["examples"]:
        if "bad" in ex:
            lines.append(f"Bad: {ex['bad']}" + (f" -> good: {ex['good']}" if "good" in ex else ""))
        if "ok" in ex:
            lines.append(f"OK (left alone): {ex['ok']}")
    return "\n".join(lines)
