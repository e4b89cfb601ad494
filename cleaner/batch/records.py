"""One output line per article: the ``lint --format json`` entry plus where it came from.

Each line is ``file_dict`` of :mod:`cleaner.report.jsonout` (path, words,
readability, garble score, suppressed, findings with every field lint
prints) with ``id``, ``key``, ``content_hash``, ``cleaner_version``,
``fingerprint`` and ``engines`` added.  An item that cannot be linted gets an
``error`` line instead, so bad input is recorded per document and the run
goes on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from cleaner.batch.inputs import ERROR, FILE, Item
from cleaner.document import Source, decode
from cleaner.errors import InputError
from cleaner.pipeline import ArticleResult
from cleaner.report.jsonout import file_dict


@dataclass(frozen=True, slots=True)
class RecordFields:
    """Which fields of a corpus record hold the text and the document id."""

    text: str = "text"
    id: str = "id"

    def options(self) -> tuple[str, str]:
        """These choices change the records, so they are part of the run's fingerprint."""
        return (self.text, self.id)


@dataclass(frozen=True, slots=True)
class Article:
    """An item read as an article: its document id and decoded Source."""

    id: str
    source: Source


def read_item(item: Item, record_fields: RecordFields) -> Article:
    """Decode an item into an Article, or raise InputError saying what is wrong with it."""
    if item.kind == ERROR:
        raise InputError(item.locator, item.data.decode("utf-8"))
    if item.kind == FILE:
        return Article(item.locator, decode(item.locator, item.data))
    return _record(item, record_fields)


def _record(item: Item, record_fields: RecordFields) -> Article:
    try:
        line = item.data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(item.locator, f"invalid UTF-8 at byte offset {exc.start} of the line") from None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(item.locator, f"not valid JSON: {exc.msg} at column {exc.colno}") from None
    if not isinstance(record, dict):
        raise InputError(item.locator, f"not a JSON object (but {type(record).__name__})")
    raw_id = record.get(record_fields.id)
    doc_id = str(raw_id) if isinstance(raw_id, str | int) and not isinstance(raw_id, bool) else item.locator
    if record_fields.text not in record:
        raise InputError(item.locator, f"no {record_fields.text!r} field (record {doc_id!r})")
    text = record[record_fields.text]
    if not isinstance(text, str):
        raise InputError(item.locator, f"{record_fields.text!r} field is not a string (but {type(text).__name__})")
    try:
        source = decode(item.locator, text.encode("utf-8", "surrogatepass"))
    except InputError as exc:
        raise InputError(item.locator, f"{exc.problem} (in field {record_fields.text!r})") from None
    return Article(doc_id, source)


def provenance(doc_id: str, path: str, key: str, content: str, version: str, run_fingerprint: str) -> dict[str, Any]:
    """The fields every record starts with."""
    return {
        "id": doc_id,
        "path": path,
        "key": key,
        "content_hash": content,
        "cleaner_version": version,
        "fingerprint": run_fingerprint,
    }


def article_record(head: dict[str, Any], result: ArticleResult) -> dict[str, Any]:
    """A linted article: provenance, the engines that ran, then lint's JSON entry."""
    return {**head, "engines": list(result.engines), **file_dict(result)}


def error_record(head: dict[str, Any], error: InputError) -> dict[str, Any]:
    """An item that could not be linted, with lint's one-line message."""
    return {**head, "error": str(error)}


def dumps(record: dict[str, Any]) -> str:
    """One JSON line (no newline inside)."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))
