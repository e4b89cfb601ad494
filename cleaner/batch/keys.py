"""What makes a stored record still valid: the rule-set fingerprint and each item's resume key.

A re-run skips an item whose key is already in the output.  The key covers
the item's content, the cleaner version (the release number plus a digest of
the installed code and data, so a development change never reuses stale
records), the rule files' contents and every setting that changes findings.
The same fingerprint is computed on every worker and compared with the
client's, so a cluster with other code or rules fails loudly instead of
giving other findings.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

import cleaner
from cleaner.batch.inputs import ERROR, FILE, Item
from cleaner.checks.rules import rule_files
from cleaner.config import Settings
from cleaner.paths import builtin_rules_dir

RUN_ONLY_SETTINGS = frozenset({"discovery", "fail_on", "report_dir", "config_path"})
"""Settings that change how a run behaves but not its findings (rule files are also hashed by content)."""
_CODE_SUFFIXES = (".py", ".yaml", ".yml", ".json", ".xml", ".txt", ".tsv")


@functools.cache
def cleaner_version() -> str:
    """``__version__`` plus a digest of the installed package's code and data files."""
    package = Path(cleaner.__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.suffix in _CODE_SUFFIXES and p.is_file()):
        if "__pycache__" in path.parts:
            continue
        h.update(path.relative_to(package).as_posix().encode())
        h.update(b"\0")
        h.update(path.read_bytes())
    return f"{cleaner.__version__}+{h.hexdigest()[:12]}"


def _stable(value: Any) -> Any:
    """A JSON-able, order-independent form of a setting's value."""
    if is_dataclass(value) and not isinstance(value, type):  # nested settings: field by field, never repr()
        return {f.name: _stable(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, frozenset | set):
        return sorted(_stable(v) for v in value)
    if isinstance(value, dict):
        return {str(k): _stable(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, tuple | list):
        return [_stable(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(getattr(value, "value", value))


def _rule_files(settings: Settings) -> list[Path]:
    paths = ([builtin_rules_dir()] if settings.rules.builtin else []) + list(settings.rules.paths)
    return rule_files(paths)


def fingerprint(settings: Settings, record_options: Iterable[str] = ()) -> str:
    """A digest of the rule files' contents and the finding-relevant settings (plus batch's own options)."""
    h = hashlib.sha256(cleaner_version().encode())
    for path in _rule_files(settings):
        h.update(path.name.encode())
        h.update(b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    relevant = {f.name: _stable(getattr(settings, f.name)) for f in fields(settings) if f.name not in RUN_ONLY_SETTINGS}
    h.update(json.dumps(relevant, sort_keys=True).encode())
    h.update(json.dumps(list(record_options)).encode())
    return h.hexdigest()[:32]


def content_hash(item: Item) -> str:
    """A digest of the item's bytes (and, for a file or an input error, its path: two files are two articles)."""
    h = hashlib.sha256(item.kind.encode())
    if item.kind in (FILE, ERROR):
        h.update(item.locator.encode())
    h.update(b"\0")
    h.update(item.data)
    return h.hexdigest()[:32]


def item_key(content: str, run_fingerprint: str) -> str:
    """The resume key: this content, linted by this cleaner with this rule set."""
    return hashlib.sha256(f"{run_fingerprint}:{content}".encode()).hexdigest()[:32]


def short_key(key: str) -> int:
    """The key's first 64 bits as an int: what the client keeps in memory (a third of the string's size)."""
    return int(key[:16], 16)
