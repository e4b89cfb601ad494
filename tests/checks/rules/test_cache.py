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


def test_cached_rules_decode_lazily_and_match_the_fresh_ones(
    tmp_path: Path, write_rules: Callable[[str], Path]
) -> None:
    from cleaner.checks.rules.lazy_rules import LazyRules
    from cleaner.checks.rules.matcher import RuleChecker
    from cleaner.document import Document

    second = RULE.split("\n", 1)[1].replace("R1", "R2").replace("pricing talks", "tarif talks")
    files = rule_files([write_rules(RULE + second)])
    fresh = cached_compile(tmp_path / "c", files, lambda: compile_rules(load_rules(files)))
    cached = cached_compile(tmp_path / "c", files, lambda: compile_rules(load_rules(files)))
    assert isinstance(cached.rules, LazyRules)
    assert cached.rules.ids == ("R1", "R2")
    assert cached.rules._decoded == [None, None]  # nothing decoded by loading
    doc = Document.from_text("More pricing talks.")
    assert list(RuleChecker(cached).check(doc)) == list(RuleChecker(fresh).check(doc))
    assert cached.rules._decoded[1] is None  # R2 never matched, never decoded
    assert list(cached.rules) == list(fresh.rules)


def test_only_the_most_recently_used_entries_are_kept(tmp_path: Path, write_rules: Callable[[str], Path]) -> None:
    import os

    from cleaner.checks.rules.cache import KEEP

    folder = tmp_path / "c"
    folder.mkdir()
    for i in range(KEEP + 3):
        stale = folder / f"rules-old{i:02d}.pickle"
        stale.write_bytes(b"x")
        os.utime(stale, (1_000_000 + i, 1_000_000 + i))
    crashed = folder / ".rules-abc.tmp"
    crashed.write_bytes(b"half")
    os.utime(crashed, (1_000_000, 1_000_000))
    files = rule_files([write_rules(RULE)])
    cached_compile(folder, files, lambda: compile_rules(load_rules(files)))
    kept = sorted(p.name for p in folder.iterdir())
    assert len(kept) == KEEP
    assert f"rules-{cache_key(files)}.pickle" in kept
    assert "rules-old00.pickle" not in kept and f"rules-old{KEEP + 2:02d}.pickle" in kept
    assert not crashed.exists()
