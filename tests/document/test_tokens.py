"""Tokens: spans into the text, normalized forms robust to typography, numbers as one kind."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleaner.document.spans import Span
from cleaner.document.tokens import NUMBER_NORM, Kind, normalize_word, tokenize


def test_tokens_are_words_numbers_and_punctuation_at_their_offsets() -> None:
    text = "Trump cut 145% tariffs, said aides."
    tokens = tokenize(text, offset=100)
    assert [(t.text, t.kind) for t in tokens] == [
        ("Trump", Kind.WORD),
        ("cut", Kind.WORD),
        ("145", Kind.NUMBER),
        ("%", Kind.PUNCT),
        ("tariffs", Kind.WORD),
        (",", Kind.PUNCT),
        ("said", Kind.WORD),
        ("aides", Kind.WORD),
        (".", Kind.PUNCT),
    ]
    for t in tokens:
        assert t.span == Span(t.start, t.end)
        assert text[t.start - 100 : t.end - 100] == t.text


def test_curly_apostrophes_quotes_and_dashes_normalize_to_straight_ones() -> None:
    norms = [t.norm for t in tokenize("Won\u2019t \u201cTalks\u201d \u2014 \u00abVite\u00bb")]
    assert norms == ["won't", '"', "talks", '"', "-", '"', "vite", '"']
    assert normalize_word("Don\u2019t") == normalize_word("DON'T") == "don't"


def test_an_apostrophe_belongs_to_a_word_only_when_a_letter_follows() -> None:
    assert [t.text for t in tokenize("the dogs' bowl")] == ["the", "dogs", "'", "bowl"]
    assert [t.text for t in tokenize("rock'n'roll")] == ["rock'n'roll"]


def test_numbers_with_separators_and_decimals_are_one_number_token() -> None:
    tokens = tokenize("1,000.50 and 2\u202f500 and 3.14")
    numbers = [t.text for t in tokens if t.kind is Kind.NUMBER]
    assert numbers == ["1,000.50", "2\u202f500", "3.14"]
    assert {t.norm for t in tokens if t.kind is Kind.NUMBER} == {NUMBER_NORM}


def test_compatibility_forms_and_special_casing_are_folded() -> None:
    assert normalize_word("\ufb01nance") == "finance"  # the "fi" ligature
    assert normalize_word("STRASSE") == normalize_word("Stra\u00dfe")


@given(st.text(alphabet=st.sampled_from(list("aZ é'\u2019\u201c.,-9İßﬁ\n")), max_size=25))
def test_the_fast_ascii_path_gives_the_same_norms_as_normalize_word(text: str) -> None:
    for t in tokenize(text):
        if t.kind is not Kind.NUMBER:
            assert t.norm == normalize_word(t.text)
        assert text[t.start : t.end] == t.text
