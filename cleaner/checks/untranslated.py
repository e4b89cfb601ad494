"""Words the pivot translation left untranslated: frequent in a pivot language, rare in English.

A round trip through Spanish, Catalan, French, Portuguese, Italian or German
leaves the words the return leg did not know in the pivot language ("his twin
niñosde10meses", "the seva família", "meses"), sometimes glued to their
neighbours.  A phrase list cannot know them in advance; word frequencies can:
a lower-case word that is common in a pivot language and rare in English is
almost never English news prose.  The frequencies are those of PyPI
``wordfreq`` (code Apache-2.0, data CC BY-SA 4.0): its large English list and
its small lists of the pivot languages, loaded on first use.

Capitalised words are never flagged (names are shared by every language), nor
words inside quotations.  There is no replacement to offer: the finding says
what the word is and which language it is frequent in.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cleaner.document import Document, Kind, Span, Token
from cleaner.files import load_cache, store_cache
from cleaner.findings import Finding, Severity
from cleaner.paths import cache_dir, installed_version

RULE_ID = "PIVOT_UNTRANSLATED_WORD"
GLUED_RULE_ID = "PIVOT_UNTRANSLATED_GLUED"
CATEGORY = "mistranslation"
PIVOT_LANGUAGES = ("es", "ca", "fr", "pt", "it", "de")
LANGUAGE_NAMES = {
    "es": "Spanish",
    "ca": "Catalan",
    "fr": "French",
    "pt": "Portuguese",
    "it": "Italian",
    "de": "German",
}

MIN_PIVOT_ZIPF = 4.0
"""A plain word must be at least this common in some pivot language (Zipf scale: 4 = 10 per million words)."""
MAX_ENGLISH_ZIPF = 3.0
"""... and at most this common in English (3 = once per million words) ..."""
MIN_MARGIN = 2.5
"""... and that much rarer in English than in the pivot language."""
MIN_PIVOT_ZIPF_ACCENTED = 2.5
"""Words with letters English does not use (ñ, ç, ò, ã ...) need less evidence."""
MAX_ENGLISH_ZIPF_ACCENTED = 2.0
MIN_LENGTH = 3
"""Two-letter words (de, la, el) are too often initials, units or names in English text."""

_FOREIGN_LETTERS = re.compile(r"[ñçàèìòùáíóúãõâêôäöüß·]")
_GLUED = re.compile(r"[^\W\d_]{2,}\d+[^\W\d_]{2,}")
"""Letters, digits, letters in one token: "de25años", "niñosde10meses" (Apertium glues unknown words)."""


@dataclass(frozen=True)
class Verdict:
    """Why a word looks untranslated: the pivot language it is common in, and the two frequencies."""

    language: str
    pivot_zipf: float
    english_zipf: float


@lru_cache(maxsize=65536)
def judge(word: str) -> Verdict | None:
    """The verdict on a lower-case ``word``, or None when it may well be English.

    A plain word is looked up in the table of every word that can get a verdict (see :func:`verdict_table`);
    anything else (an apostrophe, a hyphen) goes through wordfreq's own tokenizing lookup.
    """
    if len(word) < MIN_LENGTH:
        return None
    if word.isalpha():
        return verdict_table().get(word)
    return word_memo().verdict(word)


def judge_with_wordfreq(word: str) -> Verdict | None:
    """The verdict from wordfreq's own lookups: the definition :func:`verdict_table` must agree with."""
    from wordfreq import zipf_frequency

    if len(word) < MIN_LENGTH:
        return None
    english = zipf_frequency(word, "en", wordlist="large")
    pivots = {lang: zipf_frequency(word, lang, wordlist="small") for lang in PIVOT_LANGUAGES}
    return _verdict(word, english, pivots)


def _verdict(word: str, english: float, pivots: dict[str, float]) -> Verdict | None:
    accented = bool(_FOREIGN_LETTERS.search(word))
    if english > (MAX_ENGLISH_ZIPF_ACCENTED if accented else MAX_ENGLISH_ZIPF):
        return None
    best = max(PIVOT_LANGUAGES, key=lambda lang: pivots[lang])
    pivot = pivots[best]
    if accented:
        return Verdict(best, pivot, english) if pivot >= MIN_PIVOT_ZIPF_ACCENTED else None
    if pivot >= MIN_PIVOT_ZIPF and pivot - english >= MIN_MARGIN:
        return Verdict(best, pivot, english)
    return None


@lru_cache(maxsize=1)
def verdict_table() -> dict[str, Verdict]:
    """Every plain word with a verdict, from the on-disk cache when it is there.

    Why: loading wordfreq and its seven lists costs about 1.5 s, most of a one-file lint (the pre-commit
    hook). Only a word in some pivot list can get a verdict, so the verdicts of those words are all there is
    to know; the table is a few thousand entries, loaded in milliseconds.
    """
    key = _table_key()
    path = cache_dir() / f"untranslated-{key}.pickle"
    table = load_cache(path, dict)
    if table is None:
        table = _build_verdict_table()
        store_cache(path, table)
        _remove_other_keys(path.parent, key)
    return table


def _remove_other_keys(folder: Path, key: str) -> None:
    """Delete this check's tables and memos of other keys (older wordfreq, settings or formats)."""
    for stale in folder.glob("untranslated-*.pickle"):
        if not stale.name.endswith(f"-{key}.pickle"):
            with contextlib.suppress(OSError):
                stale.unlink()


MEMO_LIMIT = 20_000
"""Most verdicts of words that are not plain letters kept on disk (a few hundred KB)."""


class WordMemo:
    """Verdicts of words that are not plain letters ("don't", "government's"), kept on disk between runs.

    Why: their verdict needs wordfreq's own tokenizing lookup, and that loads its seven lists
    (0.3 s) in nearly every process, since nearly every article has such a word.  They
    repeat from article to article, so each verdict is worked out once per machine; the
    file is keyed like the verdict table, and a save merges what other processes added.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.known = _verdicts_in(load_cache(path, dict))
        self._added = False

    def verdict(self, word: str) -> Verdict | None:
        """The verdict on ``word``: remembered, else from wordfreq (and remembered while there is room)."""
        if word in self.known:
            return self.known[word]
        verdict = judge_with_wordfreq(word)
        if len(self.known) < MEMO_LIMIT:
            self.known[word] = verdict
            self._added = True
        return verdict

    def save(self) -> None:
        """Write the new verdicts, merged with what other processes wrote meanwhile (best effort, like every cache)."""
        if not self._added:
            return
        merged = _verdicts_in(load_cache(self.path, dict))
        for word, verdict in self.known.items():
            if len(merged) >= MEMO_LIMIT:
                break
            merged.setdefault(word, verdict)
        store_cache(self.path, merged)
        self._added = False


def _verdicts_in(loaded: dict[object, object] | None) -> dict[str, Verdict | None]:
    """The well-formed entries of a memo file (a damaged or foreign one contributes nothing else)."""
    if not loaded:
        return {}
    return {w: v for w, v in loaded.items() if isinstance(w, str) and (v is None or isinstance(v, Verdict))}


@lru_cache(maxsize=1)
def word_memo() -> WordMemo:
    """This process's memo of verdicts on words that are not plain letters."""
    return WordMemo(cache_dir() / f"untranslated-words-{_table_key()}.pickle")


TABLE_FORMAT = 2
"""Raised when the table's file changes shape (2: equal verdicts shared), so older files are rebuilt."""


def _table_key() -> str:
    settings = (
        PIVOT_LANGUAGES,
        MIN_PIVOT_ZIPF,
        MAX_ENGLISH_ZIPF,
        MIN_MARGIN,
        MIN_PIVOT_ZIPF_ACCENTED,
        MAX_ENGLISH_ZIPF_ACCENTED,
        MIN_LENGTH,
        _FOREIGN_LETTERS.pattern,
        TABLE_FORMAT,
    )
    digest = hashlib.sha256(repr(settings).encode()).hexdigest()[:12]
    return f"{installed_version('wordfreq')}-{digest}"


def _build_verdict_table() -> dict[str, Verdict]:
    """Verdicts of the words of the pivot lists, with wordfreq's Zipf arithmetic on its raw frequency tables.

    Equal verdicts are one object, so the cache file holds each once: about 9,700 objects for
    44,000 words, which unpickle in a fifth of the time (17 against 80 ms, in every process).
    """
    from wordfreq import get_frequency_dict

    english = get_frequency_dict("en", wordlist="large")
    pivot_lists = {lang: get_frequency_dict(lang, wordlist="small") for lang in PIVOT_LANGUAGES}
    words = {w for table in pivot_lists.values() for w in table if len(w) >= MIN_LENGTH and w.isalpha()}
    table: dict[str, Verdict] = {}
    shared: dict[Verdict, Verdict] = {}
    for word in words:
        pivots = {lang: _zipf(pivot_lists[lang].get(word, 0.0)) for lang in PIVOT_LANGUAGES}
        verdict = _verdict(word, _zipf(english.get(word, 0.0)), pivots)
        if verdict is not None:
            table[word] = shared.setdefault(verdict, verdict)
    return table


def _zipf(frequency: float) -> float:
    """wordfreq's Zipf value of a raw frequency (log10 per billion words, two decimals; 0 when unseen)."""
    return round(math.log10(frequency) + 9, 2) if frequency > 0 else 0.0


class UntranslatedWordChecker:
    """Flags lower-case words that are pivot-language words, and pivot words glued to numbers."""

    name = "untranslated"
    rule_ids = (RULE_ID, GLUED_RULE_ID)

    def warm_up(self) -> None:
        """Load the verdict table now, so that no article's time budget pays for it."""
        verdict_table()

    def check(self, doc: Document) -> Iterator[Finding]:
        """One finding per untranslated-looking word outside quotations."""
        tokens = [t for t in doc.tokens if t.kind is Kind.WORD]
        for tok in tokens:
            if not tok.text.islower() and not _GLUED.fullmatch(tok.text):
                continue
            if doc.in_region("quote", tok.span):
                continue
            if _GLUED.fullmatch(tok.text):
                yield self._glued(doc, tok)
                continue
            verdict = judge(tok.norm)
            if verdict is None:
                continue
            yield self._finding(doc, tok, verdict)
        word_memo().save()

    @staticmethod
    def _finding(doc: Document, tok: Token, verdict: Verdict) -> Finding:
        span = Span(tok.start, tok.end)
        language = LANGUAGE_NAMES[verdict.language]
        return Finding(
            span=span,
            text=span.slice(doc.text),
            rule_id=RULE_ID,
            engine="rules",
            category=CATEGORY,
            severity=Severity.MINOR,
            confidence=0.5,
            message=(
                f"Untranslated pivot word: {tok.text!r} is a common {language} word "
                f"(Zipf {verdict.pivot_zipf:.1f}) and rare in English (Zipf {verdict.english_zipf:.1f}); "
                "the return translation did not know it."
            ),
        )

    @staticmethod
    def _glued(doc: Document, tok: Token) -> Finding:
        span = Span(tok.start, tok.end)
        return Finding(
            span=span,
            text=span.slice(doc.text),
            rule_id=GLUED_RULE_ID,
            engine="rules",
            category=CATEGORY,
            severity=Severity.MINOR,
            confidence=0.5,
            message=(
                f"Untranslated pivot words glued together: {tok.text!r} mixes words and a number with no "
                "spaces, as machine translation leaves words it did not know."
            ),
        )
