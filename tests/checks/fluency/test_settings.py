from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.checks.fluency.settings import parse_table
from cleaner.checks.registry import Mode
from cleaner.config import load_settings
from cleaner.errors import ConfigError


def test_table_sets_mode_model_threads_and_thresholds(tmp_path: Path) -> None:
    fields, problems = parse_table(
        {"mode": "full", "model": "m/x.gguf", "threads": 1, "propose-margin": 5, "max-candidates": 10}, tmp_path
    )
    assert problems == []
    assert fields["modes.fluency"] is Mode.REQUIRED and fields["fluency.kind"] == "full"
    assert fields["fluency.model"] == tmp_path / "m/x.gguf"
    assert (fields["fluency.threads"], fields["fluency.propose_margin"], fields["fluency.max_candidates"]) == (
        1,
        5.0,
        10,
    )
    assert parse_table({"mode": "auto"}, tmp_path)[0] == {"modes.fluency": Mode.OPTIONAL}
    assert parse_table({"hint-apply": 7}, tmp_path) == ({"fluency.hint_apply": 7.0}, [])
    assert parse_table({"gate-tokens": 0}, tmp_path) == ({"fluency.gate_tokens": 0.0}, [])
    assert parse_table({"surprise": 10}, tmp_path) == ({"fluency.surprise": 10.0}, [])


@pytest.mark.parametrize(
    ("table", "key"),
    [({"mode": "always"}, "mode"), ({"threads": 0}, "threads"), ({"gate-slope": "x"}, "gate-slope"), ({"x": 1}, "x")],
)
def test_mistakes_name_the_key(tmp_path: Path, table: dict[str, object], key: str) -> None:
    _, problems = parse_table(table, tmp_path)
    assert [k for k, _ in problems] == [key]


def test_config_file_mistake_is_a_one_line_error_naming_file_and_key(tmp_path: Path) -> None:
    cfg = tmp_path / ".cleaner.toml"
    cfg.write_text('[fluency]\nmode = "sometimes"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings([str(tmp_path)])
    assert ".cleaner.toml" in str(info.value) and "fluency.mode" in str(info.value)
    assert "\n" not in str(info.value)


def test_config_file_values_reach_the_settings(tmp_path: Path) -> None:
    (tmp_path / ".cleaner.toml").write_text('[fluency]\nmode = "off"\nthreads = 2\n', encoding="utf-8")
    settings = load_settings([str(tmp_path)])
    assert settings.modes["fluency"] is Mode.OFF
    assert settings.fluency.threads == 2


def test_cleaner_config_shows_the_fluency_table_with_origins(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from cleaner.cli import main

    (tmp_path / ".cleaner.toml").write_text('[fluency]\nmode = "gate"\n', encoding="utf-8")
    assert main(["config", str(tmp_path), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["settings"]["fluency"]["mode"] == "required" and doc["settings"]["fluency"]["kind"] == "gate"
    assert doc["origins"]["fluency.mode"] == "file"
    assert doc["origins"]["fluency.propose-margin"] == "default"
