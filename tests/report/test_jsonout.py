"""The JSON output (schema v1) matches docs/lint-output.schema.json and docs/json-output.md."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.support.article_kit import rule_args, run_cli

DOCS = Path(__file__).resolve().parents[2] / "docs"
SCHEMA = json.loads((DOCS / "lint-output.schema.json").read_text("utf-8"))


@pytest.fixture
def output(tmp_path: Path, write_rules: Callable[[str], Path], capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    (tmp_path / "a.md").write_text("# Pricing talks\n\nMore pricing talks [sic]. We conclude an agreement.\n", "utf-8")
    (tmp_path / "b.html").write_text("<p>The Chinese chief spoke.</p>\n", "utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01")
    code, out, _ = run_cli(capsys, "lint", str(tmp_path), "--format", "json", *rule_args(write_rules))
    assert code == 2
    doc: dict[str, Any] = json.loads(out)
    return doc


def test_output_is_valid_against_the_documented_schema(output: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA).validate(output)
    assert output["version"] == 1
    assert [len(f["findings"]) for f in output["files"]] == [2, 1]
    assert output["files"][0]["suppressed"] == 1
    assert output["errors"][0]["path"].endswith("binary.txt")


def test_schema_lists_exactly_the_fields_emitted(output: dict[str, Any]) -> None:
    defs = SCHEMA["$defs"]
    assert set(output) == set(SCHEMA["properties"])
    assert set(output["files"][0]) == set(defs["file"]["properties"])
    assert set(output["files"][0]["readability"]) == set(defs["readability"]["properties"])
    assert set(output["files"][0]["findings"][0]) == set(defs["finding"]["properties"])
    assert set(output["errors"][0]) == set(defs["inputError"]["properties"])


def test_every_field_is_documented() -> None:
    text = (DOCS / "json-output.md").read_text("utf-8")
    for definition in [SCHEMA, *SCHEMA["$defs"].values()]:
        for name in definition.get("properties", {}):
            assert f"`{name}`" in text, name
