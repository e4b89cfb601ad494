"""Reading the corpora and the README's gold filters, on the hand-made fixture."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from cleaner.document.spans import Span
from cleaner.errors import InputError
from cleaner.evaluation.corpus import Article, in_quick_slice, is_target, load_clean, load_mqm, merge_annotations

DATA = Path(__file__).parent / "data"


def _by_id(articles: list[Article]) -> dict[str, Article]:
    return {a.id: a for a in articles}


@pytest.mark.parametrize("name", ["mqm_segments.jsonl", "mqm_articles.jsonl"])
def test_gold_spans_follow_the_readme_filters(name: str) -> None:
    articles = _by_id(load_mqm(DATA / name))
    assert set(articles) == {"toy:SysA:d1", "toy:SysA:d2", "toy:SysA:d3"}  # the human record is left out
    a1, a2 = articles["toy:SysA:d1"].segments
    # "very big" (Major, r1) and "very" (Minor, r2) merge into one span marked by two raters
    assert a1.target_spans == (Span(4, 12),) and a1.agreed == (Span(4, 12),)
    assert a1.major == (Span(4, 12),)
    # punctuation is not a target error but counts for lenient precision
    assert a2.target_spans == (Span(21, 26),) and a2.agreed == ()
    assert a2.annotated == (Span(5, 9), Span(21, 26))
    b1, b2 = articles["toy:SysA:d2"].segments
    assert b1.target == () and b1.annotated == ()  # Neutral is no error
    # the omission is neither target nor major; the Major mistranslation is the major span
    assert b2.target_spans == (Span(3, 13),) and b2.major == (Span(3, 9),)
    assert b2.annotated == (Span(3, 9), Span(3, 13), Span(17, 18))
    assert b2.suspect and not b1.suspect
    assert b1.mt == "He wore green shoes." and b1.reference == "He wore green boots."
    assert b2.id == "toy:SysA:d2:2"


@pytest.mark.parametrize("name", ["mqm_segments.jsonl", "mqm_articles.jsonl"])
def test_articles_words_mqm_and_offsets(name: str) -> None:
    d1 = _by_id(load_mqm(DATA / name))["toy:SysA:d1"]
    assert d1.words == 10
    assert d1.mqm == pytest.approx(2.367)
    assert d1.mqm_per_word == pytest.approx(0.2367)
    assert [d1.mt[o.start : o.end] for o in d1.offsets] == [s.mt for s in d1.segments]
    assert d1.context is (name == "mqm_articles.jsonl")


def test_quick_slice_limit_and_humans() -> None:
    assert [d for d in ("d1", "d2", "d3") if in_quick_slice(d)] == ["d2"]
    assert [a.id for a in load_mqm(DATA / "mqm_articles.jsonl", quick=True)] == ["toy:SysA:d2"]
    assert len(load_mqm(DATA / "mqm_articles.jsonl", limit=1)) == 1
    assert len(load_mqm(DATA / "mqm_articles.jsonl", include_human=True)) == 4


def test_target_filter() -> None:
    base = {"start": 0, "end": 1, "severity": "Major", "category": "Accuracy/Mistranslation", "top": "Accuracy"}
    assert is_target(base)
    assert not is_target({**base, "severity": "Neutral"})
    assert not is_target({**base, "category": "Fluency/Punctuation", "top": "Fluency"})
    assert not is_target({**base, "category": "Accuracy/Omission"})
    assert not is_target({**base, "category": "Locale convention/Name format", "top": "Locale convention"})
    assert not is_target({**base, "category": "Non-translation", "top": "Non-translation"})
    assert not is_target({**base, "start": None, "end": None})


def test_merge_annotations_counts_distinct_raters_and_keeps_touching_spans_apart() -> None:
    merged = merge_annotations(
        [
            {"start": 0, "end": 5, "rater": "r1"},
            {"start": 3, "end": 8, "rater": "r1"},
            {"start": 8, "end": 9, "rater": "r2"},
        ]
    )
    assert [(g.span, g.n_raters) for g in merged] == [(Span(0, 8), 1), (Span(8, 9), 1)]


def test_clean_corpus_and_gzip(tmp_path: Path) -> None:
    docs = load_clean(DATA / "clean.jsonl")
    assert [(d.id, d.words) for d in docs] == [("toy-clean:1", 10), ("toy-clean:2", 4)]
    packed = tmp_path / "clean.jsonl.gz"
    packed.write_bytes(gzip.compress((DATA / "clean.jsonl").read_bytes()))
    assert load_clean(packed) == docs


def test_bad_input_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "mt": "a"}\nnot json\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"line 2: not JSON"):
        load_mqm(bad)
    wrong = tmp_path / "wrong.jsonl"
    wrong.write_text('{"text": "a"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"line 1: not an MQM record"):
        load_mqm(wrong)
    with pytest.raises(InputError, match="cannot read"):
        load_mqm(tmp_path / "missing.jsonl")
