"""Unknown rule ids in configuration files: each named at the file and line that writes it, along extend chains."""

from __future__ import annotations

import textwrap
from pathlib import Path

from cleaner.config import Configurations, config_id_warnings
from cleaner.findings import KnownIds

KNOWN = KnownIds({"T_CENSUS": "rules", "T_CONCLUDE": "rules"}, frozenset({"calque"}))
"""Two rule ids and a category, LanguageTool off: anything else written where a rule id goes is unknown."""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_each_file_of_the_chain_is_named_for_the_ids_it_writes(tmp_path: Path) -> None:
    base = write(
        tmp_path / "house.toml",
        """\
        disable = ["T_CENSUSS"]

        [[suppress]]
        path = "desk/a.txt"
        rule = "T_CONCLUD"
        """,
    )
    desk = write(
        tmp_path / "desk" / ".cleaner.toml",
        """\
        extend = "../house.toml"
        severity = { calqu = "info", T_CENSUS = "major" }

        [[per-path]]
        glob = "opinion/**"
        enable = ["T_CONCLUDE", "T_NOPE"]
        """,
    )
    settings = Configurations().for_file(str(tmp_path / "desk" / "a.txt"))  # the per-path section does not match
    assert config_id_warnings(settings, KNOWN) == [
        f"warning: {base}:1: disable: unknown rule id 'T_CENSUSS'; did you mean 'T_CENSUS'?",
        f"warning: {base}:3: suppress: unknown rule id 'T_CONCLUD'; did you mean 'T_CONCLUDE'?",
        f"warning: {desk}:2: severity: unknown rule id or category 'calqu'; did you mean 'calque'?",
        f"warning: {desk}:6: per-path.enable: unknown rule id 'T_NOPE'",
    ]


def test_ids_a_base_writes_are_not_looked_for_in_the_extending_file(tmp_path: Path) -> None:
    write(tmp_path / "house.toml", 'disable = ["T_CENSUS"]\n')
    write(tmp_path / "desk" / ".cleaner.toml", 'extend = "../house.toml"\nfail-on = "major"\n')
    settings = Configurations().for_file(str(tmp_path / "desk" / "a.txt"))
    assert settings.policy.disabled_rules == frozenset({"T_CENSUS"})
    assert config_id_warnings(settings, KNOWN) == []
    assert config_id_warnings(settings, KnownIds()) == [
        f"warning: {tmp_path / 'house.toml'}:1: disable: unknown rule id 'T_CENSUS'"
    ]


def test_pyproject_keys_are_spelled_with_their_table(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[tool.cleaner]\nfail-on = "info"\n\n[tool.cleaner.languagetool]\nenable = ["CLEANER_NOPE"]\n',
    )
    settings = Configurations().for_file(str(tmp_path / "a.md"))
    assert config_id_warnings(settings, KNOWN) == [
        f"warning: {tmp_path / 'pyproject.toml'}:5: tool.cleaner.languagetool.enable: unknown rule id 'CLEANER_NOPE'"
    ]


def test_settings_without_a_file_have_nothing_to_say(tmp_path: Path) -> None:
    assert config_id_warnings(Configurations().for_file(str(tmp_path / "a.md")), KnownIds()) == []
