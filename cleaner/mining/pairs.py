"""Reading round-trip pair files (JSONL or JSONL.gz): every record checked, every mistake named by file:line."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from cleaner.errors import CleanerError


class PairsError(CleanerError):
    """A pair file that cannot be mined: ``file:line: what is wrong``."""

    def __init__(self, path: Path | str, line: int, problem: str) -> None:
        super().__init__(f"{path}:{line}: {problem}" if line else f"{path}: {problem}")


@dataclass(frozen=True, slots=True)
class Pair:
    """One (original, garbled) document; line i of garbled is the round trip of line i of original."""

    id: str
    doc: str
    """The source document: both pivots of one document share it."""
    pivot: str
    original: str
    garbled: str
    where: str
    """file:line of the record, for messages."""


@dataclass(frozen=True, slots=True)
class CleanText:
    """One clean English document, for counting false alarms."""

    id: str
    text: str


def _open(path: Path) -> TextIO:
    try:
        if path.suffix == ".gz":
            return gzip.open(path, "rt", encoding="utf-8")
        return path.open(encoding="utf-8")
    except OSError as exc:
        raise PairsError(path, 0, f"cannot read: {exc.strerror or exc}") from exc


def _records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    handle = _open(path)
    with handle:
        number = 0
        try:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise PairsError(path, number, f"not a JSON line ({exc.msg})") from exc
                if not isinstance(record, dict):
                    raise PairsError(path, number, "a record must be a JSON object")
                yield number, record
        except (OSError, EOFError, UnicodeDecodeError) as exc:
            raise PairsError(path, number + 1, f"unreadable ({exc})") from exc


def _text_field(path: Path, number: int, record: dict[str, Any], name: str) -> str:
    value = record.get(name)
    if not isinstance(value, str):
        problem = "missing field" if value is None else "field must be a string:"
        raise PairsError(path, number, f"{problem} {name!r}")
    return value


def read_pairs(path: Path) -> list[Pair]:
    """All pairs of a file; line counts of original and garbled must agree."""
    pairs: list[Pair] = []
    for number, record in _records(path):
        original = _text_field(path, number, record, "original")
        garbled = _text_field(path, number, record, "garbled")
        n_original, n_garbled = original.count("\n") + 1, garbled.count("\n") + 1
        if n_original != n_garbled:
            raise PairsError(path, number, f"misaligned: original has {n_original} lines, garbled {n_garbled}")
        record_id = str(record.get("id") or f"{path.name}:{number}")
        pivot = record.get("pivot")
        pairs.append(
            Pair(
                id=record_id,
                doc=str(record.get("doc") or record_id.rsplit(":rt-", 1)[0]),
                pivot=str(pivot) if pivot is not None else "",
                original=original,
                garbled=garbled,
                where=f"{path}:{number}",
            )
        )
    if not pairs:
        raise PairsError(path, 0, "no pairs in the file")
    return pairs


def read_clean(path: Path) -> list[CleanText]:
    """Clean documents: records with `text` (the clean news corpus) or `original` (a pair file)."""
    docs: list[CleanText] = []
    for number, record in _records(path):
        name = "text" if "text" in record else "original"
        docs.append(CleanText(str(record.get("id", number)), _text_field(path, number, record, name)))
    return docs
