"""``[[suppress]]`` in the configuration: entries checked one by one, each mistake naming its file and line."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from cleaner.config.suppress_table import parse_entries
from cleaner.findings import SuppressEntry
from tests.support.article_kit import run_cli

TEXT = "They held pricing talks.\nThey will hold pricing talks.\nIt is hard to conclude an agreement.\n"


def _parse(toml: str, tmp_path: Path, prefix: str = "") -> tuple[tuple[SuppressEntry, ...], list[str]]:
    data: Any = tomllib.loads(toml)
    for part in prefix.split(".")[:-1]:
        data = data[part]
    entries, errors = parse_entries(data["suppress"], tmp_path / "cfg.toml", prefix, toml, tmp_path)
    return entries, [str(e) for e in errors]


def test_a_bad_entry_is_an_error_naming_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / ".cleaner.toml"
    config.write_text('[[suppress]]\npath = "a.txt"\n\n[[suppress]]\nrule = "X"\n')
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    code, _, err = run_cli(capsys, "lint", str(tmp_path / "a.txt"), "--no-languagetool", "--fluency", "off")
    assert code == 2
    assert err.splitlines() == [
        f"error: {config}:1: suppress[1]: rule: expected a non-empty string, got None",
        f"error: {config}:4: suppress[2]: path: expected a non-empty string, got None",
    ]


def test_a_good_entry_is_kept_with_the_line_it_is_written_on(tmp_path: Path) -> None:
    toml = 'x = 1\n\n[[suppress]]\npath = " news/*.txt "\nrule = "T_X"\ntext = "held talks"\nline = 3\n'
    (entry,), errors = _parse(toml, tmp_path)
    assert errors == []
    assert entry == SuppressEntry(
        path="news/*.txt", rule="T_X", text="held talks", line=3, root=tmp_path, origin=f"{tmp_path / 'cfg.toml'}:3"
    )


def test_in_pyproject_the_key_and_lines_are_those_of_tool_cleaner_suppress(tmp_path: Path) -> None:
    toml = '[tool.cleaner]\n\n[[tool.cleaner.suppress]]\npath = "a.txt"\nrule = "R"\n\n[[tool.cleaner.suppress]]\n'
    toml += 'path = "b.txt"\nrule = "R"\ncolour = "red"\n'
    entries, errors = _parse(toml, tmp_path, "tool.cleaner.")
    assert [e.origin for e in entries] == [f"{tmp_path / 'cfg.toml'}:3"]
    assert errors == [
        f"{tmp_path / 'cfg.toml'}:7: tool.cleaner.suppress[2]: "
        "unknown key 'colour' (known keys: path, rule, text, line)"
    ]


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ('path = "a.txt"\nrule = "  "', "rule: expected a non-empty string, got '  '"),
        ('path = "a.txt"\nrule = "R"\ntext = ""', "text: expected a non-empty string, got ''"),
        ('path = "a.txt"\nrule = "R"\nline = 0', "line: expected a line number (1 or more), got 0"),
        ('path = "a.txt"\nrule = "R"\nline = true', "line: expected a line number (1 or more), got True"),
        ('path = 3\nrule = "R"', "path: expected a non-empty string, got 3"),
    ],
)
def test_each_field_is_checked(tmp_path: Path, fields: str, problem: str) -> None:
    entries, errors = _parse(f"[[suppress]]\n{fields}\n", tmp_path)
    assert entries == ()
    assert errors == [f"{tmp_path / 'cfg.toml'}:1: suppress[1]: {problem}"]


def test_suppress_that_is_not_an_array_of_tables_is_one_error_at_its_key(tmp_path: Path) -> None:
    entries, errors = _parse('fail-on = "major"\nsuppress = "T_X"\n', tmp_path)
    assert entries == ()
    assert errors == [f"{tmp_path / 'cfg.toml'}:2: suppress: expected [[suppress]] tables (path, rule, text, line)"]
