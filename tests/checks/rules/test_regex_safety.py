"""Catastrophic regular expressions are refused at load, with the rule named (issue 12)."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from cleaner.checks.rules.loader import load_rules
from cleaner.checks.rules.regex_safety import catastrophic_reason
from cleaner.errors import RuleFileErrors

FLAGS = re.IGNORECASE | re.MULTILINE


@pytest.mark.parametrize(
    "pattern",
    [r"(a+)+$", r"(\w+\s*)*x", r"(x*)*", r"(a{1,5})+$", r"(a*b?)*c", r"(a+a)+", r"(?:(?:ab)+)*c", r"((a+))+$"],
)
def test_exponential_patterns_are_refused(pattern: str) -> None:
    assert catastrophic_reason(pattern, FLAGS) is not None


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:\.[\w-]+)*",
        r"(\w+\s)+",
        r"(?:\w+,)+",
        r"[a-z]+",
        r"(?>a+)+",
        r"(?:a++)+",
        r"\b(\w+)\s+\1\b",
        r"(?:[，\s]+[\u4e00-\u9fff]+)*",
        r"(?:U\.S\.|[\w’'-]++(?:\.[\w’'-]++)*+)\s++",
    ],
)
def test_linear_patterns_pass(pattern: str) -> None:
    assert catastrophic_reason(pattern, FLAGS) is None


USER_RULE = """\
rules:
  - id: HOUSE_AAA
    regex: '(a+)+$'
    message: "m"
    category: style
    severity: minor
    confidence: 0.5
    examples:
      - bad: "aaa"
"""


def test_a_user_rule_is_refused_at_load_with_file_line_and_id(write_rules: Callable[[str], Path]) -> None:
    folder = write_rules(USER_RULE)
    with pytest.raises(RuleFileErrors) as info:
        load_rules([folder])
    message = str(info.value)
    assert message.startswith(f"{folder / 'rules.yaml'}:3: HOUSE_AAA: refused regular expression")
    assert "nested" in message


def test_a_context_regex_is_refused_too(write_rules: Callable[[str], Path]) -> None:
    folder = write_rules(
        USER_RULE.replace("regex: '(a+)+$'", "match: 'aaa'\n    when:\n      near: ['re:(\\w+\\s?)*$']")
    )
    with pytest.raises(RuleFileErrors, match=r"HOUSE_AAA: near: refused regular expression"):
        load_rules([folder])


def test_lint_with_the_rule_answers_at_once_naming_it(tmp_path: Path, write_rules: Callable[[str], Path]) -> None:
    folder = write_rules(USER_RULE)
    article = tmp_path / "a.txt"
    article.write_text("a" * 40 + "b\n", encoding="utf-8")
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "cleaner", "lint", "--no-languagetool", "--rules", str(folder), str(article)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert f"{folder / 'rules.yaml'}:3: HOUSE_AAA:" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert time.monotonic() - started < 60
