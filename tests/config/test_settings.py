"""The run's Settings: one frozen value, picklable for --jobs workers, every section reachable from configuration."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.checks.languagetool import LanguageToolSettings
from cleaner.checks.registry import Mode
from cleaner.checks.rules import RuleSettings
from cleaner.cli import cli
from cleaner.config.files import FIELDS
from cleaner.config.settings import Settings
from cleaner.findings import Policy, Severity


def _configured() -> Settings:
    return Settings(
        rules=RuleSettings(paths=(Path("rules/extra"),), builtin=False),
        languagetool=dataclasses.replace(LanguageToolSettings(), disabled_rules=frozenset({"WHITESPACE_RULE"})),
        policy=Policy(disabled_rules=frozenset({"T1"}), severity_overrides={"calque": Severity.INFO}),
        modes={"languagetool": Mode.OFF},
        fix_threshold=0.9,
        fail_on=Severity.MAJOR,
        config_path=Path(".cleaner.toml"),
    )


def test_settings_survive_pickling_for_worker_processes() -> None:
    settings = _configured()
    assert pickle.loads(pickle.dumps(settings)) == settings


def test_every_section_can_be_set_from_configuration() -> None:
    configurable = {name.split(".")[0] for name in FIELDS}
    sections = {f.name for f in dataclasses.fields(Settings)} - {"config_path"}  # where they came from
    assert sections <= configurable, sections - configurable


@pytest.mark.parametrize(
    ("command", "option", "documented"),
    [
        ("fix", "--threshold", f"default {Settings().fix_threshold:g}"),
        ("lint", "--time-budget", f"default {Settings().time_budget:g}"),
        ("lint", "--fail-on", f"default: {Settings().fail_on.value}"),
        ("report", "--out", f"default: {Settings().report_dir}"),
    ],
)
def test_the_defaults_are_the_ones_the_help_documents(command: str, option: str, documented: str) -> None:
    help_text = " ".join(CliRunner().invoke(cli, [command, "--help"], terminal_width=200).output.split())
    after = help_text[help_text.index(option) :]
    assert documented in after[:400], after[:400]
