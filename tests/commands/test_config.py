"""``cleaner config``: the effective configuration as TOML or JSON, each value with where it came from."""

from __future__ import annotations

import json
import textwrap
import tomllib
from pathlib import Path

import pytest

from cleaner.commands.config import run_config
from cleaner.config import Overrides, resolve
from cleaner.config.files import FIELDS, get_field
from cleaner.findings import Severity
from tests.support.article_kit import run_cli


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def printed(*args: object, **kwargs: object) -> str:
    lines: list[str] = []
    assert run_config(*args, out=lines.append, **kwargs) == 0  # type: ignore[arg-type]
    return "\n".join(lines)


def test_config_command_shows_values_and_origins(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write(
        tmp_path / "pyproject.toml",
        '[tool.cleaner]\nfail-on = "major"\n[tool.cleaner.languagetool]\nidle-timeout = 5\n',
    )
    code, out, _ = run_cli(capsys, "config", str(tmp_path / "a.md"))
    assert code == 0
    assert f"# configuration file: {config} [tool.cleaner]" in out
    lines = {line.split("#")[0].strip(): line.split("#")[-1].strip() for line in out.splitlines() if "=" in line}
    assert lines['fail-on = "major"'] == "file"
    assert lines["fix-threshold = 0.8"] == "default"
    assert lines["idle-timeout = 5.0"] == "file"
    code, out, _ = run_cli(capsys, "config", str(tmp_path / "a.md"), "--format", "json")
    doc = json.loads(out)
    assert doc["file"] == str(config)
    assert doc["settings"]["fail-on"] == "major"
    assert doc["settings"]["languagetool"]["enabled"] == "optional"
    assert doc["origins"]["languagetool.idle-timeout"] == "file"


def test_without_a_file_everything_is_a_default_and_command_line_values_say_so(tmp_path: Path) -> None:
    out = printed([str(tmp_path)], None, "toml", overrides=Overrides(fail_on=Severity.INFO, fix_threshold=0.5))
    assert f"# effective configuration for {tmp_path}" in out
    assert "# configuration file: none found (defaults)" in out
    origins = {line.split("=")[0].strip(): line.rsplit("#", 1)[1].strip() for line in out.splitlines() if " = " in line}
    assert origins["fail-on"] == origins["fix-threshold"] == "command line"
    assert origins["report-dir"] == "default"
    assert json.loads(printed([str(tmp_path)], None, "json"))["file"] is None


def test_the_printed_toml_is_a_configuration_file_that_gives_the_same_settings(tmp_path: Path) -> None:
    write(
        tmp_path / "desk" / ".cleaner.toml",
        """\
        fail-on = "info"
        severity = { T1 = "major" }
        [languagetool]
        max-heap = "2g"
        [fluency]
        mode = "gate"
        """,
    )
    original = resolve([str(tmp_path / "desk")]).settings
    # the default report-dir is relative to the working folder, a file's to its own folder
    compared = [name for name in FIELDS if name != "report_dir"]
    text = printed([str(tmp_path / "desk")], None, "toml")
    assert 'mode = "gate"' in text and "kind =" not in text  # the file's spelling of required + gate
    tomllib.loads(text)  # valid TOML, origin comments and all
    write(tmp_path / "desk" / ".cleaner.toml", text)  # in place: paths in it are relative to its folder
    again = resolve([str(tmp_path / "desk")]).settings
    assert [get_field(again, n) for n in compared] == [get_field(original, n) for n in compared]
    assert (again.fail_on, again.fluency.kind, again.languagetool.max_heap) == (Severity.INFO, "gate", "2g")
