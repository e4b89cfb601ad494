"""``cleaner rules list|show|test`` through the real CLI, on the test rule file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.cli import main
from tests.support.cmd_fixtures import write_rules


def _run(tmp_path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    rules = write_rules(tmp_path)
    code = main(["rules", *args, "--no-builtin-rules", "--rules", str(rules)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_list_has_a_header_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(tmp_path, capsys, "list")
    assert code == 0
    header, *rows = out.splitlines()
    assert header.split()[:4] == ["id", "category", "severity", "confidence"]
    assert rows[0].startswith("T_PRICING_TALKS ") and rows[-1] == "3 rules in 1 files"
    code, out, _ = _run(tmp_path, capsys, "list", "--format", "json")
    data = json.loads(out)
    assert [r["id"] for r in data["rules"]] == ["T_PRICING_TALKS", "T_CONCLUDE", "T_CENSUS"]
    assert data["rules"][0]["replacements"] == ["trade talks"]
    code, out, _ = _run(tmp_path, capsys, "list", "--format", "tsv")
    assert out.splitlines()[0] == "id\tcategory\tseverity\tconfidence\twhere\tmatch"


def test_show_gives_message_examples_and_suggests_close_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(tmp_path, capsys, "show", "T_PRICING_TALKS")
    assert code == 0
    assert "French 'tarif' means tariff." in out and "bad   They held pricing talks." in out
    assert "good  They held trade talks." in out and "0.90 (declared)" in out
    code, out, _ = _run(tmp_path, capsys, "show", "t_pricing_talks", "--format", "markdown")
    assert out.startswith("**T_PRICING_TALKS** (mistranslation, major)")
    assert "- ✗ They held pricing talks. → ✓ They held trade talks." in out
    code, out, err = _run(tmp_path, capsys, "show", "T_PRICING_TALK")
    assert code == 2
    assert "unknown rule id 'T_PRICING_TALK' (did you mean T_PRICING_TALKS" in err
