"""Exit codes and the one family of user-facing errors.

Every error a user can cause (bad input, bad rule file, bad configuration,
LanguageTool required but unavailable) is a :class:`CleanerError` whose
message is a single line naming the file and place, and whose exit code is 2.
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """Process exit status; the table is documented in docs/cli.md."""

    OK = 0
    FINDINGS = 1
    ERROR = 2
    INTERRUPTED = 130


class CleanerError(Exception):
    """An error the user can fix; printed as one line, exit code 2."""

    exit_code: ExitCode = ExitCode.ERROR

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(CleanerError):
    """An article that cannot be read as text."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem


class RuleFileError(CleanerError):
    """A mistake in a rule file, reported as ``file:line: rule-id: what is wrong``."""

    def __init__(self, path: Path | str, line: int, where: str, problem: str) -> None:
        super().__init__(f"{path}:{line}: {where}: {problem}")
        self.path = str(path)
        self.line = line
        self.where = where
        self.problem = problem


class RuleFileErrors(CleanerError):
    """Several rule-file mistakes found in one load; each on its own line."""

    def __init__(self, errors: list[RuleFileError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


class ConfigError(CleanerError):
    """A mistake in a configuration file: ``file:line: key: what is wrong`` (``file: key: ...`` when no line)."""

    def __init__(self, path: Path | str, key: str, problem: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {key}: {problem}")
        self.path = str(path)
        self.key = key
        self.problem = problem
        self.line = line


class ConfigErrors(ConfigError):
    """Every mistake found in one configuration file, each on its own line."""

    def __init__(self, errors: list[ConfigError]) -> None:
        first = errors[0]
        super().__init__(first.path, first.key, first.problem, first.line)
        self.message = "\n".join(str(e) for e in errors)
        self.args = (self.message,)
        self.errors = errors
