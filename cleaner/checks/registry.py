"""The one registry of checkers: their order (which is merge precedence) and their modes.

Each entry says how to open a checker for a run from the run's settings.  A
checker's mode (off / optional / required) comes from the settings, else
the entry's default: an *off* checker is never opened; an *optional* one that
becomes unavailable mid-run is dropped with one warning; a *required* one
failing stops the run.  A new checker is one module plus one entry here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from cleaner.checks.checker import Checker

if TYPE_CHECKING:
    from cleaner.config import Settings
    from cleaner.findings import KnownIds


class Mode(StrEnum):
    """Whether a checker runs, and whether the run may go on without it."""

    OFF = "off"
    OPTIONAL = "optional"
    REQUIRED = "required"


Opener = Callable[["Settings", contextlib.ExitStack], Checker]
"""Makes one checker for a run; resources it opens are closed with the ExitStack."""


@dataclass(frozen=True)
class Entry:
    """One checker of the registry."""

    name: str
    """The checker's name, which is also the ``engine`` of its findings."""
    open: Opener
    default: Mode
    needs: str = ""
    """A checker this one runs on (the pivot rules need LanguageTool's server): off when it is off,
    and of its mode unless configured itself."""
    in_process: bool = False
    """It holds only in-process tables (no server, socket, thread or model), so a process pool may
    open it once before forking and let every worker share what it loaded."""


def _rules(settings: Settings, stack: contextlib.ExitStack) -> Checker:
    from cleaner.checks.rules import load_checker

    return load_checker(
        settings.rules.paths,
        builtin=settings.rules.builtin,
        disabled=settings.policy.disabled_rules,
        use_cache=settings.rules.use_cache,
        unconfirmed=mode_of("fluency", settings.modes) is not Mode.OFF,
    )


def _names(settings: Settings, stack: contextlib.ExitStack) -> Checker:
    from cleaner.checks.names import NameConsistencyChecker

    return NameConsistencyChecker()


def _languagetool(settings: Settings, stack: contextlib.ExitStack) -> Checker:
    from cleaner.checks.languagetool import open_checker

    return stack.enter_context(open_checker(settings.languagetool))


def _pivot(settings: Settings, stack: contextlib.ExitStack) -> Checker:
    from cleaner.checks.languagetool import open_pivot_checker

    return stack.enter_context(open_pivot_checker(settings.languagetool))


def _untranslated(settings: Settings, stack: contextlib.ExitStack) -> Checker:
    from cleaner.checks.untranslated import UntranslatedWordChecker

    return UntranslatedWordChecker()


def _fluency(settings: Settings, stack: contextlib.ExitStack) -> Checker:
    from cleaner.checks.fluency.checker import open_fluency

    return open_fluency(settings.fluency, mode_of("fluency", settings.modes) is Mode.REQUIRED, stack)


REGISTRY: tuple[Entry, ...] = (
    Entry("rules", _rules, Mode.REQUIRED, in_process=True),
    Entry("names", _names, Mode.REQUIRED, in_process=True),
    Entry("languagetool", _languagetool, Mode.OPTIONAL),
    Entry("pivot", _pivot, Mode.OPTIONAL, needs="languagetool"),
    Entry("untranslated", _untranslated, Mode.REQUIRED, in_process=True),
    Entry("fluency", _fluency, Mode.OPTIONAL),
)
"""Every checker, in precedence order (an earlier engine wins a merge)."""

PRECEDENCE: tuple[str, ...] = tuple(e.name for e in REGISTRY)
NAMES = PRECEDENCE


def mode_of(name: str, modes: Mapping[str, Mode]) -> Mode:
    """The mode of checker ``name``: as configured, else its registry default."""
    entry = next((e for e in REGISTRY if e.name == name), None)
    if entry is None:
        raise KeyError(f"no checker named {name!r}; known: {', '.join(NAMES)}")
    if name in modes:
        return modes[name]
    if entry.needs:
        return mode_of(entry.needs, modes)
    return entry.default


def open_checkers(
    settings: Settings, stack: contextlib.ExitStack, *, in_process_only: bool = False
) -> list[tuple[Checker, Mode]]:
    """Every checker the settings do not switch off, opened for one run, in precedence order
    (with ``in_process_only``, only those holding in-process tables alone)."""
    out: list[tuple[Checker, Mode]] = []
    for entry in REGISTRY:
        if in_process_only and not entry.in_process:
            continue
        mode = mode_of(entry.name, settings.modes)
        if entry.needs and mode_of(entry.needs, settings.modes) is Mode.OFF:
            continue
        if mode is not Mode.OFF:
            out.append((entry.open(settings, stack), mode))
    return out


def known_ids(checkers: Sequence[Checker], settings: Settings) -> KnownIds:
    """The rule ids this run knows (what its checkers declare, and every other engine's fixed ids)."""
    from cleaner.checks.rule_ids import known_rule_ids

    return known_rule_ids(checkers, mode_of("languagetool", settings.modes) is not Mode.OFF)
