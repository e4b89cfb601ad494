"""``extend`` chains and ``[[per-path]]`` sections: what a file inherits, what a glob overrides, what is a mistake."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cleaner.config import Configurations
from cleaner.errors import ConfigError
from cleaner.findings import Severity
from tests.support.article_kit import run_cli


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_extend_takes_the_base_then_overrides_key_by_key_and_adds_up_vocabularies(tmp_path: Path) -> None:
    (tmp_path / "house" / "rules").mkdir(parents=True)
    write(
        tmp_path / "house" / "base.toml",
        'fail-on = "major"\ndisable = ["A"]\nrules = ["rules"]\naccept = ["Kilcher"]\n',
    )
    write(tmp_path / "desk" / ".cleaner.toml", 'extend = "../house/base.toml"\ndisable = ["B"]\naccept = ["KCNA"]\n')
    article = write(tmp_path / "desk" / "a.md", "Text.\n")
    s = Configurations().for_file(str(article))
    assert s.fail_on is Severity.MAJOR  # inherited
    assert s.policy.disabled_rules == frozenset({"B"})  # overridden
    assert s.rules.paths == (tmp_path / "house" / "rules",)  # relative to the file that says it
    assert s.vocabulary.accept == ("Kilcher", "KCNA")  # added up
    assert s.languagetool.vocabulary == s.vocabulary  # and fed to LanguageTool's spelling filter
    assert s.config_path == tmp_path / "desk" / ".cleaner.toml"


def test_an_extend_cycle_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / ".cleaner.toml", 'extend = "other.toml"\n')
    write(tmp_path / "other.toml", 'fail-on = "info"\nextend = "sub/../.cleaner.toml"\n')
    article = write(tmp_path / "a.md", "The council met on Tuesday.\n")
    code, out, err = run_cli(capsys, "lint", str(article), "--no-languagetool", "--fluency", "off")
    assert code == 2 and out == ""
    assert err.count("\n") == 1  # one line
    assert err.startswith(f"error: {tmp_path / 'other.toml'}:2: extend: extends itself in a cycle")


def test_a_missing_base_names_the_line(tmp_path: Path) -> None:
    write(tmp_path / ".cleaner.toml", 'fail-on = "info"\nextend = "nowhere.toml"\n')
    with pytest.raises(ConfigError, match=r"\.cleaner\.toml:2: extend: no such configuration file: nowhere\.toml"):
        Configurations().for_file(str(tmp_path / "a.md"))


def test_per_path_sections_override_for_matching_files_only(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        """\
        [tool.cleaner]
        fail-on = "major"
        accept = ["Kilcher"]

        [[tool.cleaner.per-path]]
        glob = "opinion/**"
        fail-on = "info"
        accept = ["Pogba"]

        [[tool.cleaner.per-path]]
        glob = ["opinion/letters/*.md"]
        disable = ["MT_DOUBLED_WORD"]
        """,
    )
    c = Configurations()
    column = c.for_file(str(tmp_path / "opinion" / "column.md"))
    letter = c.for_file(str(tmp_path / "opinion" / "letters" / "l.md"))
    news = c.for_file(str(tmp_path / "news" / "n.md"))
    nested = c.for_file(str(tmp_path / "news" / "opinion" / "x.md"))  # the glob is relative to the file's folder
    assert (column.fail_on, letter.fail_on, news.fail_on, nested.fail_on) == (
        Severity.INFO,
        Severity.INFO,
        Severity.MAJOR,
        Severity.MAJOR,
    )
    assert column.vocabulary.accept == ("Kilcher", "Pogba") and news.vocabulary.accept == ("Kilcher",)
    assert letter.policy.disabled_rules == frozenset({"MT_DOUBLED_WORD"}) and not column.policy.disabled_rules
    assert c.for_file(str(tmp_path / "opinion" / "other.md")) is column  # one Settings per distinct result


def test_per_path_base_sections_come_first_and_run_wide_keys_are_refused(tmp_path: Path) -> None:
    write(tmp_path / "base.toml", '[[per-path]]\nglob = "*.md"\nfail-on = "major"\n')
    write(tmp_path / ".cleaner.toml", 'extend = "base.toml"\n[[per-path]]\nglob = "x.md"\nfail-on = "info"\n')
    c = Configurations()
    assert c.for_file(str(tmp_path / "x.md")).fail_on is Severity.INFO
    assert c.for_file(str(tmp_path / "y.md")).fail_on is Severity.MAJOR
    write(
        tmp_path / ".cleaner.toml",
        '[[per-path]]\nglob = "a/**"\nfail-on = "info"\n\n[[per-path]]\nglob = "b/**"\nexclude = ["x/"]\n',
    )
    with pytest.raises(ConfigError, match=r"\.cleaner\.toml:7: per-path\.exclude: applies to the whole run"):
        Configurations().for_file(str(tmp_path / "a.md"))
    write(tmp_path / ".cleaner.toml", '[[per-path]]\nfail-on = "info"\n')
    with pytest.raises(ConfigError, match=r"\.cleaner\.toml:1: per-path\.glob: every \[\[per-path\]\] section needs"):
        Configurations().for_file(str(tmp_path / "a.md"))


def test_suppress_entries_add_up_along_the_chain_each_relative_to_its_own_file(tmp_path: Path) -> None:
    write(tmp_path / "house" / "base.toml", '[[suppress]]\npath = "a.md"\nrule = "T_CENSUS"\n')
    write(
        tmp_path / "house" / "desk" / ".cleaner.toml",
        'extend = "../base.toml"\n\n[[suppress]]\npath = "a.md"\nrule = "T_CONCLUDE"\n',
    )
    s = Configurations().for_file(str(tmp_path / "house" / "desk" / "a.md"))
    base, own = s.policy.suppressions
    assert (base.rule, base.root, base.origin) == (
        "T_CENSUS",
        tmp_path / "house",
        f"{tmp_path / 'house' / 'base.toml'}:1",
    )
    assert (own.rule, own.root) == ("T_CONCLUDE", tmp_path / "house" / "desk")
    # both say "a.md", each relative to its own file's folder
    assert not base.applies_to(str(tmp_path / "house" / "desk" / "a.md")) and base.applies_to(
        str(tmp_path / "house" / "a.md")
    )
    assert own.applies_to(str(tmp_path / "house" / "desk" / "a.md"))


def test_suppress_entries_are_refused_in_a_per_path_section(tmp_path: Path) -> None:
    write(
        tmp_path / ".cleaner.toml",
        '[[per-path]]\nglob = "a/**"\n\n[[per-path.suppress]]\npath = "a/x.md"\nrule = "X"\n',
    )
    with pytest.raises(
        ConfigError, match=r"\.cleaner\.toml:4: per-path\.suppress: \[\[suppress\]\] entries name their own"
    ):
        Configurations().for_file(str(tmp_path / "a" / "x.md"))


def test_cleaner_config_shows_the_chain_and_the_per_path_origin(tmp_path: Path, capsys) -> None:
    write(tmp_path / "base.toml", 'fail-on = "major"\n')
    write(tmp_path / ".cleaner.toml", 'extend = "base.toml"\n[[per-path]]\nglob = "opinion/**"\nfix-threshold = 0.9\n')
    article = write(tmp_path / "opinion" / "c.md", "Text.\n")
    code, out, _ = run_cli(capsys, "config", str(article))
    assert code == 0
    assert f"# extends: {tmp_path / 'base.toml'}" in out
    lines = {line.split("#")[0].strip(): line.split("#")[-1].strip() for line in out.splitlines() if "=" in line}
    assert lines['fail-on = "major"'] == "file"
    assert lines["fix-threshold = 0.9"] == "file [[per-path]] opinion/**"
