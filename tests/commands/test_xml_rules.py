"""``cleaner rules test --languagetool``: cleaner's LanguageTool XML rule examples on the real server."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.checks.languagetool.custom_rules import rules_file
from cleaner.checks.languagetool.server import ServerState
from cleaner.checks.languagetool.xml_examples import load_examples
from cleaner.cli import cli
from cleaner.commands import xml_rules
from cleaner.commands.xml_rules import run_xml_rules_test
from cleaner.errors import ExitCode

FAILING = """<?xml version="1.0" encoding="UTF-8"?>
<rules lang="en">
<category id="CLEANER_PIVOT" name="test" type="grammar">
  <rulegroup id="CLEANER_PIVOT_NOT_ON_THE_SERVER" name="test">
    <rule>
      <pattern><token>zebrafoo</token></pattern>
      <message>Romance pivot: test rule.</message>
      <example correction="">A <marker>zebrafoo</marker>.</example>
    </rule>
  </rulegroup>
</category>
</rules>
"""


def test_an_installation_without_xml_rules_passes_without_starting_languagetool(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(xml_rules, "xml_rules_file", lambda: None)
    monkeypatch.setattr(xml_rules, "managed", None)  # calling it would fail: no server may be started
    lines: list[str] = []
    assert run_xml_rules_test(lines.append) is ExitCode.OK
    assert lines == ["no LanguageTool XML rules in this installation"]


@pytest.mark.languagetool
def test_rules_test_command_runs_the_xml_examples(lt_server: ServerState) -> None:
    result = CliRunner().invoke(cli, ["rules", "test", "--languagetool"])
    assert result.exit_code == 0, result.output
    path = rules_file()
    assert path is not None
    assert f"{len(load_examples(path))} passed, 0 failed (LanguageTool XML rules in {path})" in result.output


@pytest.mark.languagetool
def test_a_failing_example_is_named_by_file_and_line_and_exits_2(
    lt_server: ServerState, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    failing = tmp_path / "grammar_custom.xml"
    failing.write_text(FAILING, encoding="utf-8")
    monkeypatch.setattr(xml_rules, "xml_rules_file", lambda: failing)  # its rule is not on the server
    lines: list[str] = []
    assert run_xml_rules_test(lines.append) is ExitCode.ERROR
    # the rule is named where its id is written: the rulegroup on line 4
    assert lines[0] == f"{failing}:4: CLEANER_PIVOT_NOT_ON_THE_SERVER: did not fire: 'A zebrafoo.'"
    assert lines[-1] == f"0 passed, 1 failed (LanguageTool XML rules in {failing})"
