"""Inflections of English words (lemminflect), for matching and for replacements.

A pattern word such as "talks" also matches "talk", "talked" and "talking";
a replacement written ``{reach:2}`` takes the inflection of whatever the
pattern's second element matched ("concluded" → "reached").
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


def _lemminflect() -> Any:
    """lemminflect, imported on first use: it loads numpy and its tables (~0.2 s), which a
    run that finds its compiled rules in the cache never needs."""
    import lemminflect

    return lemminflect


# Tag preference when a surface form is ambiguous (e.g. "concluded" is VBD and VBN).
_TAG_ORDER = ("VBD", "VBN", "VBG", "VBZ", "NNS", "VB", "VBP", "NN", "JJR", "JJS", "JJ")


@lru_cache(maxsize=65536)
def inflections(word: str) -> frozenset[str]:
    """All lower-case forms sharing a lemma with ``word`` (including ``word`` itself)."""
    w = word.lower()
    forms = {w}
    for upos, lemmas in _lemminflect().getAllLemmas(w).items():
        for lemma in lemmas:
            forms.add(lemma.lower())
            for tag_forms in _lemminflect().getAllInflections(lemma, upos=upos).values():
                forms.update(f.lower() for f in tag_forms)
    return frozenset(forms)


@lru_cache(maxsize=65536)
def tag_of(surface: str) -> str | None:
    """The Penn tag a surface form most likely carries, e.g. "talked" → "VBD"."""
    s = surface.lower()
    found: set[str] = set()
    for upos, lemmas in _lemminflect().getAllLemmas(s).items():
        for lemma in lemmas:
            for tag, forms in _lemminflect().getAllInflections(lemma, upos=upos).items():
                if s in (f.lower() for f in forms):
                    found.add(tag)
    if "NN" in found:
        found.discard("NNS")  # lemminflect lists mass-noun singulars ("appeal", "price") as plurals too
    for tag in _TAG_ORDER:
        if tag in found:
            return tag
    return None


def inflect_like(word: str, surface: str) -> str:
    """``word`` put in the inflection that ``surface`` has ("reach", "concluded" → "reached")."""
    tag = tag_of(surface)
    if tag is None:
        return word
    if tag in ("NN", "VB", "VBP", "JJ"):
        return word
    options = _lemminflect().getInflection(word, tag=tag)
    return options[0] if options else word
