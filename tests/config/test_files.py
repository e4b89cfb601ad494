"""Configuration: discovery (nearest wins), merging (defaults < file < command line), errors."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from cleaner.checks.languagetool.settings import LanguageToolSettings
from cleaner.checks.registry import Mode
from cleaner.checks.rules.settings import RuleSettings
from cleaner.config import load_settings, resolve
from cleaner.config.files import Overrides, find_config
from cleaner.config.settings import Settings
from cleaner.document import DiscoverySettings
from cleaner.errors import ConfigError
from cleaner.findings.filter import Policy
from cleaner.findings.finding import Severity
from tests.support.article_kit import RULES, run_cli


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """root/pyproject.toml (fail-on major), root/desk/.cleaner.toml (fail-on info), articles below."""
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.cleaner]\nfail-on = "major"\n')
    write(tmp_path / "desk" / ".cleaner.toml", 'fail-on = "info"\n')
    write(tmp_path / "desk" / "politics" / "a.md", "Text.\n")
    write(tmp_path / "world" / "b.txt", "Text.\n")
    return tmp_path


def test_nearest_file_wins(tree: Path) -> None:
    assert find_config(tree / "desk" / "politics" / "a.md") == tree / "desk" / ".cleaner.toml"
    assert find_config(tree / "world" / "b.txt") == tree / "pyproject.toml"
    assert find_config(tree / "world") == tree / "pyproject.toml"
    assert load_settings([str(tree / "desk" / "politics" / "a.md")]).fail_on is Severity.INFO
    assert load_settings([str(tree / "world" / "b.txt")]).fail_on is Severity.MAJOR


def test_run_wide_settings_are_the_first_paths(tree: Path) -> None:
    """load_settings (report-dir, batch, ``cleaner config``) reads the first path's file; articles get their own."""
    paths = [str(tree / "world" / "b.txt"), str(tree / "desk" / "politics" / "a.md")]
    assert load_settings(paths).config_path == tree / "pyproject.toml"


def test_cleaner_toml_beats_pyproject_in_one_folder_and_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.cleaner]\nfail-on = "major"\n')
    write(tmp_path / "a" / "pyproject.toml", "[tool.black]\nline-length = 80\n")
    assert find_config(tmp_path / "a" / "x.md") == tmp_path / "pyproject.toml"
    write(tmp_path / ".cleaner.toml", 'fail-on = "info"\n')
    assert find_config(tmp_path / "a" / "x.md") == tmp_path / ".cleaner.toml"


def test_no_file_gives_defaults(tmp_path: Path) -> None:
    resolved = resolve([str(tmp_path / "x.md")])
    assert resolved.config is None
    assert resolved.settings == Settings()
    assert set(resolved.origins.values()) == {"default"}


def test_every_key_is_read(tmp_path: Path) -> None:
    (tmp_path / "house-rules").mkdir()
    write(
        tmp_path / "pyproject.toml",
        """\
        [tool.cleaner]
        rules = ["house-rules"]
        builtin-rules = false
        disable = ["A", "B"]
        enable = ["C"]
        disable-categories = ["style"]
        severity = { T_CONCLUDE = "major", calque = "info" }
        fail-on = "info"
        fix-threshold = 0.95
        report-dir = "out/reports"
        extend-exclude = ["wire/", "*.draft.md"]
        respect-gitignore = false

        [tool.cleaner.languagetool]
        enabled = "required"
        disable = ["EN_QUOTES"]
        enable = ["PASSIVE_VOICE"]
        disable-categories = ["TYPOGRAPHY"]
        idle-timeout = 20
        """,
    )
    s = load_settings([str(tmp_path / "a.md")])
    lt = LanguageToolSettings()
    assert s == Settings(
        discovery=DiscoverySettings(extend_exclude=("wire/", "*.draft.md"), root=tmp_path, respect_gitignore=False),
        rules=RuleSettings(paths=(tmp_path / "house-rules",), builtin=False),
        policy=Policy(
            disabled_rules=frozenset({"A", "B"}),
            enabled_rules=frozenset({"C"}),
            disabled_categories=frozenset({"style"}),
            severity_overrides={"T_CONCLUDE": Severity.MAJOR, "calque": Severity.INFO},
        ),
        fail_on=Severity.INFO,
        fix_threshold=0.95,
        report_dir=tmp_path / "out" / "reports",
        modes={"languagetool": Mode.REQUIRED},
        languagetool=replace(
            lt,
            disabled_rules=(lt.disabled_rules | {"EN_QUOTES"}) - {"PASSIVE_VOICE"},
            enabled_rules=frozenset({"PASSIVE_VOICE"}),
            disabled_categories=lt.disabled_categories | {"TYPOGRAPHY"},
            idle_timeout_minutes=20.0,
        ),
        config_path=tmp_path / "pyproject.toml",
    )


def test_command_line_overrides_file(tmp_path: Path) -> None:
    (tmp_path / "r1").mkdir()
    (tmp_path / "r2").mkdir()
    write(tmp_path / ".cleaner.toml", 'rules = ["r1"]\nfail-on = "info"\n[languagetool]\nenabled = false\n')
    overrides = Overrides(
        rule_paths=(tmp_path / "r2",), fail_on=Severity.MAJOR, languagetool="required", fix_threshold=0.5
    )
    resolved = resolve([str(tmp_path / "a.md")], overrides=overrides)
    s = resolved.settings
    assert (s.fail_on, s.modes["languagetool"], s.fix_threshold) == (Severity.MAJOR, Mode.REQUIRED, 0.5)
    assert s.rules.paths == (tmp_path / "r1", tmp_path / "r2")  # --rules adds to the file's folders
    assert resolved.origins["fail_on"] == "command line"
    assert resolved.origins["rules.paths"] == "file + command line"
    assert resolved.origins["rules.builtin"] == "default"


def test_explicit_config_file(tmp_path: Path) -> None:
    other = write(tmp_path / "elsewhere" / "team.toml", 'fail-on = "major"\n')
    write(tmp_path / ".cleaner.toml", 'fail-on = "info"\n')
    assert load_settings([str(tmp_path / "a.md")], explicit=other).fail_on is Severity.MAJOR


@pytest.mark.parametrize(
    ("name", "body", "key", "problem"),
    [
        (".cleaner.toml", "fail_on = 'major'\n", "fail_on", "unknown key; did you mean 'fail-on'?"),
        (".cleaner.toml", "colour = true\n", "colour", "unknown key (known keys: accept, builtin-rules, disable,"),
        (".cleaner.toml", "fail-on = 'fatal'\n", "fail-on", "expected one of major, minor, info, got 'fatal'"),
        (".cleaner.toml", "fix-threshold = 1.5\n", "fix-threshold", "expected a number from 0 to 1, got 1.5"),
        (".cleaner.toml", "fix-threshold = true\n", "fix-threshold", "expected a number from 0 to 1, got True"),
        (".cleaner.toml", "builtin-rules = 'no'\n", "builtin-rules", "expected true or false, got 'no'"),
        (".cleaner.toml", "disable = 'A'\n", "disable", "expected a list of non-empty strings, got 'A'"),
        (".cleaner.toml", "disable = ['']\n", "disable", "expected a list of non-empty strings"),
        (".cleaner.toml", "enable = [1]\n", "enable", "expected a list of non-empty strings, got [1]"),
        (".cleaner.toml", "disable-categories = {}\n", "disable-categories", "expected a list of non-empty strings"),
        (".cleaner.toml", "severity = { R = 'high' }\n", "severity", "R: expected one of major, minor, info"),
        (".cleaner.toml", "severity = 'major'\n", "severity", "expected a table of rule id or category = severity"),
        (".cleaner.toml", "rules = ['missing']\n", "rules", "no such rule file or folder: missing"),
        (".cleaner.toml", "rules = 'x'\n", "rules", "expected a list of rule files or folders"),
        (".cleaner.toml", "report-dir = 3\n", "report-dir", "expected a folder name, got 3"),
        (".cleaner.toml", "languagetool = true\n", "languagetool", "must be a table"),
        (
            ".cleaner.toml",
            "[languagetool]\nenabled = 'maybe'\n",
            "languagetool.enabled",
            'expected true, false or "required"',
        ),
        (
            ".cleaner.toml",
            "[languagetool]\nidle-timeout = 0\n",
            "languagetool.idle-timeout",
            "expected a positive number",
        ),
        (
            ".cleaner.toml",
            "[languagetool]\ndisable = 'X'\n",
            "languagetool.disable",
            "expected a list of non-empty strings",
        ),
        (
            ".cleaner.toml",
            "[languagetool]\nport = 8081\n",
            "languagetool.port",
            "unknown key (known keys: cache-max-mb,",
        ),
        (".cleaner.toml", "fail-on = \n", "(TOML syntax)", "Invalid value (at line 1, column 11)"),
        (
            "pyproject.toml",
            "[tool.cleaner]\nfailon = 'x'\n",
            "tool.cleaner.failon",
            "unknown key; did you mean 'fail-on'?",
        ),
        (
            "pyproject.toml",
            "[tool.cleaner.languagetool]\nenabled = 1\n",
            "tool.cleaner.languagetool.enabled",
            "expected",
        ),
        ("pyproject.toml", "[tool]\ncleaner = 3 # tool.cleaner\n", "tool.cleaner", "must be a table"),
    ],
)
def test_errors_name_file_and_key_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, body: str, key: str, problem: str
) -> None:
    config = write(tmp_path / name, body)
    art = write(tmp_path / "a.txt", "Text.\n")
    last = key.split(".")[-1]
    line = 1 if key.startswith("(") else next(i for i, t in enumerate(body.splitlines(), 1) if t.startswith(last))
    with pytest.raises(ConfigError) as info:
        load_settings([str(art)])
    assert str(info.value).startswith(f"{config}:{line}: {key}: {problem}")
    code, out, err = run_cli(capsys, "lint", str(art), "--no-builtin-rules", "--no-languagetool")
    assert code == 2
    assert out == ""
    assert err.startswith(f"error: {config}:{line}: {key}: {problem}")
    assert len(err.strip().splitlines()) == 1


def test_explicit_pyproject_without_table_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    art = write(tmp_path / "a.txt", "Text.\n")
    code, _, err = run_cli(capsys, "lint", str(art), "--config", str(config), "--no-languagetool")
    assert code == 2
    assert err.strip() == f"error: {config}: tool.cleaner: no [tool.cleaner] table in this file"


def test_lint_uses_the_config_and_options_override_it(
    tmp_path: Path, write_rules: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    rules = write_rules(RULES)
    write(
        tmp_path / "news" / ".cleaner.toml",
        f"""\
        rules = ["{rules}"]
        builtin-rules = false
        fail-on = "major"
        severity = {{ T_CONCLUDE = "info" }}
        disable = ["T_CHINESE_CHIEF"]
        [languagetool]
        enabled = false
        """,
    )
    art = write(tmp_path / "news" / "a.txt", "They will conclude an agreement with the Chinese chief.\n")
    code, out, _ = run_cli(capsys, "lint", str(art))
    assert code == 0  # the only finding is info now, below fail-on major
    assert "info T_CONCLUDE" in out and "T_CHINESE_CHIEF" not in out
    code, out, _ = run_cli(capsys, "lint", str(art), "--fail-on", "info")
    assert code == 1


def test_every_languagetool_knob_can_be_set_from_configuration(tmp_path: Path) -> None:
    from dataclasses import fields

    from cleaner.config.files import LT_KEYS

    settable = {target.removeprefix("languagetool.") for target, _ in LT_KEYS.values()}
    # enabled_only: set by the pivot checker for its own request, not a user's knob;
    # vocabulary: the top-level accept list, copied in by the loader
    internal = {"enabled_only", "vocabulary"}
    assert {f.name for f in fields(LanguageToolSettings)} - internal <= settable
    write(
        tmp_path / ".cleaner.toml",
        '[languagetool]\nmax-heap = "2g"\nrequest-timeout = 5\njava-options = ["-Dx=1"]\nhome = "lt"\n'
        "skip-british-spelling = false\n",
    )
    lt = load_settings([str(tmp_path / "a.md")]).languagetool
    assert (lt.max_heap, lt.request_timeout, lt.extra_java_options) == ("2g", 5.0, ("-Dx=1",))
    assert lt.home == tmp_path / "lt" and lt.skip_british_spelling is False
