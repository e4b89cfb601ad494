"""Inflections: a pattern word matches its forms, and a replacement takes the form the article used."""

from __future__ import annotations

import pytest

from cleaner.checks.rules.inflection import inflect_like, inflections, tag_of


def test_a_word_shares_its_forms_with_its_lemma() -> None:
    assert {"talk", "talks", "talked", "talking"} <= inflections("talks")
    assert inflections("Talks") == inflections("talks")  # forms are lower case whatever the pattern says
    assert "walked" not in inflections("talks")


def test_an_unknown_word_is_only_itself() -> None:
    assert inflections("zxqvbn") == frozenset({"zxqvbn"})
    assert tag_of("zxqvbn") is None


@pytest.mark.parametrize(
    ("surface", "tag"),
    [("talked", "VBD"), ("talking", "VBG"), ("talks", "VBZ"), ("tariffs", "NNS"), ("furniture", "NN")],
)
def test_the_tag_a_surface_most_likely_carries(surface: str, tag: str) -> None:
    # "talked" is VBD and VBN: the past tense wins; lemminflect lists the mass noun "furniture" as its own
    # plural too, but a replacement for it must stay singular
    assert tag_of(surface) == tag


@pytest.mark.parametrize(
    ("word", "surface", "expected"),
    [
        ("reach", "concluded", "reached"),
        ("reach", "concluding", "reaching"),
        ("reach", "concludes", "reaches"),
        ("tariff", "duties", "tariffs"),
        ("chair", "furniture", "chair"),
        ("reach", "conclude", "reach"),  # base forms need no change
        ("reach", "zxqvbn", "reach"),  # an unknown surface leaves the word as written
    ],
)
def test_inflect_like_puts_the_word_in_the_surfaces_form(word: str, surface: str, expected: str) -> None:
    assert inflect_like(word, surface) == expected
