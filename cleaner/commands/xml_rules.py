"""``cleaner rules test --languagetool``: the examples of cleaner's LanguageTool XML rules, on the real server."""

from __future__ import annotations

from collections.abc import Callable

from cleaner.checks.languagetool import (
    LanguageToolSettings,
    check_xml_examples,
    load_xml_examples,
    managed,
    pivot_settings,
    xml_rules_file,
)
from cleaner.errors import ExitCode


def run_xml_rules_test(out: Callable[[str], None]) -> ExitCode:
    """Send every XML rule example to LanguageTool; print failures as file:line; exit 2 if any fails."""
    path = xml_rules_file()
    if path is None:
        out("no LanguageTool XML rules in this installation")
        return ExitCode.OK
    with managed(pivot_settings(LanguageToolSettings())) as client:
        failures = check_xml_examples(path, client.check)
    for failure in failures:
        out(str(failure))
    n = len(load_xml_examples(path))
    out(f"{n - len(failures)} passed, {len(failures)} failed (LanguageTool XML rules in {path})")
    return ExitCode.ERROR if failures else ExitCode.OK
