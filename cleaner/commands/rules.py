"""``cleaner rules list``, ``cleaner rules show`` and ``cleaner rules test``."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rapidfuzz import process

from cleaner.checks.rules import Rule, RuleChecker, check_examples, compile_rules, load_rules
from cleaner.errors import CleanerError, ExitCode
from cleaner.paths import builtin_rules_dir

LIST_FORMATS = ("table", "tsv", "json")
SHOW_FORMATS = ("text", "json", "markdown")
_COLUMNS = ("id", "category", "severity", "confidence", "where", "match")


def _paths(extra: Sequence[Path], builtin: bool) -> list[Path]:
    return ([builtin_rules_dir()] if builtin else []) + list(extra)


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


def _by_id(rules: Sequence[Rule]) -> dict[str, list[Rule]]:
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


def run_rules_list(extra: Sequence[Path], builtin: bool, out: Callable[[str], None], fmt: str = "table") -> ExitCode:
    """Every rule: id, category, severity, confidence, where, what it matches (table, TSV with a header, or JSON)."""
    ruleset = load_rules(_paths(extra, builtin))
    rows = [rule_dict(parts[0], parts) for parts in _by_id(ruleset.rules).values()]
    if fmt == "json":
        out(json.dumps({"rules": rows, "files": len(ruleset.files)}, ensure_ascii=False, indent=2))
        return ExitCode.OK
    cells = [[f"{r['confidence']:.2f}" if c == "confidence" else str(r[c]) for c in _COLUMNS] for r in rows]
    if fmt == "tsv":
        out("\t".join(_COLUMNS))
        for row in cells:
            out("\t".join(row))
    else:
        widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(_COLUMNS[:-1])]
        for row in [list(_COLUMNS), *cells]:
            out("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[-1])
    out(f"{len(rows)} rules in {len(ruleset.files)} files")
    return ExitCode.OK


def run_rules_show(
    rule_id: str, extra: Sequence[Path], builtin: bool, out: Callable[[str], None], fmt: str = "text"
) -> ExitCode:
    """One rule in full; an unknown id is a usage error that names the closest ids."""
    ruleset = load_rules(_paths(extra, builtin))
    rules = _by_id(ruleset.rules)
    aliases = {old: r.id for r in ruleset.rules for old in r.replaces}
    wanted = aliases.get(rule_id.upper(), aliases.get(rule_id, rule_id))
    parts = rules.get(wanted) or rules.get(wanted.upper())
    if parts is None:
        near = [m[0] for m in process.extract(rule_id.upper(), list(rules), limit=3, score_cutoff=60)]
        hint = f" (did you mean {', '.join(near)}?)" if near else ""
        raise CleanerError(f"unknown rule id {rule_id!r}{hint}")
    data = rule_dict(parts[0], parts)
    if fmt == "json":
        out(json.dumps(data, ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        out(rule_markdown(data))
    else:
        out(_rule_text(data))
    return ExitCode.OK


def rule_markdown(data: dict[str, Any]) -> str:
    """A rule as Markdown: message, pivots, what it matches and its examples (also SARIF's ``help.markdown``)."""
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


def _rule_text(data: dict[str, Any]) -> str:
    lines = [
        data["id"],
        f"  message     {data['message']}",
        f"  category    {data['category']}",
        f"  severity    {data['severity']}",
        f"  confidence  {data['confidence']:.2f} (declared)",
        f"  pivots      {', '.join(data['pivots']) or '-'}",
        f"  matches     {data['match']}",
        f"  replace     {' / '.join(data['replacements']) or '-'}",
        *(f"  {k.replace('_', ' '):<11} {v if isinstance(v, int) else ', '.join(v)}" for k, v in data["when"].items()),
        f"  defined at  {data['where']}",
    ]
    if data["examples"]:
        lines.append("  examples")
        for ex in data["examples"]:
            if "bad" in ex:
                lines.append(f"    bad   {ex['bad']}")
                if "good" in ex:
                    lines.append(f"    good  {ex['good']}")
            if "ok" in ex:
                lines.append(f"    ok    {ex['ok']}")
    return "\n".join(lines)


def run_rules_test(extra: Sequence[Path], builtin: bool, out: Callable[[str], None]) -> ExitCode:
    """Run every rule's examples; print each failure as file:line; exit 2 if any fails."""
    checker = RuleChecker(compile_rules(load_rules(_paths(extra, builtin))))
    failures = check_examples(checker)
    for failure in failures:
        out(str(failure))
    n = sum(len(r.examples) for r in checker.compiled.rules)
    rules = len({r.id for r in checker.compiled.rules})
    out(f"{n - len(failures)} passed, {len(failures)} failed ({rules} rules)")
    return ExitCode.ERROR if failures else ExitCode.OK
