"""LanguageTool's errors: "unavailable" lets an optional run go on, any other LanguageTool error stops it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cleaner.checks.checker import CheckerUnavailable
from cleaner.checks.languagetool.errors import LanguageToolError, LanguageToolUnavailable, NotInstalled
from cleaner.config import Settings
from cleaner.document import Document, decode
from cleaner.errors import CleanerError, ExitCode
from cleaner.findings import Finding
from cleaner.pipeline import Pipeline


class Raising:
    """A checker named like LanguageTool that fails with a given error (the pipeline is the subject here)."""

    name = "languagetool"

    def __init__(self, error: Exception) -> None:
        self.error = error

    def check(self, doc: Document) -> Iterator[Finding]:
        raise self.error


def test_not_installed_says_what_is_missing_and_every_way_out() -> None:
    err = NotInstalled("no java on PATH")
    assert str(err).startswith("LanguageTool is not available: no java on PATH. Fix: ")
    for fix in ("cleaner languagetool install", "`folder` setting", "--no-languagetool"):
        assert fix in str(err)
    assert "\n" not in str(err) and err.exit_code is ExitCode.ERROR


def test_unavailable_is_the_only_kind_a_run_may_go_on_without() -> None:
    assert issubclass(NotInstalled, LanguageToolUnavailable)
    assert issubclass(LanguageToolUnavailable, CheckerUnavailable) and issubclass(
        LanguageToolUnavailable, LanguageToolError
    )
    assert issubclass(LanguageToolError, CleanerError) and not issubclass(LanguageToolError, CheckerUnavailable)


def test_the_pipeline_drops_an_unavailable_languagetool_but_stops_on_a_mistake() -> None:
    article = decode("a.txt", b"Oil prices rose.\n")
    warnings: list[str] = []
    result = Pipeline([Raising(NotInstalled("no java"))], Settings(), warn=warnings.append).analyze(article)
    assert result.engines == () and len(warnings) == 1 and "continuing without languagetool" in warnings[0]
    with pytest.raises(LanguageToolError, match="bad max-heap"):
        Pipeline([Raising(LanguageToolError("bad max-heap"))], Settings(), warn=print).analyze(article)
