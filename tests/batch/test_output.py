"""The output folder: numbered part files, the records in them, one run at a time."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.batch.keys import short_key
from cleaner.batch.output import done_keys, locked, next_index, part_files, records, write_part
from cleaner.errors import CleanerError


def test_parts_are_numbered_after_existing_ones(tmp_path: Path) -> None:
    assert next_index(tmp_path) == 0
    a, b = "a" * 32, "b" * 32
    write_part(tmp_path, 0, (f'{{"key": "{a}"}}', f'{{"key": "{b}"}}'))
    write_part(tmp_path, 11, (f'{{"key": "{a}"}}', '{"key": "not-a-key"}'))
    (tmp_path / "part-000002.jsonl").write_text('not json\n{"no": "key"}\n')
    assert [p.name for p in part_files(tmp_path)] == ["part-000000.jsonl", "part-000002.jsonl", "part-000011.jsonl"]
    assert next_index(tmp_path) == 12
    assert [r["key"] for r in records(tmp_path)] == [a, b, a]
    assert done_keys(tmp_path) == {short_key(a): 2, short_key(b): 1}


def test_a_second_run_on_the_same_folder_is_refused(tmp_path: Path) -> None:
    with (
        locked(tmp_path / "out"),
        pytest.raises(CleanerError, match="another cleaner batch is writing"),
        locked(tmp_path / "out"),
    ):
        pass
    with locked(tmp_path / "out"):
        pass
