"""A small rule file and a CLI runner for command tests (independent of the built-in rules)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner, Result

from cleaner.cli import cli

RULES = """\
domain: test
rules:
  - id: T_PRICING_TALKS
    match: "pricing talks"
    replace: "trade talks"
    message: "French 'tarif' means tariff."
    category: mistranslation
    severity: major
    confidence: 0.9
    examples:
      - bad: "They held pricing talks."
        good: "They held trade talks."
      - ok: "They held trade talks."
  - id: T_CONCLUDE
    match: "conclude an agreement"
    replace: "reach an agreement"
    message: "'conclure un accord' is 'reach an agreement'."
    category: calque
    severity: minor
    confidence: 0.6
    examples:
      - bad: "It is hard to conclude an agreement."
        good: "It is hard to reach an agreement."
  - id: T_CENSUS
    match: "census office"
    message: "The US agency is the Census Bureau."
    category: institution
    severity: info
    confidence: 0.9
    examples:
      - bad: "according to the census office."
      - ok: "according to the Census Bureau."
"""

ARTICLE = "They held pricing talks.\nIt is hard to conclude an agreement, said the census office.\n"
FIXED = "They held trade talks.\nIt is hard to conclude an agreement, said the census office.\n"

Invoke = Callable[..., Result]


def write_rules(folder: Path) -> Path:
    """The test rule file, written into ``folder``."""
    path = folder / "rules" / "test.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(RULES)
    return path


def cli_runner(folder: Path) -> Invoke:
    """Run ``cleaner ARGS`` with only the test rules (written into ``folder``) and no LanguageTool."""
    rules = write_rules(folder)

    def run(*args: str, input: str | bytes | None = None) -> Result:
        # no fluency model either: --jobs workers are other processes, where the tests' default-off patch does not reach
        argv = [*args, "--no-builtin-rules", "--rules", str(rules), "--no-languagetool", "--fluency", "off"]
        return CliRunner().invoke(cli, argv, input=input, catch_exceptions=False)

    return run
