"""Warnings for rule ids in the configuration file that nothing reports (``disable = ["TRADE_PCT_PRICE_ON"]``).

A misspelled id is not an error (the run goes on, the exit code is the
same), but said once, on stderr, naming the file and line where the id is
written.  Which ids are plausible is :class:`cleaner.findings.KnownIds`'s
call; ids in ``[languagetool]`` lists are LanguageTool's by definition, so
only those that cannot be (cleaner's own ``CLEANER_`` ids, near-misses of
cleaner's ids) are named there.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from cleaner.config.lines import key_line
from cleaner.config.settings import Settings
from cleaner.findings import KnownIds

PYPROJECT = "pyproject.toml"


def config_id_warnings(settings: Settings, known: KnownIds) -> list[str]:
    """One ``warning: FILE:LINE: KEY: unknown rule id 'X'; did you mean 'Y'?`` per suspect id of the file."""
    path = settings.config_path
    if path is None:
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    prefix = ("tool", "cleaner") if path.name == PYPROJECT else ()
    policy, lt = settings.policy, settings.languagetool
    checks: list[tuple[tuple[str, ...], Iterable[str], dict[str, bool]]] = [
        (("disable",), policy.disabled_rules, {}),
        (("enable",), policy.enabled_rules, {}),
        (("severity",), policy.severity_overrides, {"category_ok": True}),
        (("languagetool", "disable"), lt.disabled_rules, {"languagetool_table": True}),
        (("languagetool", "enable"), lt.enabled_rules, {"languagetool_table": True}),
    ]
    out: list[tuple[int, str]] = []
    for key, ids, how in checks:
        for rule_id in sorted(ids):
            problem = known.problem(rule_id, **how)
            if problem:
                line = _id_line(text, prefix + key, rule_id)
                out.append((line or 0, f"warning: {_where(path, line)}: {'.'.join(prefix + key)}: {problem}"))
    for entry in policy.suppressions:
        problem = None if entry.rule == "*" else known.problem(entry.rule)
        if problem:
            line = int(entry.origin.rsplit(":", 1)[1]) if entry.origin.rsplit(":", 1)[-1].isdigit() else 0
            out.append((line, f"warning: {entry.origin}: {'.'.join((*prefix, 'suppress'))}: {problem}"))
    out.sort(key=lambda item: item[0])
    return [message for _, message in out]


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
