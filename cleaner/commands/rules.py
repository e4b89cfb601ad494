"""``cleaner rules list``, ``cleaner rules show`` and ``cleaner rules test``."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rapidfuzz import process

from cleaner.checks.rules import (
    RuleChecker,
    check_examples,
    compile_rules,
    group_by_id,
    load_rules,
    rule_dict,
    rule_markdown,
)
from cleaner.errors import CleanerError, ExitCode
from cleaner.paths import builtin_rules_dir

LIST_FORMATS = ("table", "tsv", "json")
SHOW_FORMATS = ("text", "json", "markdown")
_COLUMNS = ("id", "category", "severity", "confidence", "where", "match")


def _paths(extra: Sequence[Path], builtin: bool) -> list[Path]:
    return ([builtin_rules_dir()] if builtin else []) + list(extra)


def run_rules_list(extra: Sequence[Path], builtin: bool, out: Callable[[str], None], fmt: str = "table") -> ExitCode:
    """Every rule: id, category, severity, confidence, where, what it matches (table, TSV with a header, or JSON)."""
    ruleset = load_rules(_paths(extra, builtin))
    rows = [rule_dict(parts[0], parts) for parts in group_by_id(ruleset.rules).values()]
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
    rules = group_by_id(ruleset.rules)
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
