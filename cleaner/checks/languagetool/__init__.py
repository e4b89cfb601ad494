"""LanguageTool, the second engine: install with Maven, run a shared local server, check, cache.

Modules, one job each: ``settings`` (the knobs), ``install`` (Maven and
fallbacks), ``server`` (state file, lock, start/stop, health) with its
``supervisor`` process, ``client`` (language_tool_python, retry), ``mapping``
(LanguageTool match → Finding), ``selection`` (rules suited to news),
``cache`` (results per paragraph) and ``checker`` (the Checker); the
``cleaner languagetool`` group lives in :mod:`cleaner.commands.languagetool`.

The lint pipeline uses it as::

    with open_checker(settings) as checker:
        findings = checker.check(doc)   # may raise LanguageToolUnavailable
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from cleaner.checks.languagetool.settings import LanguageToolSettings
from cleaner.checks.languagetool.xml_examples import check_examples as check_xml_examples
from cleaner.checks.languagetool.xml_examples import load_examples as load_xml_examples

if TYPE_CHECKING:
    from cleaner.checks.languagetool.cache import ResultCache, open_cache
    from cleaner.checks.languagetool.checker import LanguageToolChecker
    from cleaner.checks.languagetool.client import LTClient, managed
    from cleaner.checks.languagetool.custom_rules import rules_file as xml_rules_file
    from cleaner.checks.languagetool.errors import LanguageToolError, LanguageToolUnavailable, NotInstalled
    from cleaner.checks.languagetool.install import Installation, human_size
    from cleaner.checks.languagetool.install import install as install_languagetool
    from cleaner.checks.languagetool.known import known_categories, known_rule_engines
    from cleaner.checks.languagetool.pivot import PivotRulesChecker, open_pivot_checker, pivot_settings
    from cleaner.checks.languagetool.server import ServerStatus, ensure_server, server_status, stop_server
    from cleaner.checks.languagetool.xml_examples import check_examples as check_xml_examples
    from cleaner.checks.languagetool.xml_examples import load_examples as load_xml_examples

_LAZY = {
    "ResultCache": ("cache", "ResultCache"),
    "open_cache": ("cache", "open_cache"),
    "LanguageToolChecker": ("checker", "LanguageToolChecker"),
    "LTClient": ("client", "LTClient"),
    "managed": ("client", "managed"),
    "LanguageToolError": ("errors", "LanguageToolError"),
    "LanguageToolUnavailable": ("errors", "LanguageToolUnavailable"),
    "NotInstalled": ("errors", "NotInstalled"),
    "Installation": ("install", "Installation"),
    "human_size": ("install", "human_size"),
    "install_languagetool": ("install", "install"),
    "ServerStatus": ("server", "ServerStatus"),
    "ensure_server": ("server", "ensure_server"),
    "server_status": ("server", "server_status"),
    "stop_server": ("server", "stop_server"),
    "xml_rules_file": ("custom_rules", "rules_file"),
    "PivotRulesChecker": ("pivot", "PivotRulesChecker"),
    "open_pivot_checker": ("pivot", "open_pivot_checker"),
    "pivot_settings": ("pivot", "pivot_settings"),
    "check_xml_examples": ("xml_examples", "check_examples"),
    "load_xml_examples": ("xml_examples", "load_examples"),
    "known_rule_engines": ("known", "known_rule_engines"),
    "known_categories": ("known", "known_categories"),
}
"""Exports imported on first use: the settings section is read by every run's configuration,
while the client, server and installer code (HTTP, file locks, psutil) is only needed by runs
that use LanguageTool (issue 9: start-up)."""


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attr = _LAZY[name]
    value = getattr(importlib.import_module(f"{__name__}.{module}"), attr)
    globals()[name] = value
    return value


__all__ = [
    "Installation",
    "LTClient",
    "LanguageToolChecker",
    "LanguageToolError",
    "LanguageToolSettings",
    "LanguageToolUnavailable",
    "NotInstalled",
    "PivotRulesChecker",
    "ResultCache",
    "ServerStatus",
    "check_xml_examples",
    "ensure_server",
    "human_size",
    "install_languagetool",
    "known_categories",
    "known_rule_engines",
    "load_xml_examples",
    "managed",
    "open_cache",
    "open_checker",
    "open_pivot_checker",
    "pivot_settings",
    "server_status",
    "stop_server",
    "xml_rules_file",
]


@contextlib.contextmanager
def open_checker(settings: LanguageToolSettings, *, use_cache: bool = True) -> Iterator[LanguageToolChecker]:
    """A ready LanguageToolChecker for one run: client (lazy server start) plus the result cache."""
    from cleaner.checks.languagetool.checker import LanguageToolChecker, opened

    with opened(LanguageToolChecker, settings, use_cache=use_cache) as checker:
        yield checker
