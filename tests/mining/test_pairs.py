"""Bad pair files are one-line errors naming file and line."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from cleaner.mining.pairs import PairsError, read_clean, read_pairs


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_reads_gzip_pairs_with_doc_and_pivot(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write(json.dumps({"id": "t:doc1:rt-spa", "pivot": "spa", "original": "a\nb", "garbled": "x\ny"}) + "\n")
    (pair,) = read_pairs(path)
    assert (pair.doc, pair.pivot, pair.where) == ("t:doc1", "spa", f"{path}:1")


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("{not json", "2: not a JSON line"),
        (json.dumps({"garbled": "x"}), "2: missing field 'original'"),
        (json.dumps({"original": "a", "garbled": 3}), "2: field must be a string: 'garbled'"),
        (json.dumps({"original": "a\nb", "garbled": "x"}), "2: misaligned: original has 2 lines, garbled 1"),
        ("[1, 2]", "2: a record must be a JSON object"),
    ],
)
def test_bad_records_name_file_and_line(tmp_path: Path, line: str, problem: str) -> None:
    good = json.dumps({"original": "a", "garbled": "b"})
    path = write(tmp_path / "p.jsonl", [good, line])
    with pytest.raises(PairsError) as caught:
        read_pairs(path)
    assert str(caught.value).startswith(f"{path}:{problem}")
    assert "\n" not in str(caught.value)


def test_empty_file_and_clean_text(tmp_path: Path) -> None:
    with pytest.raises(PairsError, match="no pairs"):
        read_pairs(write(tmp_path / "empty.jsonl", []))
    clean = write(tmp_path / "c.jsonl", [json.dumps({"id": "d", "text": "Clean news."})])
    assert [d.text for d in read_clean(clean)] == ["Clean news."]
