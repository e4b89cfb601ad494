from __future__ import annotations

import pytest

from cleaner.checks.rules.pattern import PatternError, parse_pattern
from cleaner.document.tokens import NUMBER_NORM

CLASSES = {"nationality": ["Chinese", "South Korean"]}


def sequences(source: str) -> set[tuple[str, ...]]:
    return {seq for seq, _ in parse_pattern(source, CLASSES).expand()}


def test_literal_words_match_their_inflections() -> None:
    seqs = sequences("pricing talks")
    assert ("pricing", "talks") in seqs
    assert ("pricing", "talk") in seqs
    assert ("pricing", "talked") in seqs


def test_exact_word_does_not_inflect() -> None:
    assert sequences("=talks") == {("talks",)}


def test_alternatives_optional_and_classes() -> None:
    seqs = sequences("the [big] {deal|trade agreement} $nationality")
    assert ("the", "deal", "chinese") in seqs
    assert ("the", "big", "trade", "agreement", "south", "korean") in seqs


def test_optional_alternatives() -> None:
    assert sequences("=a [=big|=small] =deal") == {("a", "deal"), ("a", "big", "deal"), ("a", "small", "deal")}


def test_number_slot_and_punctuation_tokens() -> None:
    assert (NUMBER_NORM, "%", "=prices".lstrip("=")) in sequences("$num% =prices")


def test_elements_are_numbered_in_order() -> None:
    pattern = parse_pattern("pricing {talks|negotiations}", CLASSES)
    owners = {owners for _, owners in pattern.expand()}
    assert owners == {(0, 1)}


@pytest.mark.parametrize(
    ("source", "message"),
    [("", "empty"), ("{a|b", "unbalanced"), ("{a [b]}", "nested"), ("$unknown chief", "unknown word class")],
)
def test_bad_patterns_are_refused(source: str, message: str) -> None:
    with pytest.raises(PatternError, match=message):
        parse_pattern(source, CLASSES)
