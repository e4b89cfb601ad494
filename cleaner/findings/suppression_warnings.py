"""Warnings about suppressions that do not do what their writer thinks: misspelled, unknown ids, unused.

Each is one line on stderr naming the file and line (``warning: a.md:3: …``);
none changes the exit code.  An unused suppression is named only when the
engine of its rule ran in this run (a directive for a LanguageTool rule is
not "unused" in a ``--no-languagetool`` run), and an unknown id is named once,
as unknown, not again as unused.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from cleaner.findings.rule_ids import KnownIds
from cleaner.findings.suppress_entries import SuppressEntry
from cleaner.findings.suppressions import ALL, Directive, Suppressed


def directive_warnings(path: str, outcome: Suppressed, known: KnownIds, ran: Collection[str]) -> list[str]:
    """Near-miss comments, unknown rule ids in directives, and directives that silenced nothing, in line order."""
    found: list[tuple[int, str]] = []
    for m in outcome.parsed.malformed:
        found.append((m.line, f"{m.written!r} is not a cleaner directive; did you mean {m.suggestion!r}?"))
    for d in outcome.parsed.directives:
        for rule in d.rules:
            problem = known.problem(rule)
            if problem:
                found.append((d.line, f"{d.name}: {problem}"))
    reported: set[tuple[Directive, str]] = set()
    for s in outcome.unused_directives():
        assert isinstance(s.origin, Directive)
        key = (s.origin, s.rule)
        if key in reported or not worth_naming(s.rule, known, ran):
            continue
        reported.add(key)
        what = s.origin.name if s.rule == ALL else f"{s.origin.name} {s.named}"
        found.append((s.origin.line, f"{what} suppressed nothing"))
    found.sort(key=lambda item: item[0])
    return [f"warning: {path}:{line}: {text}" for line, text in found]


def unused_entry_warnings(entries: Iterable[SuppressEntry]) -> list[str]:
    """``warning: FILE:LINE: [[suppress]] (…) suppressed nothing``: entries that applied and silenced nothing."""
    return [
        f"warning: {e.origin or 'configuration'}: [[suppress]] ({e.describe()}) suppressed nothing" for e in entries
    ]


def entry_accounted_for(entry: SuppressEntry, used: bool, known: KnownIds | None, ran: Collection[str]) -> bool:
    """True unless the entry silenced nothing in this article although its rule is sound and its engine ran."""
    return used or known is None or not worth_naming(entry.rule, known, ran)


def worth_naming(rule: str, known: KnownIds, ran: Collection[str]) -> bool:
    """An unused suppression of ``rule`` is news: the id is sound and its engine ran."""
    if rule == ALL:
        return True
    if known.problem(rule) is not None:
        return False
    engine = known.engine_of(rule)
    return engine is not None and engine in ran
