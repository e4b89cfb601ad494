"""The Checker protocol's two contracts the pipeline relies on: who refines merged findings, who may go away."""

from __future__ import annotations

from collections.abc import Sequence

from cleaner.checks.checker import CheckerUnavailable, FindingsRefiner
from cleaner.checks.fluency.checker import FluencyChecker
from cleaner.checks.languagetool.checker import LanguageToolChecker
from cleaner.checks.languagetool.errors import LanguageToolUnavailable
from cleaner.checks.names import NameConsistencyChecker
from cleaner.checks.rules import RuleChecker
from cleaner.document import Document
from cleaner.errors import CleanerError, ExitCode
from cleaner.findings import Finding


class DropsAll:
    name = "dropper"

    def refine(self, doc: Document, findings: Sequence[Finding]) -> list[Finding]:
        return []


def test_a_refiner_is_recognised_by_its_refine_method() -> None:
    assert isinstance(DropsAll(), FindingsRefiner)
    assert not isinstance(NameConsistencyChecker(), FindingsRefiner)


def test_only_the_fluency_gate_revises_other_engines_findings() -> None:
    assert issubclass(FluencyChecker, FindingsRefiner)
    for plain in (RuleChecker, LanguageToolChecker, NameConsistencyChecker):
        assert not issubclass(plain, FindingsRefiner), plain


def test_an_unavailable_checker_is_a_one_line_user_error() -> None:
    err = CheckerUnavailable("the server went away")
    assert isinstance(err, CleanerError) and err.exit_code is ExitCode.ERROR
    assert err.message == str(err) == "the server went away"
    assert issubclass(LanguageToolUnavailable, CheckerUnavailable)  # so a lint can go on without LanguageTool
