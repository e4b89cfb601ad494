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
from collections.abc import Iterator

from cleaner.checks.languagetool.cache import ResultCache, open_cache
from cleaner.checks.languagetool.checker import LanguageToolChecker
from cleaner.checks.languagetool.client import LTClient, managed
from cleaner.checks.languagetool.custom_rules import rules_file as xml_rules_file
from cleaner.checks.languagetool.errors import LanguageToolError, LanguageToolUnavailable, NotInstalled
from cleaner.checks.languagetool.install import Installation, human_size
from cleaner.checks.languagetool.install import install as install_languagetool
from cleaner.checks.languagetool.pivot import PivotRulesChecker, open_pivot_checker, pivot_settings
from cleaner.checks.languagetool.server import ServerStatus, ensure_server, server_status, stop_server
from cleaner.checks.languagetool.settings import LanguageToolSettings
from cleaner.checks.languagetool.xml_examples import check_examples as check_xml_examples
from cleaner.checks.languagetool.xml_examples import load_examples as load_xml_examples

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
    cache = open_cache(settings.state_dir(), settings.cache_max_mb) if use_cache else None
    try:
        with managed(settings) as client:
            yield LanguageToolChecker(client, settings, cache)
    finally:
        if cache is not None:
            cache.close()
