"""The words lemminflect knows, as one set cached on disk.

Asking lemminflect whether a word has a lemma loads its whole lemma table
(about 2 s of CPU) in every process that asks.  The answer only depends on
the table's keys, so they are read once, stored as a pickled set in the
cache folder (one per lemminflect version), and loaded from there in a few
milliseconds afterwards.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path

from cleaner.paths import cache_dir, installed_version


def is_known_word(word: str) -> bool:
    """True when ``lemminflect.getAllLemmas(word)`` is not empty (it looks up the lower-cased word)."""
    return word.lower() in _known_words()


@cache
def _known_words() -> frozenset[str]:
    path = cache_dir() / f"lemminflect-words-{installed_version('lemminflect')}.pickle"
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError):
        with path.open("rb") as fh:
            loaded = pickle.load(fh)
        if isinstance(loaded, frozenset):
            return loaded
    words = _read_tables()
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".lemminflect-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(words, fh, protocol=pickle.HIGHEST_PROTOCOL)
            Path(tmp).replace(path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
    return words


def _read_tables() -> frozenset[str]:
    """The lemma table's and the overrides' words with at least one lemma (what getAllLemmas consults)."""
    from lemminflect import Lemmatizer

    lemmatizer = Lemmatizer()
    tables = (lemmatizer._getLemmaDict(), lemmatizer._getOverridesDict())
    return frozenset(word for table in tables for word, lemmas in table.items() if lemmas)
