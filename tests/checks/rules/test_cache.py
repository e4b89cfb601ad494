from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cleaner.checks.rules.cache import cache_key, cached_compile
from cleaner.checks.rules.compiler import CompiledRules, compile_rules
from cleaner.checks.rules.loader import load_rules, rule_files

RULE = """\
rules:
  - id: R1
    match: "pricing talks"
    replace: "trade talks"
    message: "why"
    category: mistranslation
    severity: major
    confidence: 0.9
    examples:
      - bad: "More pricing talks."
        good: "More trade talks."
"""


def test_compiled_rules_are_cached_and_invalidated(tmp_path: Path, write_rules: Callable[[str], Path]) -> None:
    folder = write_rules(RULE)
    files = rule_files([folder])
    builds: list[int] = []

    def build() -> CompiledRules:
        builds.append(1)
        return compile_rules(load_rules(files))

    first = cached_compile(tmp_path / "c", files, build)
    second = cached_compile(tmp_path / "c", files, build)
    assert len(builds) == 1
    assert [r.id for r in second.rules] == [r.id for r in first.rules]

    old_key = cache_key(files)
    (folder / "rules.yaml").write_text(RULE.replace("0.9", "0.7"), encoding="utf-8")
    assert cache_key(files) != old_key
    third = cached_compile(tmp_path / "c", files, build)
    assert len(builds) == 2
    assert third.rules[0].confidence == 0.7


def test_corrupt_cache_entry_is_rebuilt(tmp_path: Path, write_rules: Callable[[str], Path]) -> None:
    files = rule_files([write_rules(RULE)])
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / f"rules-{cache_key(files)}.pickle").write_bytes(b"not a pickle")
    compiled = cached_compile(folder, files, lambda: compile_rules(load_rules(files)))
    assert compiled.rules[0].id == "R1"
