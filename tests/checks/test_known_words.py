"""The cached word set answers exactly as lemminflect does."""

from __future__ import annotations

import lemminflect

from cleaner.checks.known_words import is_known_word

WORDS = ["talks", "Talks", "negotiations", "Xi", "Trump", "xijinping", "niños", "the", "ran", "USA", "qzxv", "e-mail"]


def test_same_answers_as_lemminflect() -> None:
    for word in WORDS:
        assert is_known_word(word) == bool(lemminflect.getAllLemmas(word)), word
    assert is_known_word("talks") and not is_known_word("qzxv")
