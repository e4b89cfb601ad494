"""The hostile-input suite: every case runs the real ``cleaner`` in a child process.

A child process is what a user runs, and it lets the test notice a hang: every
run here has a hard timeout well under the 60 s the issue allows, and every
answer is checked for the three failures the suite exists to rule out: a hang,
a traceback, a lost or half-written file.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.cmd_fixtures import RULES

REPO = Path(__file__).resolve().parents[2]
ANSWER_SECONDS = 60.0
"""The issue's bound: every hostile case answers within this (or its documented budget)."""


@dataclass(frozen=True)
class Answer:
    """What one cleaner run printed, returned, and how long it took."""

    code: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def errors(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("error: ")]


ARTICLE_COMMANDS = ("lint", "fix", "report")


def cleaner_command(*args: str) -> list[str]:
    """``python -m cleaner ARGS``; article commands run without the fluency model, whose cost
    (seconds per article) is not what these tests time or bound (tests/checks/fluency covers it)."""
    if args and args[0] in ARTICLE_COMMANDS and "--fluency" not in args:
        args = (args[0], "--fluency", "off", *args[1:])
    return [sys.executable, "-m", "cleaner", *args]


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The test's environment (its private cache folder included) with this checkout first on the path."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.pop("CI_FORCE_TTY", None)
    env.update(extra or {})
    return env


def run_cleaner(
    *args: str,
    timeout: float = ANSWER_SECONDS,
    env: dict[str, str] | None = None,
    prefix: Sequence[str] = (),
    stdin: int | None = subprocess.DEVNULL,
) -> Answer:
    """Run ``cleaner ARGS`` to the end; fail the test on a hang (past ``timeout``) or a traceback."""
    started = time.monotonic()
    try:
        done = subprocess.run(
            [*prefix, *cleaner_command(*args)],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env or child_env(),
            stdin=stdin,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"cleaner {' '.join(args)} hung (no answer in {timeout:g} s)")
    answer = Answer(done.returncode, done.stdout, done.stderr, time.monotonic() - started)
    assert "Traceback" not in answer.stderr + answer.stdout, answer.stderr
    return answer


@pytest.fixture
def rules_file(tmp_path: Path) -> Path:
    """A small rule file, so each run loads in a fraction of a second."""
    path = tmp_path / "rules" / "rules.yaml"
    path.parent.mkdir()
    path.write_text(RULES, encoding="utf-8")
    return path


@pytest.fixture
def lint(rules_file: Path) -> Callable[..., Answer]:
    """``cleaner lint`` with the small rules and no LanguageTool."""

    def run(*args: str, **kw: object) -> Answer:
        return run_cleaner(
            "lint",
            "--no-builtin-rules",
            "--rules",
            str(rules_file),
            "--no-languagetool",
            *args,
            **kw,  # type: ignore[arg-type]
        )

    return run


@pytest.fixture
def fix(rules_file: Path) -> Callable[..., Answer]:
    """``cleaner fix`` with the small rules and no LanguageTool."""

    def run(*args: str, **kw: object) -> Answer:
        return run_cleaner(
            "fix",
            "--no-builtin-rules",
            "--rules",
            str(rules_file),
            "--no-languagetool",
            *args,
            **kw,  # type: ignore[arg-type]
        )

    return run
