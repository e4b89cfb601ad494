"""``[[tool.cleaner.suppress]]``: the configuration's suppressions, checked entry by entry with their lines.

Each entry is a table with ``path`` and ``rule`` (both required) and
optional ``text`` and ``line`` (see :mod:`cleaner.findings.suppress_entries`).
Mistakes are reported like every other configuration mistake, naming the
entry's line; a well-formed entry remembers that line for the "suppressed
nothing" warning.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cleaner.config.lines import key_line, table_array_lines
from cleaner.errors import ConfigError
from cleaner.findings import SuppressEntry

SUPPRESS_TABLE = "suppress"
_FIELDS = ("path", "rule", "text", "line")


def parse_entries(
    value: Any, path: Path, prefix: str, text: str, base: Path
) -> tuple[tuple[SuppressEntry, ...], list[ConfigError]]:
    """The entries of ``suppress`` (an array of tables) and the mistakes in them."""
    key = prefix + SUPPRESS_TABLE
    dotted = tuple(key.split("."))
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        shape = "expected [[suppress]] tables (path, rule, text, line)"
        return (), [ConfigError(path, key, shape, key_line(text, dotted))]
    lines = table_array_lines(text, dotted)
    entries: list[SuppressEntry] = []
    errors: list[ConfigError] = []
    for n, table in enumerate(value):
        line = lines[n] if n < len(lines) else key_line(text, dotted)
        problem = _problem(table)
        if problem:
            errors.append(ConfigError(path, f"{key}[{n + 1}]", problem, line))
            continue
        entries.append(
            SuppressEntry(
                path=table["path"].strip(),
                rule=table["rule"].strip(),
                text=table.get("text"),
                line=table.get("line"),
                root=base,
                origin=f"{path}:{line}" if line else str(path),
            )
        )
    return tuple(entries), errors


def _problem(table: dict[str, Any]) -> str | None:
    unknown = sorted(set(table) - set(_FIELDS))
    if unknown:
        return f"unknown key {unknown[0]!r} (known keys: {', '.join(_FIELDS)})"
    for name in ("path", "rule"):
        if not isinstance(table.get(name), str) or not table[name].strip():
            return f"{name}: expected a non-empty string, got {table.get(name)!r}"
    if "text" in table and (not isinstance(table["text"], str) or not table["text"].strip()):
        return f"text: expected a non-empty string, got {table['text']!r}"
    line = table.get("line")
    if "line" in table and (isinstance(line, bool) or not isinstance(line, int) or line < 1):
        return f"line: expected a line number (1 or more), got {line!r}"
    return None
