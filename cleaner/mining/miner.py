"""Recurring garbled -> original substitutions in round-trip pairs, measured as candidate rules.

A rule-based MT system garbles the same English the same way every time, so a substitution that recurs across
documents is a rule waiting to be written. For every difference between an original line and its garble, the
miner takes the garbled token window around it (1-4 tokens, with up to three tokens of unchanged context on
either side) and the original tokens it stands for. Each distinct (garbled, original) window is a candidate.

A candidate is then measured the way a rule would behave: every occurrence of its garbled phrase anywhere in the
garbled text is an application; it is *right* when the alignment maps that window to exactly the original
phrase (the replacement restores the original), *in gold* when the window touches a difference at all. Precision
is right / applications. Occurrences in clean English (the originals, and any extra clean corpus) are false
alarms. Candidates that differ only in one context word (the Thursday / the Friday) are offered once more as a
family with alternatives.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from cleaner.document import NUMBER_NORM, Token, tokenize
from cleaner.mining.alignment import AlignedLine, align_line
from cleaner.mining.pairs import CleanText, Pair

MAX_WINDOW = 4
"""Garbled n-gram sizes 1-4."""
MAX_CONTEXT = 3
MAX_ORIGINAL = 6
Window = tuple[str, ...]


@dataclass(frozen=True)
class MineSettings:
    """What counts as a candidate worth a reviewer's time."""

    min_support: int = 3
    min_documents: int = 2
    """Distinct source documents (both pivots of one document count once): no names of one article."""
    min_precision: float = 0.5
    max_candidates: int = 300
    redundant_share: float = 0.8
    """A candidate whose restored differences are this much covered by better-ranked ones adds nothing."""


@dataclass(frozen=True, slots=True)
class Place:
    """A garbled window [start, end) of one line of the corpus."""

    line: int
    start: int
    end: int


@dataclass
class Candidate:
    """One proposed rule: garbled phrase (or family of phrases) -> original phrase, with its evidence."""

    garbled: Window
    original: Window
    alternatives: tuple[str, ...] = ()
    """For a family: the context words that fill the slot at ``slot``."""
    slot: int = -1
    applications: int = 0
    right: int = 0
    in_gold: int = 0
    clean_hits: int = 0
    clean_words: int = 0
    documents: int = 0
    pivots: Counter[str] = field(default_factory=Counter)
    replacement: str = ""
    match_surface: str = ""
    examples: list[tuple[str, str]] = field(default_factory=list)
    """(bad, good) snippets from right applications."""
    right_places: list[Place] = field(default_factory=list)

    @property
    def support(self) -> int:
        return self.right

    @property
    def precision(self) -> float:
        return self.right / self.applications if self.applications else 0.0

    @property
    def gold_share(self) -> float:
        return self.in_gold / self.applications if self.applications else 0.0

    @property
    def confidence(self) -> float:
        """Wilson lower bound (95 %) of the precision: small support earns a lower confidence."""
        return wilson_lower_bound(self.right, self.applications)

    @property
    def clean_per_1000(self) -> float:
        return 1000 * self.clean_hits / self.clean_words if self.clean_words else 0.0

    @property
    def net(self) -> int:
        """Right applications minus wrong ones: what the rule would do to the pairs if applied everywhere."""
        return 2 * self.right - self.applications

    @property
    def kind(self) -> str:
        """The kind of garble, as the round-trip evaluation names them."""
        g, o = set(self.garbled), set(self.original)
        if len(self.garbled) > len(self.original) and o <= g:
            return "inserted"
        if len(self.garbled) < len(self.original) and g <= o:
            return "dropped"
        if Counter(self.garbled) == Counter(self.original):
            return "order"
        changed = (g ^ o) - {NUMBER_NORM}
        if changed and changed <= FUNCTION_WORDS:
            return "function word"
        return "phrase" if max(len(self.garbled), len(self.original)) > 1 else "word"


FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "since",
        "until",
        "into",
        "onto",
        "over",
        "about",
        "as",
        "than",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "this",
        "these",
        "those",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "him",
        "them",
        "us",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "shall",
        "should",
        "must",
        "not",
        "no",
        "and",
        "or",
        "but",
        "also",
    ]
)


def wilson_lower_bound(successes: int, trials: int, z: float = 1.96) -> float:
    """Lower end of the Wilson score interval for a binomial proportion."""
    if trials == 0:
        return 0.0
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = p + z * z / (2 * trials)
    margin = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials))
    return max(0.0, (centre - margin) / denominator)


@dataclass
class Corpus:
    """The aligned lines of all pairs, with what the measurements need per line."""

    lines: list[AlignedLine]
    documents: list[str]
    pivots: list[str]
    boundaries: list[list[tuple[int, ...]]]
    """Per line, per garbled token boundary: the original boundaries it maps to (empty: it cuts a difference)."""
    casing: dict[str, str]
    """Most frequent mid-sentence spelling of each word in the originals (proper nouns keep their capitals)."""

    @classmethod
    def from_pairs(cls, pairs: Sequence[Pair]) -> Corpus:
        lines: list[AlignedLine] = []
        documents: list[str] = []
        pivots: list[str] = []
        spellings: dict[str, Counter[str]] = defaultdict(Counter)
        for pair in pairs:
            for original, garbled in zip(pair.original.split("\n"), pair.garbled.split("\n"), strict=True):
                line = align_line(original, garbled)
                lines.append(line)
                documents.append(pair.doc)
                pivots.append(pair.pivot)
                for i, token in enumerate(line.original_tokens):
                    if i > 0 and line.original_tokens[i - 1].norm not in SENTENCE_END:
                        spellings[token.norm][token.text] += 1
        casing = {norm: counts.most_common(1)[0][0] for norm, counts in spellings.items()}
        return cls(lines, documents, pivots, [_boundary_map(line) for line in lines], casing)


def _boundary_map(line: AlignedLine) -> list[tuple[int, ...]]:
    """Where each garbled token boundary falls in the original; a boundary inside a replaced run has no image."""
    n = len(line.garbled_tokens)
    images: list[set[int]] = [set() for _ in range(n + 1)]
    cut = [False] * (n + 1)
    for op in line.opcodes:
        if op.tag == "equal":
            for b in range(op.g1, op.g2 + 1):
                images[b].add(op.o1 + b - op.g1)
        else:
            images[op.g1].add(op.o1)
            images[op.g2].add(op.o2)
            for b in range(op.g1 + 1, op.g2):
                cut[b] = True
    return [() if cut[b] else tuple(sorted(images[b])) for b in range(n + 1)]


def _forms(tokens: Sequence[Token]) -> Window:
    return tuple(t.norm for t in tokens)


def extract_windows(line: AlignedLine) -> Iterable[tuple[Window, Window, int, int, int, int]]:
    """(garbled window, original window, g1, g2, o1, o2) around each difference or run of close differences."""
    g_forms, o_forms = _forms(line.garbled_tokens), _forms(line.original_tokens)
    diffs = line.differences
    for k, first in enumerate(diffs):
        left_room = first.g1 - (diffs[k - 1].g2 if k else 0)
        left_room_o = first.o1 - (diffs[k - 1].o2 if k else 0)
        for m in range(k, min(k + 3, len(diffs))):
            last = diffs[m]
            if m > k and last.g1 - diffs[m - 1].g2 > 1:
                break
            core = last.g2 - first.g1
            if core > MAX_WINDOW:
                break
            right_room = (diffs[m + 1].g1 if m + 1 < len(diffs) else len(g_forms)) - last.g2
            right_room_o = (diffs[m + 1].o1 if m + 1 < len(diffs) else len(o_forms)) - last.o2
            for left in range(min(MAX_CONTEXT, left_room, left_room_o) + 1):
                for right in range(min(MAX_CONTEXT, right_room, right_room_o) + 1):
                    g1, g2 = first.g1 - left, last.g2 + right
                    o1, o2 = first.o1 - left, last.o2 + right
                    if not 1 <= g2 - g1 <= MAX_WINDOW or not 1 <= o2 - o1 <= MAX_ORIGINAL:
                        continue
                    yield g_forms[g1:g2], o_forms[o1:o2], g1, g2, o1, o2


def _usable(garbled: Window, original: Window) -> bool:
    """Windows a phrase rule can say: no pattern syntax characters, numbers that can be carried over."""
    if any(ch in form for form in garbled + original for ch in "{}[]|$=\\") or garbled == original:
        return False
    if garbled.count(NUMBER_NORM) != original.count(NUMBER_NORM):
        return False
    # A replacement that contains the garbled phrase would fire again on its own output.
    n = len(garbled)
    return not any(original[i : i + n] == garbled for i in range(len(original) - n + 1))


def mine(pairs: Sequence[Pair], clean: Sequence[CleanText], settings: MineSettings | None = None) -> list[Candidate]:
    """Candidates ranked by what they would gain on the pairs, redundant ones left out."""
    settings = settings or MineSettings()
    corpus = Corpus.from_pairs(pairs)
    found: dict[tuple[Window, Window], set[int]] = defaultdict(set)
    for index, line in enumerate(corpus.lines):
        for garbled, original, *_ in extract_windows(line):
            if _usable(garbled, original):
                found[(garbled, original)].add(index)
    # Cheap pre-filter: a rule needs support in at least min_documents documents.
    keys = [key for key, where in found.items() if len({corpus.documents[i] for i in where}) >= settings.min_documents]
    singles = [Candidate(garbled, original) for garbled, original in keys]
    # Families come from every window, also those of one document each: "the Monday" in one article and
    # "the Friday" in another are one garble.
    families = _families([Candidate(garbled, original) for garbled, original in found])
    candidates = singles + families
    _measure(candidates, corpus, _clean_texts(pairs, clean))
    kept = [
        c
        for c in candidates
        if c.right >= settings.min_support
        and c.documents >= settings.min_documents
        and c.precision >= settings.min_precision
    ]
    kept.sort(key=lambda c: (-c.net, -c.precision, len(c.garbled), c.garbled))
    return _without_redundant(kept, corpus, settings)[: settings.max_candidates]


def _families(singles: Sequence[Candidate]) -> list[Candidate]:
    """Candidates that differ only in their first or last context word, merged into one with alternatives."""
    groups: dict[tuple[int, bool, Window, Window], set[str]] = defaultdict(set)
    for c in singles:
        g, o = c.garbled, c.original
        # Words and punctuation marks fill a slot with different spacing: never in one family.
        if len(g) >= 2 and len(o) >= 2 and g[0] == o[0] and g[0] != NUMBER_NORM:
            groups[(0, _is_word(g[0]), g[1:], o[1:])].add(g[0])
        if len(g) >= 2 and len(o) >= 2 and g[-1] == o[-1] and g[-1] != NUMBER_NORM:
            groups[(-1, _is_word(g[-1]), g[:-1], o[:-1])].add(g[-1])
    families: list[Candidate] = []
    for (slot, _, g_rest, o_rest), words in groups.items():
        if len(words) < 2:
            continue
        alternatives = tuple(sorted(words))
        if slot == 0:
            families.append(Candidate(("*", *g_rest), ("*", *o_rest), alternatives, 0))
        else:
            families.append(Candidate((*g_rest, "*"), (*o_rest, "*"), alternatives, len(g_rest)))
    return families


def _is_word(form: str) -> bool:
    return any(ch.isalnum() for ch in form)


def _instances(candidate: Candidate, window: Window) -> Iterable[Window]:
    if candidate.slot < 0:
        yield window
        return
    for word in candidate.alternatives:
        yield tuple(word if i == candidate.slot else form for i, form in enumerate(window))


def _clean_texts(pairs: Sequence[Pair], clean: Sequence[CleanText]) -> list[str]:
    originals = list(dict.fromkeys(pair.original for pair in pairs))
    return originals + [doc.text for doc in clean]


def _measure(candidates: Sequence[Candidate], corpus: Corpus, clean_texts: Sequence[str]) -> None:
    """Count applications, right applications, gold touches and clean occurrences of every candidate."""
    wanted: dict[Window, list[tuple[Candidate, Window]]] = defaultdict(list)
    for c in candidates:
        for g in _instances(c, c.garbled):
            o = next(iter(_instances(c, c.original))) if c.slot < 0 else _fill(c.original, c.slot, g[c.slot])
            wanted[g].append((c, o))
    documents: dict[int, set[str]] = defaultdict(set)
    replacements: dict[int, Counter[str]] = defaultdict(Counter)
    surfaces: dict[int, Counter[str]] = defaultdict(Counter)
    for index, line in enumerate(corpus.lines):
        g_forms = _forms(line.garbled_tokens)
        o_forms = _forms(line.original_tokens)
        images = corpus.boundaries[index]
        touched = _touched(line)
        for n in range(1, MAX_WINDOW + 1):
            for start in range(len(g_forms) - n + 1):
                window = g_forms[start : start + n]
                users = wanted.get(window)
                if not users:
                    continue
                end = start + n
                gold = any(touched[start:end]) or any(_inner_gap(line, start, end))
                for c, o in users:
                    c.applications += 1
                    c.in_gold += gold
                    span = _restores(o, o_forms, images[start], images[end])
                    if span is None:
                        continue
                    c.right += 1
                    c.pivots[corpus.pivots[index]] += 1
                    documents[id(c)].add(corpus.documents[index])
                    c.right_places.append(Place(index, start, end))
                    replacement = _replacement_text(line, span, corpus.casing)
                    replacements[id(c)][_number_free(replacement)] += 1
                    surfaces[id(c)][_surface(line.garbled, line.garbled_tokens[start:end])] += 1
                    if len(c.examples) < 3 and not line.garbled.isupper():
                        c.examples.append(_example(line, start, end, replacement))
    words = 0
    clean_windows: Counter[Window] = Counter()
    for text in clean_texts:
        for paragraph in text.split("\n"):
            forms = _forms(tokenize(paragraph))
            words += len(paragraph.split())
            for n in range(1, MAX_WINDOW + 1):
                for start in range(len(forms) - n + 1):
                    window = forms[start : start + n]
                    if window in wanted:
                        clean_windows[window] += 1
    for c in candidates:
        c.documents = len(documents[id(c)])
        c.clean_words = words
        c.clean_hits = sum(clean_windows[g] for g in _instances(c, c.garbled))
        if replacements[id(c)]:
            c.replacement = _family_replacement(c, replacements[id(c)])
            c.match_surface = surfaces[id(c)].most_common(1)[0][0]


def _fill(window: Window, slot: int, word: str) -> Window:
    return tuple(word if i == slot else form for i, form in enumerate(window))


def _touched(line: AlignedLine) -> list[bool]:
    touched = [False] * len(line.garbled_tokens)
    for d in line.differences:
        for i in range(d.g1, d.g2):
            touched[i] = True
    return touched


def _inner_gap(line: AlignedLine, start: int, end: int) -> Iterable[bool]:
    """Deletions (original tokens with nothing in the garble) strictly inside or at the edges of a window."""
    return (d.g1 == d.g2 and start <= d.g1 <= end for d in line.differences)


def _restores(
    original: Window, o_forms: Window, starts: tuple[int, ...], ends: tuple[int, ...]
) -> tuple[int, int] | None:
    """The original token span the window maps to, if it is exactly the candidate's original phrase."""
    for o1 in starts:
        for o2 in ends:
            if o2 - o1 == len(original) and o_forms[o1:o2] == original:
                return o1, o2
    return None


def _surface(text: str, tokens: Sequence[Token]) -> str:
    return text[tokens[0].start : tokens[-1].end]


def _replacement_text(line: AlignedLine, span: tuple[int, int], casing: dict[str, str]) -> str:
    """The original phrase as written; a sentence-initial first word spelled as it usually is mid-sentence."""
    tokens = line.original_tokens[span[0] : span[1]]
    text = _surface(line.original, tokens)
    first = tokens[0]
    before = line.original_tokens[span[0] - 1].norm if span[0] else "."
    if first.norm != NUMBER_NORM and before in SENTENCE_END:
        spelled = casing.get(first.norm, first.text.lower())
        text = spelled + text[first.end - first.start :]
    return text


SENTENCE_END = frozenset({".", "!", "?", '"', ":", "-"})


def _number_free(text: str) -> str:
    """The replacement with its numbers blanked, so '100 million' and '5 million' count as one replacement."""
    out = text
    for token in reversed(tokenize(text)):
        if token.norm == NUMBER_NORM:
            out = out[: token.start] + "0" + out[token.end :]
    return out


def _family_replacement(candidate: Candidate, replacements: Counter[str]) -> str:
    """Most frequent replacement; for a family, with the slot word written as `{N}` of the match."""
    text = replacements.most_common(1)[0][0]
    if candidate.slot < 0:
        return text
    tokens = tokenize(text)
    slot_in_original = 0 if candidate.slot == 0 else len(candidate.original) - 1
    token = tokens[slot_in_original]
    return text[: token.start] + "\x00" + text[token.end :]


def _example(line: AlignedLine, start: int, end: int, replacement: str) -> tuple[str, str]:
    """A bad/good pair cut from the garbled line: the match with a few words either side."""
    tokens = line.garbled_tokens
    lo = max(0, start - 6)
    hi = min(len(tokens), end + 6)
    text = line.garbled
    snippet_start = tokens[lo].start
    snippet_end = tokens[hi - 1].end
    bad = text[snippet_start:snippet_end]
    a, b = tokens[start].start - snippet_start, tokens[end - 1].end - snippet_start
    fill = replacement
    if a == 0 and fill:
        fill = fill[0].upper() + fill[1:]
    return bad, bad[:a] + fill + bad[b:]


def _without_redundant(ranked: Sequence[Candidate], corpus: Corpus, settings: MineSettings) -> list[Candidate]:
    """Greedy cover: keep a candidate only if enough of the differences it restores are not already restored.

    "more that" and "has more that" restore the same difference; the better-ranked one is kept.
    """
    covered: set[tuple[int, int, int]] = set()
    kept: list[Candidate] = []
    for c in ranked:
        restored = {
            (p.line, d.g1, d.g2)
            for p in c.right_places
            for d in corpus.lines[p.line].differences
            if (d.g1 < p.end and d.g2 > p.start) or (d.g1 == d.g2 and p.start <= d.g1 <= p.end)
        }
        if not restored:
            continue
        if len(restored & covered) / len(restored) >= settings.redundant_share:
            continue
        kept.append(c)
        covered |= restored
    return kept
