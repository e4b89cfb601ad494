"""The fingerprint changes with what changes findings, and only with that."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from cleaner.batch.inputs import FILE, RECORD, Item
from cleaner.batch.keys import cleaner_version, content_hash, fingerprint, item_key
from cleaner.checks.registry import Mode
from cleaner.config import Settings
from cleaner.findings import Severity

RULE = """\
domain: test
rules:
  - id: T_ONE
    match: "pricing talks"
    message: "m"
    category: calque
    severity: minor
    examples:
      - bad: "pricing talks"
"""


def test_fingerprint_follows_rules_and_finding_settings(tmp_path: Path) -> None:
    base = Settings()
    assert fingerprint(base) == fingerprint(Settings())
    assert fingerprint(replace(base, fail_on=Severity.MAJOR, report_dir=tmp_path)) == fingerprint(base)
    assert fingerprint(replace(base, policy=replace(base.policy, disabled_rules=frozenset({"X"})))) != fingerprint(base)
    assert fingerprint(replace(base, modes={"languagetool": Mode.OFF})) != fingerprint(base)
    assert fingerprint(base, ("mt", "id")) != fingerprint(base, ("text", "id"))
    rules = tmp_path / "r.yaml"
    rules.write_text(RULE)
    with_rules = replace(base, rules=replace(base.rules, paths=(rules,)))
    before = fingerprint(with_rules)
    assert before != fingerprint(base)
    rules.write_text(RULE.replace("minor", "major"))
    assert fingerprint(with_rules) != before


def test_version_names_the_release_and_the_code() -> None:
    version = cleaner_version()
    release, digest = version.split("+")
    assert release and len(digest) == 12


def test_content_hash_and_key() -> None:
    a = Item("a.txt", FILE, b"same")
    assert content_hash(a) != content_hash(Item("b.txt", FILE, b"same"))  # two files, two articles
    assert content_hash(Item("c.jsonl:1", RECORD, b"x")) == content_hash(Item("c.jsonl:9", RECORD, b"x"))
    assert item_key(content_hash(a), "f1") != item_key(content_hash(a), "f2")
