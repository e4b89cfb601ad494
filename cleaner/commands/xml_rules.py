"""``cleaner rules test --languagetool``: the examples of cleaner's LanguageTool XML rules, on the real server."""

from __future__ import annotations

from collections.abc import Callable

from cleaner.errors import ExitCode
from cleaner.languagetool.client import managed
from cleaner.languagetool.custom_rules import rules_file
from cleaner.languagetool.pivot import pivot_settings
from cleaner.languagetool.settings import LanguageToolSettings
from cleaner.languagetool.xml_examples import check_examples, load_examples


def run_xml_rules_test(out: Callable[[str], None]) -> ExitCode:
    """Send every XML rule example to LanguageTool; print failures as file:line; exit 2 if any fails."""
    path = rules_file()
    if path is None:
        out("no LanguageTool XML rules in this installation")
        return ExitCode.OK
    with managed(pivot_settings(LanguageToolSettings())) as client:
        failures = check_examples(path, client.check)
    for failure in failures:
        out(str(failure))
    n = len(load_examples(path))
    out(f"{n - len(failures)} passed, {len(failures)} failed (LanguageTool XML rules in {path})")
    return ExitCode.ERROR if failures else ExitCode.OK
