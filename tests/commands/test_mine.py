"""`cleaner rules mine` end to end: candidates written for review; bad input is exit 2 with file:line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from cleaner.cli import main


def write_pairs(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def good_records() -> list[dict[str, object]]:
    records: list[dict[str, object]] = []
    for i, place in enumerate(["the port", "the school", "a bank", "the council"]):
        for pivot in ("spa", "cat"):
            records.append(
                {
                    "id": f"t:d{i}:rt-{pivot}",
                    "pivot": pivot,
                    "original": f"However, {place} closed.\nPrices rose by more than 5%.",
                    "garbled": f"Even so, {place} closed.\nPrices rose by more that 5%.",
                }
            )
    return records


def test_mine_writes_reviewable_candidates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pairs = write_pairs(tmp_path / "pairs.jsonl", good_records())
    out = tmp_path / "candidates.yaml"
    assert main(["rules", "mine", str(pairs), "--out", str(out)]) == 0
    table = capsys.readouterr().out
    assert "even so -> however" in table
    rules = yaml.safe_load(out.read_text(encoding="utf-8"))["rules"]
    even_so = next(r for r in rules if r["match"] == "=even =so")
    assert even_so["replace"] == "however"
    assert set(even_so["pivots"]) == {"es", "ca"}
    assert "8 of 8 occurrences restore the original" in even_so["note"]
    # The candidates are a valid rule file whose examples pass.
    assert main(["rules", "test", "--no-builtin-rules", "--rules", str(out)]) == 0


@pytest.mark.parametrize(
    ("content", "where"),
    [
        ('{"original": "a", "garbled": "b"}\nnot json\n', ":2: not a JSON line"),
        ('{"original": "a\\nb", "garbled": "b"}\n', ":1: misaligned: original has 2 lines, garbled 1"),
        ('{"garbled": "b"}\n', ":1: missing field 'original'"),
    ],
)
def test_bad_input_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, where: str
) -> None:
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(content, encoding="utf-8")
    out = tmp_path / "candidates.yaml"
    assert main(["rules", "mine", str(pairs), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert f"{pairs}{where}" in err
    assert "\n" not in err
    assert not out.exists()
