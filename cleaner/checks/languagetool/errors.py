"""The LanguageTool half's user-facing errors (exit code 2, like every CleanerError)."""

from __future__ import annotations

from cleaner.checks.checker import CheckerUnavailable
from cleaner.errors import CleanerError

INSTALL_FIX = (
    "run `cleaner languagetool install` (needs Java 17 and Maven: `apt-get install openjdk-17-jre-headless maven`), "
    "or set the LanguageTool `folder` setting to an unpacked LanguageTool release, "
    "or run with --no-languagetool"
)


class LanguageToolError(CleanerError):
    """Something about LanguageTool the user has to fix (install, Java, configuration)."""


class LanguageToolUnavailable(LanguageToolError, CheckerUnavailable):
    """LanguageTool cannot be used for this run (the lint continues with rules only unless required)."""


class NotInstalled(LanguageToolUnavailable):
    """No usable LanguageTool installation was found or could be made."""

    def __init__(self, problem: str) -> None:
        super().__init__(f"LanguageTool is not available: {problem}. Fix: {INSTALL_FIX}")
