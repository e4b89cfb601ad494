"""A word-level pivot lexicon: what a round trip makes of each English word, read off the MT system's dictionaries.

Why: rules mined from tuning pairs know the words of those pairs, and a held-out article on another topic brings
other words. The MT system's bilingual dictionaries cover the whole vocabulary. Send each frequent English word
alone through English → pivot → English and note what comes back ("team" → "equipo" → "squad"). A word that comes
back from *other* words much more often than it is written for itself is a fingerprint of the round trip: in
round-trip text, "squad" was most likely "team".

How likely, is measured with English word frequencies as the prior: of all the words whose round trip gives
``g`` (``g`` itself included, when ``g`` survives its own round trip), the share of frequency mass that is not
``g`` is the chance that a ``g`` in round-trip text is a garble (``flag``), and the share of the most frequent of
them is the chance that it restores the original (``restore``). A word translated alone can come back otherwise
in a sentence, so evidence from aligned tuning pairs overrides the prior wherever it has support; function words,
whose translation depends on context, are left to the pivot-phenomenon rules unless the pairs vouch for them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from cleaner.mining.alignment import align_line
from cleaner.mining.pairs import Pair
from cleaner.mining.roundtrip import split_paragraphs


@dataclass(frozen=True, slots=True)
class WordTrip:
    """One English word sent alone to the pivot and back."""

    word: str
    pivot_form: str
    back: str


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """A garbled form, the original it most likely stands for, and the prior chances from word frequencies."""

    garbled: str
    original: str
    flag: float
    """Share of frequency mass of the words whose round trip gives ``garbled``, excluding ``garbled`` itself."""
    restore: float
    """Share of that mass held by ``original`` alone."""
    pivots: tuple[str, ...]


@dataclass(slots=True)
class TokenEvidence:
    """How a garbled word form fared in aligned tuning pairs."""

    occurrences: int = 0
    garbled: int = 0
    """Occurrences inside a difference from the original."""
    originals: Counter[str] = field(default_factory=Counter)
    """What the original has in its place, for one-for-one substitutions."""
    documents: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class Choice:
    """A lexicon entry kept for the rule, with the chances that decided it and where they came from."""

    entry: LexiconEntry
    replacement: str
    flag: float
    restore: float
    measured: bool
    support: int


def lexical_round_trip(
    words: list[str], translate: Callable[[str, list[str]], list[str]], there: str, back: str
) -> list[WordTrip]:
    """Each word alone through ``there`` and ``back`` (``translate(mode, lines)`` returns one line per line)."""
    middle = translate(there, words)
    returned = translate(back, middle)
    if not len(words) == len(middle) == len(returned):
        raise ValueError(f"{there}/{back}: {len(words)} words came back as {len(middle)}/{len(returned)} lines")
    return [WordTrip(w, m.strip(), b.strip()) for w, m, b in zip(words, middle, returned, strict=True)]


def paragraphs_translator(run: Callable[[str, str], str]) -> Callable[[str, list[str]], list[str]]:
    """A ``translate`` for :func:`lexical_round_trip` from ``run(mode, text)``: one call, blank-line paragraphs."""

    def translate(mode: str, lines: list[str]) -> list[str]:
        return split_paragraphs(run(mode, "\n\n".join(lines)))

    return translate


def lexicon_priors(
    trips_by_pivot: dict[str, Iterable[WordTrip]], frequency: Callable[[str], float]
) -> dict[str, LexiconEntry]:
    """The best entry per garbled form over all pivots (highest ``flag``; pivots that agree are listed together).

    A word the pivot direction did not know (it passed through untranslated) tells nothing about the dictionary
    and is left out; so are multi-word and non-alphabetic returns.
    """
    best: dict[str, LexiconEntry] = {}
    for pivot, trips in trips_by_pivot.items():
        for entry in _pivot_entries(pivot, trips, frequency):
            held = best.get(entry.garbled)
            if held is not None and held.original == entry.original:
                kept, other = (entry, held) if entry.flag > held.flag else (held, entry)
                best[entry.garbled] = _joined(kept, other)
            elif held is None or entry.flag > held.flag:
                best[entry.garbled] = entry
    return best


def _pivot_entries(pivot: str, trips: Iterable[WordTrip], frequency: Callable[[str], float]) -> Iterator[LexiconEntry]:
    """One pivot's entries: each garbled form with the frequency mass of the words whose round trip gives it."""
    sources: dict[str, list[str]] = {}
    known: set[str] = set()
    for trip in trips:
        word, back = trip.word.lower(), trip.back.lower()
        if trip.pivot_form.lower() == word:
            continue
        known.add(word)
        sources.setdefault(back, []).append(word)
    for garbled, origins in sources.items():
        others = [w for w in origins if w != garbled]
        if not others or not (garbled.isascii() and garbled.isalpha()):
            continue
        mass = sum(frequency(w) for w in origins)
        if garbled not in known:  # never sent itself: assume it survives its own round trip
            mass += frequency(garbled)
        if mass <= 0:
            continue
        original = max(others, key=lambda w: (frequency(w), w))
        flag = sum(frequency(w) for w in others) / mass
        yield LexiconEntry(garbled, original, flag, frequency(original) / mass, (pivot,))


def _joined(kept: LexiconEntry, other: LexiconEntry) -> LexiconEntry:
    pivots = tuple(sorted(set(kept.pivots) | set(other.pivots)))
    return LexiconEntry(kept.garbled, kept.original, kept.flag, kept.restore, pivots)


def token_evidence(pairs: Iterable[Pair]) -> dict[str, TokenEvidence]:
    """Per garbled word form (lower-cased): occurrences, how many were garbled, and what stood there originally."""
    evidence: dict[str, TokenEvidence] = {}
    for pair in pairs:
        for original, garbled in zip(pair.original.split("\n"), pair.garbled.split("\n"), strict=False):
            line = align_line(original, garbled)
            for op in line.opcodes:
                one_for_one = op.tag == "replace" and op.g2 - op.g1 == op.o2 - op.o1
                for g in range(op.g1, op.g2):
                    form = line.garbled_tokens[g].text.lower()
                    seen = evidence.setdefault(form, TokenEvidence())
                    seen.occurrences += 1
                    if op.tag != "equal":
                        seen.garbled += 1
                        seen.documents.add(pair.doc)
                        if one_for_one:
                            seen.originals[line.original_tokens[op.o1 + g - op.g1].text.lower()] += 1
    return evidence


def choose(
    entries: Iterable[LexiconEntry],
    evidence: dict[str, TokenEvidence],
    zipf: Callable[[str], float],
    *,
    min_flag: float = 0.7,
    max_zipf: float = 5.0,
    max_zipf_measured: float = 6.0,
    frequent_min_flag: float = 0.8,
    min_zipf: float = 1.5,
    min_support: int = 5,
) -> list[Choice]:
    """Entries worth a hint: measured on the pairs where they occur ``min_support`` times, else by their prior.

    Frequent words (Zipf above ``max_zipf``) are mostly function words, whose isolated translation says little:
    they need measured support and a ``frequent_min_flag`` share, and the most frequent of all (above
    ``max_zipf_measured``: "at", "his") are left to context rules, since a hint on every one would bury the rest.
    Words rarer than ``min_zipf`` are left to the untranslated-word checker.
    """
    chosen: list[Choice] = []
    for entry in entries:
        z = zipf(entry.garbled)
        if z < min_zipf or z > max_zipf_measured:
            continue
        seen = evidence.get(entry.garbled)
        if seen is not None and seen.occurrences >= min_support:
            flag = seen.garbled / seen.occurrences
            replacement = _measured_replacement(entry, seen)
            needed = frequent_min_flag if z > max_zipf else min_flag
            if flag >= needed and replacement != entry.garbled:
                restore = seen.originals[replacement] / seen.occurrences
                chosen.append(Choice(entry, replacement, flag, restore, True, seen.occurrences))
        elif z <= max_zipf and entry.flag >= min_flag:
            chosen.append(Choice(entry, entry.original, entry.flag, entry.restore, False, 0))
    return sorted(chosen, key=lambda c: c.entry.garbled)


def _measured_replacement(entry: LexiconEntry, seen: TokenEvidence) -> str:
    """The dictionary's original where the pairs confirm it at all; else the pairs' clear favourite.

    One-for-one alignments inside a longer garble pair words by position, so a lone count is noise: the
    favourite needs three cases and a fifth of the garbled ones, and must be a word.
    """
    if seen.originals[entry.original] > 0:
        return entry.original
    top = seen.originals.most_common(1)
    if top and top[0][0].isalpha() and top[0][1] >= 3 and top[0][1] >= 0.2 * seen.garbled:
        return top[0][0]
    return entry.original
