"""The one regex pass: same matches as rule-by-rule Python scanning, and a time bound that names the rule."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from cleaner.checks.rules import model
from cleaner.checks.rules.compiler import compile_rules
from cleaner.checks.rules.loader import load_rules
from cleaner.checks.rules.matcher import RuleChecker
from cleaner.checks.rules.regex_run import RegexTimeout
from cleaner.document import Document
from cleaner.paths import builtin_rules_dir

SAMPLE = Path(__file__).resolve().parents[3] / "seeds" / "000_9274cd7fb5159084.txt"

SLOW_RULE = """\
rules:
  - id: HOUSE_SLOW
    regex: '(a|aa)+$'
    message: "m"
    category: style
    severity: minor
    confidence: 0.5
    examples:
      - bad: "aaa"
"""


def test_every_regex_rule_finds_what_python_re_finds_on_the_sample() -> None:
    compiled = compile_rules(load_rules([builtin_rules_dir()]))
    doc = Document.from_text(SAMPLE.read_text(encoding="utf-8") + "\n\nThe niños 中国 talks, ， 会谈 has.\n")
    checker = RuleChecker(compiled)
    got = {
        (h.rule_index, h.span.start, h.span.end, h.groups)
        for h in checker.regex_pass.hits(doc.check_text, doc.paragraphs, frozenset(), "x")
    }
    expected = set()
    for i in compiled.regex_rules:
        rule = compiled.rules[i]
        assert rule.regex is not None
        python = re.compile(rule.regex.pattern, rule.regex.flags)
        flag = python.groupindex.get("flag", 0)
        for para in doc.paragraphs:
            for m in python.finditer(doc.check_text, para.start, para.end):
                if m.end() == m.start():
                    continue
                start, end = (m.start(flag), m.end(flag)) if m.start(flag) >= 0 else m.span()
                groups = tuple(
                    None if m.start(g) < 0 else model_span(m.start(g), m.end(g)) for g in range(1, python.groups + 1)
                )
                expected.add((i, start, end, groups))
    assert len(expected) > 10
    assert got == expected


def model_span(start: int, end: int) -> object:
    from cleaner.document.spans import Span

    return Span(start, end)


def test_a_slow_rule_on_ascii_text_runs_in_linear_time(write_rules: Callable[[str], Path]) -> None:
    checker = RuleChecker(compile_rules(load_rules([write_rules(SLOW_RULE)])))
    started = time.monotonic()
    assert list(checker.check(Document.from_text("a" * 40 + "b"))) == []
    assert [f.text for f in checker.check(Document.from_text("x " + "a" * 40))] == ["a" * 40]
    assert time.monotonic() - started < 5


def test_a_rule_that_exceeds_its_bound_is_named(
    write_rules: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(model, "REGEX_SECONDS", 0.5)
    folder = write_rules(SLOW_RULE)
    checker = RuleChecker(compile_rules(load_rules([folder])))
    started = time.monotonic()
    with pytest.raises(RegexTimeout) as info:
        list(checker.check(Document.from_text("niños " + "a" * 40 + "b", "article.txt")))
    assert time.monotonic() - started < 30
    assert str(info.value).startswith(f"{folder / 'rules.yaml'}:2: HOUSE_SLOW: regular expression ran longer than 0.5s")
    assert "article.txt" in str(info.value)


def test_outside_the_main_thread_the_regex_module_bounds_the_search(
    write_rules: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    monkeypatch.setattr(model, "REGEX_SECONDS", 0.5)
    checker = RuleChecker(compile_rules(load_rules([write_rules(SLOW_RULE)])))
    caught: list[BaseException] = []

    def run() -> None:
        try:
            list(checker.check(Document.from_text("niños " + "a" * 40 + "b", "article.txt")))
        except RegexTimeout as exc:
            caught.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(60)
    assert not worker.is_alive()
    assert caught and "HOUSE_SLOW" in str(caught[0])
