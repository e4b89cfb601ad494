"""Gold spans of round-trip pairs: the data README's alignment, checked on pairs worked out by hand."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from cleaner.document.spans import Span
from cleaner.errors import InputError
from cleaner.evaluation.roundtrip import gold_spans, load_pairs, tokenize


def test_tokens_are_words_and_punctuation_with_offsets() -> None:
    toks = tokenize("Don't stop, 2 dogs.", offset=10)
    assert [(t.text, t.start, t.end) for t in toks] == [
        ("Don't", 10, 15),
        ("stop", 16, 20),
        (",", 20, 21),
        ("2", 22, 23),
        ("dogs", 24, 28),
        (".", 28, 29),
    ]


def test_a_deletion_is_the_gap_between_its_neighbours_and_touching_it_hits() -> None:
    (gold,) = gold_spans("Yesterday he said no.", "Yesterday said no.")
    assert (gold.span, gold.gaps, gold.kind, gold.original, gold.garbled) == (
        Span(9, 9),
        (Span(9, 10),),
        "dropped",
        "he",
        "",
    )
    assert gold.hit_by(Span(10, 14))  # "said" starts where the gap ends
    assert gold.hit_by(Span(0, 9))  # "Yesterday" ends where it starts
    assert not gold.hit_by(Span(15, 17))  # "no"


def test_spans_one_equal_token_apart_merge_two_apart_do_not() -> None:
    (merged,) = gold_spans("the big red house", "the large red home")
    assert (merged.span, merged.kind, merged.original, merged.garbled) == (
        Span(4, 18),
        "phrase",
        "big red house",
        "large red home",
    )
    apart = gold_spans("the big red old house", "the large red old home")
    assert [(g.span, g.kind) for g in apart] == [(Span(4, 9), "word"), (Span(18, 22), "word")]


@pytest.mark.parametrize(
    ("original", "garbled", "pivot", "kind"),
    [
        ("a militant committed act", "a committed militant act", "", "order"),
        ("on Thursday", "on the Thursday", "", "inserted"),
        ("at the office", "in the office", "", "function word"),
        ("her children inside", "his niñosde interior", "", "untranslated"),
        ("lifting the rules", "aixecar the rules", "aixecar les normes", "untranslated"),
        ("the cost rises", "the price rises", "el cost puja", "word"),
        ("Office", "office", "", "word"),
    ],
)
def test_kinds_come_from_the_alignment(original: str, garbled: str, pivot: str, kind: str) -> None:
    (gold,) = gold_spans(original, garbled, pivot)
    assert gold.kind == kind


def test_lines_are_aligned_one_by_one_in_document_offsets() -> None:
    (gold,) = gold_spans("Hello world.\nHe said no.", "Hello world.\nSaid no.")
    assert (gold.span, gold.line, gold.original, gold.garbled) == (Span(13, 17), 2, "He said", "Said")
    assert gold_spans("Same text.\nSame.", "Same text.\nSame.") == ()


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


GOOD = json.dumps({"id": "d:1", "original": "A b.\nC d.", "garbled": "A x.\nC d.", "pivot": "spa"})


def test_load_pairs_reads_plain_and_gzip(tmp_path: Path) -> None:
    plain = _write(tmp_path / "p.jsonl", [GOOD, "", GOOD])
    zipped = tmp_path / "p.jsonl.gz"
    with gzip.open(zipped, "wt", encoding="utf-8") as fh:
        fh.write(GOOD + "\n")
    pairs = load_pairs(plain)
    assert [p.id for p in pairs] == ["d:1", "d:1"]
    assert [g.span for g in pairs[0].gold] == [Span(2, 3)]
    assert load_pairs(zipped)[0].garbled == "A x.\nC d."
    assert len(load_pairs(plain, limit=1)) == 1


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ('{"id": "d:2", "original": "A b."}', "line 3: field 'garbled' missing"),
        ('{"id": "d:2", "original": "A b.", "garbled": 5}', "line 3: field 'garbled' not a string"),
        (
            '{"id": "d:2", "original": "A b.\\nC.", "garbled": "A b."}',
            "line 3: d:2: original has 2 lines but garbled has 1",
        ),
        (
            '{"id": "d:2", "original": "A.", "garbled": "A.", "pivot_text": "A.\\nB."}',
            "line 3: d:2: original has 1 lines but pivot_text 2",
        ),
        ('{"id": "d:2", "original": "A.", "garbled": "A.", "n_lines": 3}', "line 3: d:2: n_lines is 3"),
        ("{not json", "line 3: not JSON"),
        ("[1, 2]", "line 3: expected a JSON object"),
    ],
)
def test_bad_records_name_the_file_and_line(tmp_path: Path, bad: str, message: str) -> None:
    path = _write(tmp_path / "bad.jsonl", [GOOD, "", bad])
    with pytest.raises(InputError) as err:
        load_pairs(path)
    assert str(err.value).startswith(f"{path}: {message}")
    assert "\n" not in str(err.value)
