"""Where a key of a TOML configuration file is written: its line number, for error messages.

``tomllib`` gives values, not positions, so the file's lines are scanned
here: table headers (``[tool.cleaner.languagetool]``) set the current table,
and ``key = value`` lines (dotted keys included) add to it.  A key written
inside an inline table (``languagetool = { port = 1 }``) is found at the line
of the key that holds the table.  Good enough for error messages; never used
to read values.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
_ASSIGN = re.compile(rf"^\s*({_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)\s*=")
_PART = re.compile(r"[A-Za-z0-9_-]+|\"([^\"]*)\"|'([^']*)'")


def _parts(dotted: str) -> tuple[str, ...]:
    return tuple(m.group(1) or m.group(2) or m.group(0) for m in _PART.finditer(dotted))


def key_line(text: str, key: tuple[str, ...]) -> int | None:
    """The 1-based line where ``key`` (the full dotted path, e.g. tool.cleaner.fail-on) is set or opened."""
    table: tuple[str, ...] = ()
    best: tuple[int, int] | None = None  # (length of the matched prefix, line)
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header and "=" not in line.split("]")[0]:
            table = _parts(header.group(1))
            where = table
        else:
            assign = _ASSIGN.match(line)
            if assign is None:
                continue
            where = table + _parts(assign.group(1))
        if where == key:
            return number
        if key[: len(where)] == where and where and (best is None or len(where) > best[0]):
            best = (len(where), number)
    return best[1] if best else None


def syntax_error_line(message: str) -> int | None:
    """The line number in a ``tomllib`` error message ("... (at line 3, column 5)")."""
    m = re.search(r"at line (\d+)", message)
    return int(m.group(1)) if m else None


def table_array_lines(text: str, key: tuple[str, ...]) -> list[int]:
    """The 1-based lines of every ``[[key]]`` header (one per entry of an array of tables), in order."""
    found: list[int] = []
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header and line.lstrip().startswith("[[") and _parts(header.group(1)) == key:
            found.append(number)
    return found
