"""Load rule files: parse, validate against the schema, build Rules; report every mistake.

Errors are collected, not raised one by one, so an editor sees every problem
of a file at once, each as ``file:line: rule-id: what is wrong``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import replace as replace_fields
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from cleaner.checks.rules.model import Conditions, Example, LazyRegex, Rule, Term
from cleaner.checks.rules.pattern import Pattern, PatternError, parse_pattern
from cleaner.checks.rules.regex_safety import catastrophic_reason
from cleaner.checks.rules.template import template_refs
from cleaner.checks.rules.types import RuleTypeError, build_matching
from cleaner.checks.rules.yamlnodes import DuplicateKeyError, LineDict, LineList, line_of, load_yaml
from cleaner.errors import RuleFileError, RuleFileErrors
from cleaner.findings import Severity

RULE_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class RuleSet:
    """Every rule of the loaded files, in file order, plus the files they came from."""

    rules: tuple[Rule, ...]
    files: tuple[Path, ...]


@cache
def _validator() -> Any:
    """The rule-file schema validator (jsonschema is imported only when files are loaded)."""
    import jsonschema

    schema = json.loads(resources.files("cleaner.checks.rules").joinpath("rule-file.schema.json").read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema)


def rule_files(paths: Iterable[Path]) -> list[Path]:
    """Rule files under the given files or folders, sorted for a stable order."""
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found.extend(sorted(q for q in p.rglob("*") if q.suffix in RULE_SUFFIXES and q.is_file()))
        else:
            found.append(p)
    return found


def load_rules(paths: Iterable[Path]) -> RuleSet:
    """Load and validate every rule file; raise RuleFileErrors listing all mistakes."""
    files = rule_files(paths)
    errors: list[RuleFileError] = []
    docs: list[tuple[Path, Any]] = []
    for path in files:
        doc = _parse(path, errors)
        if doc is not None:
            docs.append((path, doc))
    classes = _collect_classes(docs, errors)
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    for path, doc in docs:
        for i, raw in enumerate(doc.get("rules", [])):
            parts = _build_rules(path, doc, i, raw, classes, errors)
            if not parts:
                continue
            rule = parts[0]
            clash = next((n for n in (rule.id, *rule.replaces) if n in seen), None)
            if clash is not None:
                first = seen[clash]
                if first.id != clash:
                    what = f"{clash} is an old id that {first.id} replaces"
                else:
                    what = "duplicate id" if clash == rule.id else f"replaces {clash}, an id already taken"
                errors.append(RuleFileError(path, rule.line, rule.id, f"{what} (first at {seen[clash].where})"))
                continue
            seen.update(dict.fromkeys((rule.id, *rule.replaces), rule))
            rules.extend(parts)
    if errors:
        raise RuleFileErrors(errors)
    return RuleSet(tuple(rules), tuple(files))


def _parse(path: Path, errors: list[RuleFileError]) -> Any:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        errors.append(RuleFileError(path, 1, "file", f"cannot read: {exc}"))
        return None
    try:
        doc = load_yaml(text)
    except DuplicateKeyError as exc:
        errors.append(RuleFileError(path, exc.line, "yaml", str(exc)))
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        errors.append(RuleFileError(path, line, "yaml", f"bad YAML: {problem}"))
        return None
    if doc is None:
        errors.append(RuleFileError(path, 1, "file", "empty rule file"))
        return None
    schema_errors = sorted(_validator().iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
    if schema_errors:
        for err in schema_errors:
            where = list(err.absolute_path)
            errors.append(RuleFileError(path, line_of(doc, where), _rule_label(doc, where), _describe(err)))
        return None
    return doc


def _rule_label(doc: Any, where: Sequence[str | int]) -> str:
    if len(where) >= 2 and where[0] == "rules" and isinstance(where[1], int):
        rule = doc["rules"][where[1]]
        rid = rule.get("id") if isinstance(rule, dict) else None
        label = str(rid) if rid else f"rules[{where[1]}]"
        rest = ".".join(str(p) for p in where[2:])
        return f"{label}{'.' + rest if rest else ''}" if rest else label
    return ".".join(str(p) for p in where) or "file"


def _describe(err: Any) -> str:
    if err.validator == "additionalProperties":
        extra = re.findall(r"'([^']+)'", err.message.split("(")[-1])
        return f"unknown key {', '.join(repr(e) for e in extra)}" if extra else str(err.message)
    if err.validator == "oneOf" and err.schema.get("oneOf") and "required" in str(err.schema["oneOf"][0]):
        keys = [next(iter(o["required"])) for o in err.schema["oneOf"]]
        return f"needs exactly one of {', '.join(keys)}"
    if err.validator == "required":
        return str(err.message).replace("is a required property", "is missing")
    return str(err.message)


def _collect_classes(docs: list[tuple[Path, Any]], errors: list[RuleFileError]) -> dict[str, list[str]]:
    classes: dict[str, list[str]] = {}
    origin: dict[str, str] = {}
    for path, doc in docs:
        for name, phrases in (doc.get("classes") or {}).items():
            line = doc["classes"].key_lines.get(name, 1)
            if name in classes:
                errors.append(RuleFileError(path, line, f"${name}", f"class defined twice (also in {origin[name]})"))
                continue
            classes[name] = list(phrases)
            origin[name] = f"{path}:{line}"
    return classes


def _build_rules(
    path: Path, doc: Any, index: int, raw: LineDict, classes: dict[str, list[str]], errors: list[RuleFileError]
) -> list[Rule]:
    """The rule ``raw`` as Rules: one, or one per entry of a table rule (all with its id); [] on mistakes."""
    rid = raw["id"]
    line = doc["rules"].item_lines[index]

    def err(key: str, problem: str, at: int | None = None) -> None:
        errors.append(RuleFileError(path, at or raw.key_lines.get(key, line), rid, problem))

    flags = re.MULTILINE | (0 if raw.get("case_sensitive") else re.IGNORECASE)
    try:
        matching = build_matching(raw, classes, flags)
    except RuleTypeError as exc:
        err(exc.key, exc.problem, exc.line)
        return []
    if matching.entries and "replace" in raw:
        err("replace", "a table rule takes its replacements from its entries, not 'replace'")
        return []
    when = _conditions(raw.get("when"), classes, err)
    if when is None:
        return []
    if matching.entries:
        parts = [
            _part(raw, e.pattern, e.raw, len(e.pattern.elements), when, classes, e.line, err) for e in matching.entries
        ]
    else:
        parts = [_part(raw, matching.pattern, raw, matching.groups, when, classes, None, err, matching.swaps)]
    if any(p is None for p in parts):
        return []
    shapes = [p for p in parts if p is not None]
    replacements = [r for _, r, _ in shapes]
    examples = tuple(
        Example(raw["examples"].item_lines[i], ex.get("bad"), ex.get("good"), ex.get("ok"))
        for i, ex in enumerate(raw["examples"])
    )
    if any(replacements) and not any(e.bad is not None and e.good is not None for e in examples):
        err("examples", "needs at least one example with both 'bad' and 'good'")
        return []
    if not any(e.bad is not None for e in examples):
        err("examples", "needs at least one 'bad' example")
        return []
    replaces = tuple(raw.get("replaces", ()))
    if rid in replaces:
        err("replaces", "a rule cannot replace its own id")
        return []
    base = Rule(
        id=rid,
        path=str(path),
        line=line,
        message=raw["message"].strip(),
        category=raw["category"],
        severity=Severity(raw["severity"]),
        confidence=float(raw["confidence"]),
        replacements=(),
        skip=_scope(raw.get("skip")),
        only=_scope(raw.get("only")),
        pivots=tuple(raw.get("pivots", ())),
        case_sensitive=bool(raw.get("case_sensitive", False)),
        swaps=dict(matching.swaps),
        replaces=replaces,
    )
    regex = matching.regex if not matching.entries else None
    return [
        replace_fields(
            base,
            line=line if not matching.entries else (matching.entries[k].line or line),
            pattern=pattern,
            regex=regex,
            replacements=reps,
            when=part_when,
            examples=examples if k == 0 else (),
            part=k,
        )
        for k, (pattern, reps, part_when) in enumerate(shapes)
    ]


Shape = tuple[Pattern | None, tuple[str, ...], Conditions]
"""What one part of a rule matches, its replacement templates and its context."""


def _part(
    raw: Any,
    pattern: Pattern | None,
    source: Any,
    n_groups: int,
    when: Conditions,
    classes: dict[str, list[str]],
    at: int | None,
    err: Any,
    swaps: Mapping[str, str] | None = None,
) -> Shape | None:
    """One part: ``source`` (the rule, or a table entry at line ``at``) gives its ``replace`` and extra ``when``."""
    replace = source.get("replace", [])
    replacements = (replace,) if isinstance(replace, str) else tuple(replace)
    if swaps and replacements:
        err("replace", "a swap or case rule takes its replacements from its table, not 'replace'")
        return None
    replacements = replacements or tuple(dict.fromkeys((swaps or {}).values()))
    for r in replacements:
        bad = [n for n in template_refs(r) if n > n_groups]
        if bad:
            err("replace", f"replacement {r!r} refers to element {{{bad[0]}}} but the pattern has {n_groups}", at)
            return None
    if source is raw:
        return pattern, replacements, when
    extra = _conditions(source.get("when"), classes, lambda key, problem: err(key, problem, at))
    if extra is None:
        return None
    return pattern, replacements, _merged(when, extra)


def _merged(shared: Conditions, own: Conditions) -> Conditions:
    """The rule's context plus an entry's: term lists joined, the entry's window first."""
    lists = ("near", "not_near", "followed_by", "not_followed_by", "preceded_by", "not_preceded_by")
    joined = {k: getattr(shared, k) + getattr(own, k) for k in lists}
    return Conditions(window=own.window if own.window is not None else shared.window, **joined)


def _scope(value: str | list[str] | None) -> frozenset[str]:
    if value is None:
        return frozenset()
    items = [value] if isinstance(value, str) else value
    return frozenset(v.rstrip("s") for v in items)


def _conditions(raw: LineDict | None, classes: dict[str, list[str]], err: Any) -> Conditions | None:
    if not raw:
        return Conditions()
    built: dict[str, Any] = {"window": raw.get("window")}
    for key in ("near", "not_near", "followed_by", "not_followed_by", "preceded_by", "not_preceded_by"):
        terms: list[Term] = []
        for source in raw.get(key, LineList()):
            term = compile_term(source, classes)
            if isinstance(term, str):
                err("when", f"{key}: {term}")
                return None
            terms.append(term)
        built[key] = tuple(terms)
    return Conditions(**built)


def compile_term(source: str, classes: dict[str, list[str]]) -> Term | str:
    """A context term, or a message saying why it is invalid."""
    if source.startswith("re:"):
        try:
            re.compile(source[3:])
        except re.error as exc:
            return f"bad regular expression {source!r}: {exc}"
        why = catastrophic_reason(source[3:])
        if why:
            return f"refused regular expression {source!r} (it can take exponential time): {why}"
        return Term(source, regex=LazyRegex(source[3:]))
    try:
        pattern = parse_pattern(source, classes)
        sequences = frozenset(seq for seq, _ in pattern.expand())
        return Term(source, sequences=sequences, lengths=tuple(sorted({len(s) for s in sequences})))
    except PatternError as exc:
        return f"bad term {source!r}: {exc}"
