"""Inputs: folders, globs and JSON-lines corpora become items; problems become error items."""

from __future__ import annotations

import gzip
from pathlib import Path

from cleaner.batch.inputs import ERROR, FILE, RECORD, iter_items


def test_folder_gives_articles_and_corpora(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One article.\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("# Two\n")
    (tmp_path / "c.jsonl").write_text('{"id": "x", "text": "Three."}\n\n{"id": "y", "text": "Four."}\n')
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.txt").write_text("hidden\n")
    items = list(iter_items([str(tmp_path)]))
    assert [(Path(i.locator).name, i.kind) for i in items] == [
        ("a.txt", FILE),
        ("b.md", FILE),
        ("c.jsonl:1", RECORD),
        ("c.jsonl:3", RECORD),
    ]
    assert items[0].data == b"One article.\n"
    assert items[3].data == b'{"id": "y", "text": "Four."}'


def test_gzipped_corpus_and_glob(tmp_path: Path) -> None:
    with gzip.open(tmp_path / "part1.jsonl.gz", "wt") as fh:
        fh.write('{"text": "A."}\n{"text": "B."}\n')
    (tmp_path / "part2.jsonl").write_text('{"text": "C."}\n')
    items = list(iter_items([str(tmp_path / "part*.jsonl*")]))
    assert [Path(i.locator).name for i in items] == ["part1.jsonl.gz:1", "part1.jsonl.gz:2", "part2.jsonl:1"]


def test_missing_path_unmatched_glob_and_stdin_are_error_items(tmp_path: Path) -> None:
    items = list(iter_items([str(tmp_path / "nope.txt"), str(tmp_path / "*.zzz"), "-"]))
    assert [i.kind for i in items] == [ERROR, ERROR, ERROR]
    assert b"no such file" in items[0].data
    assert b"matches" in items[1].data
    assert b"standard input" in items[2].data


def test_truncated_gzip_corpus_keeps_lines_before_the_damage(tmp_path: Path) -> None:
    blob = gzip.compress(b"".join(b'{"text": "Line %d."}\n' % n for n in range(2000)))
    corpus = tmp_path / "broken.jsonl.gz"
    corpus.write_bytes(blob[: len(blob) // 2])
    items = list(iter_items([str(corpus)]))
    assert items[-1].kind == ERROR
    assert b"cannot read the corpus" in items[-1].data
    good = [i for i in items if i.kind == RECORD]
    assert good and items[-1].locator == f"{corpus}:{len(good) + 1}"


def test_folder_without_articles_or_corpora_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("a,b\n")
    items = list(iter_items([str(tmp_path)]))
    assert [i.kind for i in items] == [ERROR]
    assert b"no article files" in items[0].data
