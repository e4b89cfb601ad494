"""Warnings for rule ids in the configuration file that nothing reports (``disable = ["TRADE_PCT_PRICE_ON"]``).

A misspelled id is not an error (the run goes on, the exit code is the
same), but said once, on stderr, naming the file and line where the id is
written.  Which ids are plausible is :class:`cleaner.findings.KnownIds`'s
call; ids in ``[languagetool]`` lists are LanguageTool's by definition, so
only those that cannot be (cleaner's own ``CLEANER_`` ids, near-misses of
cleaner's ids) are named there.

Every file the settings were read from is checked for the ids it writes
itself: the file found for the articles, each file of its ``extend`` chain
and each of their ``[[per-path]]`` sections, so a warning names the file and
line where the id really is.  Several pipelines of one run may share a file
(one per distinct settings); they give the same lines, which the run says once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from cleaner.config.files import ConfigFile
from cleaner.config.layers import written_values
from cleaner.config.lines import key_line
from cleaner.config.settings import Settings
from cleaner.errors import CleanerError
from cleaner.findings import KnownIds, SuppressEntry

CHECKED: tuple[tuple[tuple[str, ...], str, dict[str, bool]], ...] = (
    (("disable",), "policy.disabled_rules", {}),
    (("enable",), "policy.enabled_rules", {}),
    (("severity",), "policy.severity_overrides", {"category_ok": True}),
    (("languagetool", "disable"), "languagetool.disabled_rules", {"languagetool_table": True}),
    (("languagetool", "enable"), "languagetool.enabled_rules", {"languagetool_table": True}),
)
"""Key as written, the settings field it sets, and how its ids are judged (:meth:`KnownIds.problem`)."""


def config_id_warnings(settings: Settings, known: KnownIds) -> list[str]:
    """One ``warning: FILE:LINE: KEY: unknown rule id 'X'; did you mean 'Y'?`` per suspect id of the files."""
    path = settings.config_path
    if path is None:
        return []
    try:
        parts = written_values(path)
    except (CleanerError, OSError):  # read once already; changed since, so the run's own error stands
        return []
    by_file: dict[Path, list[tuple[int, str]]] = {}
    for config, values in parts:
        by_file.setdefault(config.path, []).extend(_part_warnings(config, values, known))
    out: list[str] = []
    for found in by_file.values():
        out.extend(message for _, message in sorted(found, key=lambda item: item[0]))
    return out


def _part_warnings(config: ConfigFile, values: Mapping[str, Any], known: KnownIds) -> list[tuple[int, str]]:
    """(line, warning) for each suspect id one file (or one of its per-path sections) writes."""
    prefix = tuple(config.prefix.rstrip(".").split(".")) if config.prefix else ()
    out: list[tuple[int, str]] = []
    for key, name, how in CHECKED:
        ids: Iterable[str] = values.get(name, ())  # a severity table: its keys
        for rule_id in sorted(ids):
            problem = known.problem(rule_id, **how)
            if problem:
                line = _id_line(config.text, prefix + key, rule_id)
                out.append((line or 0, f"warning: {_where(config.path, line)}: {'.'.join(prefix + key)}: {problem}"))
    entries: Iterable[SuppressEntry] = values.get("policy.suppressions", ())
    for entry in entries:
        problem = None if entry.rule == "*" else known.problem(entry.rule)
        if problem:
            line = int(entry.origin.rsplit(":", 1)[1]) if entry.origin.rsplit(":", 1)[-1].isdigit() else 0
            out.append((line, f"warning: {entry.origin}: {'.'.join((*prefix, 'suppress'))}: {problem}"))
    return out


def _where(path: Path, line: int | None) -> str:
    return f"{path}:{line}" if line else str(path)


def _id_line(text: str, key: tuple[str, ...], rule_id: str) -> int | None:
    """The line where ``rule_id`` is written under ``key`` (a list may span lines), else the key's line."""
    start = key_line(text, key) or key_line(text, key[:-1])
    if start is None:
        return None
    for number, line in _numbered(text, start):
        if f'"{rule_id}"' in line or f"'{rule_id}'" in line or line.lstrip().startswith(f"{rule_id} "):
            return number
        if number > start and line.lstrip().startswith("["):
            break
    return start


def _numbered(text: str, start: int) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if number >= start:
            yield number, line
