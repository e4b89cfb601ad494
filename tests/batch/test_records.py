"""Records: a corpus line or file becomes an Article, or an InputError naming the place."""

from __future__ import annotations

import pytest

from cleaner.batch.inputs import ERROR, FILE, RECORD, Item
from cleaner.batch.records import RecordFields, read_item
from cleaner.errors import InputError

FIELDS = RecordFields()


def _record(line: bytes) -> Item:
    return Item("corpus.jsonl:7", RECORD, line)


def test_record_gives_its_id_and_text() -> None:
    article = read_item(_record(b'{"id": "doc-1", "text": "An article."}'), FIELDS)
    assert article.id == "doc-1"
    assert article.source.text == "An article."
    assert article.source.path == "corpus.jsonl:7"


def test_chosen_fields_and_id_fallback_to_the_place() -> None:
    article = read_item(_record(b'{"doc": 5, "mt": "Garbled text."}'), RecordFields(text="mt", id="key"))
    assert article.id == "corpus.jsonl:7"
    assert article.source.text == "Garbled text."


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (b"not json at all", "not valid JSON"),
        (b'["a", "list"]', "not a JSON object (but list)"),
        (b'{"id": "d", "body": "x"}', "no 'text' field (record 'd')"),
        (b'{"text": 12}', "'text' field is not a string (but int)"),
        (b'{"text": "bin\\u0000ary"}', "binary file (NUL byte at offset 3) (in field 'text')"),
        (b'{"text": "\\ud800"}', "invalid UTF-8"),
        (b'{"text": "caf\xe9"}', "invalid UTF-8 at byte offset 13 of the line"),
    ],
)
def test_bad_records_name_the_place_and_the_problem(line: bytes, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        read_item(_record(line), FIELDS)
    assert str(caught.value).startswith("corpus.jsonl:7: ")
    assert problem in str(caught.value)


def test_files_are_decoded_as_lint_reads_them() -> None:
    article = read_item(Item("a.md", FILE, "\ufeff# Title\r\n".encode()), FIELDS)
    assert (article.id, article.source.text, article.source.bom, article.source.newline) == (
        "a.md",
        "# Title\r\n",
        True,
        "\r\n",
    )
    with pytest.raises(InputError, match=r"a\.bin: binary file"):
        read_item(Item("a.bin", FILE, b"ab\0cd"), FIELDS)


def test_error_items_stay_errors() -> None:
    with pytest.raises(InputError, match=r"^x\.txt: no such file$"):
        read_item(Item("x.txt", ERROR, b"no such file"), FIELDS)
