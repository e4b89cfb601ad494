"""The words lemminflect knows, as one set cached on disk.

Asking lemminflect whether a word has a lemma loads its whole lemma table
(about 2 s of CPU) in every process that asks.  The answer only depends on
the table's keys, so they are read once, stored as a pickled set in the
cache folder (one per lemminflect version), and loaded from there in a few
milliseconds afterwards.
"""

from __future__ import annotations

from functools import cache

from cleaner.files import load_or_build
from cleaner.paths import cache_dir, installed_version


def is_known_word(word: str) -> bool:
    """True when ``lemminflect.getAllLemmas(word)`` is not empty (it looks up the lower-cased word)."""
    return word.lower() in _known_words()


@cache
def _known_words() -> frozenset[str]:
    path = cache_dir() / f"lemminflect-words-{installed_version('lemminflect')}.pickle"
    return load_or_build(path, frozenset, _read_tables)


def _read_tables() -> frozenset[str]:
    """The lemma table's and the overrides' words with at least one lemma (what getAllLemmas consults)."""
    from lemminflect import Lemmatizer

    lemmatizer = Lemmatizer()
    tables = (lemmatizer._getLemmaDict(), lemmatizer._getOverridesDict())
    return frozenset(word for table in tables for word, lemmas in table.items() if lemmas)
