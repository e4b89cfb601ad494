"""The committed confusion sets: which English words a pivot-language round trip mixes up.

Built by ``scripts/build_confusions.py`` from Apertium's and FreeDict's
bilingual dictionaries (sources and licences in ``data/SOURCES.md``).  Each
word form maps to alternatives in the same form, with the pivot word that has
both senses and how often the tuning round trips made that very substitution.
"""

from __future__ import annotations

import functools
import gzip
import json
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "confusions.json.gz"


@dataclass(frozen=True, slots=True)
class Confusion:
    """``alternative`` may be what the author meant where the text has the word this entry belongs to."""

    alternative: str
    language: str
    """The pivot language's English name, e.g. Spanish."""
    pivot: str
    """The pivot word with both senses, e.g. tarifa."""
    source: str
    """apertium or freedict."""
    seen: int
    """Times the tuning round trips turned ``alternative`` into this word (0: dictionary only)."""


@dataclass(frozen=True)
class ConfusionTable:
    """Word form (lower case) → its alternatives, most attested first."""

    entries: dict[str, tuple[Confusion, ...]]

    def get(self, word: str) -> tuple[Confusion, ...]:
        return self.entries.get(word.lower(), ())


@functools.cache
def load_confusions(path: Path = DATA) -> ConfusionTable:
    """The table shipped with cleaner (read once per process)."""
    payload = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
    languages: dict[str, str] = payload["languages"]
    entries = {
        word: tuple(
            Confusion(alt, languages.get(lang, lang), pivot, source, int(seen))
            for alt, lang, pivot, source, seen in rows
        )
        for word, rows in payload["confusions"].items()
    }
    return ConfusionTable(entries)
