"""Proper names spelled or cased inconsistently within one article.

Round-trip translation mangles names one mention at a time: "Xi" four times
and "XI" twice, "Bessent" and once "Besent", "Zelensky" and "Zelenskyy".  The
article itself says which form is meant: the one it uses most.  This checker
collects the proper-name mentions of an article, groups case variants (same
letters, different case) and close spellings (rapidfuzz edit distance, with
guards so that "Iran"/"Iraq", "Austria"/"Australia", "John"/"Joan" or
"Li"/"Lee" stay apart), and reports every minority form with the majority form
as its replacement.

What counts as a mention: a capitalized word that is not the first word of a
sentence or quotation, or an all-caps word of two letters or more, outside
headlines and all-caps passages.  A word that opens a sentence supports a form
only when the same form also occurs mid-sentence, so "Who" at the start of a
question never competes with "WHO".  Acronyms that are always written in
capitals (US, EU, WTO) have one form and are never reported.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from cleaner.document import Document, Kind, Span, SpanCover, Token
from cleaner.findings import Finding, Severity
from cleaner.paths import builtin_rules_dir

RULE_ID = "NAME_INCONSISTENT"
CATEGORY = "name"

PREFERRED_CLASS = "head_of_state_surname"
"""The class whose spellings win a tie ("Xi" over "XI")."""
KNOWN_CLASSES = (PREFERRED_CLASS, "country", "nationality")
"""Classes of well-known names: two different known names are never merged (Iran/Iraq)."""

MIN_FUZZY_LENGTH = 5
"""Shorter names (Li, Lee, Kim, Xi, Chen) are only compared for case, never for spelling."""
MIN_INDEL_LENGTH = 5
"""Shortest name for which one added or dropped letter is a misspelling (Besent/Bessent)."""
MIN_SUBSTITUTION_LENGTH = 6
"""Shortest name for which one changed letter is a misspelling (Huhhot/Hohhot, not Zhang/Zheng)."""
MIN_TWO_EDIT_LENGTH = 8
MIN_TWO_EDIT_RATIO = 90.0
DERIVATION_SUFFIXES = frozenset(
    {"s", "es", "n", "an", "ian", "ese", "i", "is", "a", "ite", "ites", "ism", "ist", "ern", "ish"}
)
"""Endings that make a different word of a name (Russia/Russian, Daniel/Daniela, Trump/Trumps)."""

_POSSESSIVE = re.compile(r"['\u2019]s$")
_ROMAN = re.compile(r"^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_OPENERS = frozenset({'"', "\u201c", "\u2018", "'", "(", "[", ":", "\u2014", "\u2013", "-"})
_TITLES = frozenset(
    {"president", "premier", "chairman", "leader", "mr", "mrs", "ms", "dr", "general", "secretary"}
    | {"minister", "chancellor", "king", "queen", "prince"}
)
_ALL_CAPS_SHARE = 0.7
"""A sentence whose letters are at least this share upper-case is an all-caps passage (a headline, a shout)."""


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a proper-name candidate: where it is and how it is written."""

    span: Span
    form: str
    mid: bool
    """True when the word does not open a sentence or a quotation."""

    @property
    def key(self) -> str:
        return self.form.casefold()


def load_known_names(classes_file: Path | None = None) -> dict[str, dict[str, str]]:
    """The name classes of ``rules/classes.yaml``: class name → {case-folded name: preferred spelling}."""
    path = classes_file if classes_file is not None else _default_classes_file()
    if path is None or not path.is_file():
        return {}
    data: Any = yaml.load(path.read_text("utf-8"), Loader=_YAML_LOADER) or {}
    classes = data.get("classes") or {}
    known: dict[str, dict[str, str]] = {}
    for name in KNOWN_CLASSES:
        entries = classes.get(name) or []
        known[name] = {str(e).casefold(): str(e) for e in entries if " " not in str(e)}
    return known


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""The names checker reads the word classes itself (libyaml when present), not through the rule engine."""


def _default_classes_file() -> Path | None:
    try:
        return builtin_rules_dir() / "classes.yaml"
    except FileNotFoundError:
        return None


class NameConsistencyChecker:
    """Reports minority spellings and casings of the proper names of an article."""

    name = "names"
    rule_ids = (RULE_ID,)

    def __init__(self, known: Mapping[str, Mapping[str, str]] | None = None) -> None:
        names = load_known_names() if known is None else known
        self.preferred: dict[str, str] = dict(names.get(PREFERRED_CLASS, {}))
        self.known: dict[str, str] = {}
        for cls in KNOWN_CLASSES:
            for folded, spelling in names.get(cls, {}).items():
                self.known.setdefault(folded, spelling)

    def check(self, doc: Document) -> Iterator[Finding]:
        """One finding per mention written differently from the article's usual form of that name."""
        mentions = list(self._mentions(doc))
        if not mentions:
            return
        lowercase = {t.norm for t in doc.tokens if t.kind is Kind.WORD and t.text.islower()}
        by_key: dict[str, list[Mention]] = defaultdict(list)
        for m in mentions:
            by_key[m.key].append(m)
        names = [key for key, ms in by_key.items() if any(m.mid for m in ms)]
        stray = [key for key, ms in by_key.items() if key not in names and key not in lowercase]
        counts = {key: _form_counts(ms, trust_openers=key in stray) for key, ms in by_key.items()}
        usual = {key: self._usual_form(key, c) for key, c in counts.items() if c}
        canonical = self._spelling_groups(names, stray, counts, usual)
        for m in mentions:
            if m.form not in counts[m.key]:
                continue  # a sentence-opening capital that is not (known to be) a name
            target_key = canonical.get(m.key, m.key)
            target = usual.get(target_key)
            if target is None or target == m.form:
                continue
            n = sum(counts[target_key].values()) if target_key != m.key else counts[m.key][target]
            yield self._finding(doc, m, target, n, spelling=target_key != m.key)

    # -- mentions ----------------------------------------------------------

    def _mentions(self, doc: Document) -> Iterator[Mention]:
        tokens = doc.tokens
        skipped = SpanCover(_skipped_spans(doc))
        sentence_starts = [s.start for s in doc.sentences]
        for i, tok in enumerate(tokens):
            if tok.kind is not Kind.WORD or not tok.text[:1].isupper():
                continue  # (the possessive below is a suffix: it never changes the first letter)
            form = _POSSESSIVE.sub("", tok.text)
            if len(form) < 2 or not form[0].isupper():
                continue
            caps = form.isupper()
            if not caps and not form[1:].islower() and not _mixed_name(form):
                continue
            if caps and _ROMAN.match(form) and _after_name_word(tokens, i):
                continue
            if caps and _in_caps_run(tokens, i):
                continue  # CHINA DAY, I CAN BEAT BIDEN: capitals for emphasis, not a spelling
            span = Span(tok.start, tok.start + len(form))
            if skipped.contains(span):
                continue
            mid = not _opens_sentence(tokens, i, sentence_starts)
            if caps and not mid:
                continue  # datelines: "BEIJING, Sept. 27", "AUGUSTA, Ga. --"
            yield Mention(span, form, mid)

    def _usual_form(self, key: str, forms: Counter[str]) -> str | None:
        """The form the article uses most; on a tie the well-known spelling, then Title case over capitals."""
        if not forms:
            return None
        ranked = forms.most_common()
        top = ranked[0][1]
        tied = [f for f, n in ranked if n == top]
        preferred = self.preferred.get(key) or self.known.get(key)
        if preferred is not None and preferred in forms:
            return preferred
        if len(tied) == 1:
            return tied[0]
        title = [f for f in tied if not f.isupper()]
        return title[0] if len(title) == 1 else None

    # -- spelling variants -------------------------------------------------

    def _spelling_groups(
        self,
        names: Sequence[str],
        stray: Sequence[str],
        counts: Mapping[str, Counter[str]],
        usual: Mapping[str, str | None],
    ) -> dict[str, str]:
        """Map each minority spelling (case-folded) to the case-folded spelling that should replace it."""
        pool = [k for k in (*names, *stray) if len(k) >= MIN_FUZZY_LENGTH and k.isalpha()]
        if len(pool) < 2:
            return {}
        parent = list(range(len(pool)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for i in range(len(pool)):
            # process.extract, not cdist: only the close pairs come back, and no numpy (0.5 s to import).
            close = process.extract(pool[i], pool[i + 1 :], scorer=Levenshtein.distance, score_cutoff=2, limit=None)
            for _, d, k in sorted(close, key=lambda hit: hit[2]):
                j = i + 1 + k
                if self._same_name(pool[i], pool[j], int(d)):
                    parent[root(j)] = root(i)
        clusters: dict[int, list[str]] = defaultdict(list)
        for i, key in enumerate(pool):
            clusters[root(i)].append(key)
        out: dict[str, str] = {}
        for members in clusters.values():
            if len(members) < 2:
                continue
            best = self._canonical([m for m in members if usual.get(m)], counts)
            if best is None:
                continue
            for m in members:
                if m != best:
                    out[m] = best
        return out

    def _same_name(self, a: str, b: str, distance: int) -> bool:
        """Whether two case-folded spellings at edit ``distance`` are one name misspelled."""
        if _fold_accents(a) == _fold_accents(b):
            return True  # Erdogan/Erdoğan, Sanchez/Sánchez
        short, long_ = sorted((a, b), key=len)
        if a in self.known and b in self.known:
            # two well-known names (Iran/Iraq, Austria/Australia) are different names,
            # unless one only doubles the other's last letter (Zelensky/Zelenskyy)
            return len(long_) == len(short) + 1 and long_.startswith(short) and long_[-1] == short[-1]
        if long_.startswith(short) and long_[len(short) :] in DERIVATION_SUFFIXES:
            return False
        if len(a) == len(b) and a[:-1] == b[:-1]:
            return False  # Maria/Mario, Iran/Iraq: a different final letter makes a different name
        if _is_word(a) and _is_word(b):
            return False  # Fight/Night, These/There: two English words, not a misspelled name
        if distance == 1:
            # a changed letter needs a longer name than a dropped or doubled one (Zhang/Zheng, Chen/Cheng stay apart)
            substitution = len(a) == len(b)
            return len(short) >= (MIN_SUBSTITUTION_LENGTH if substitution else MIN_INDEL_LENGTH)
        return len(short) >= MIN_TWO_EDIT_LENGTH and fuzz.ratio(a, b) >= MIN_TWO_EDIT_RATIO

    def _canonical(self, keys: Sequence[str], counts: Mapping[str, Counter[str]]) -> str | None:
        """The spelling a group of variants converges on: the most frequent, a well-known one on a tie."""
        ranked = sorted(((sum(counts[k].values()), k in self.known, k) for k in keys), reverse=True)
        if not ranked:
            return None
        if len(ranked) > 1 and ranked[0][:2] == ranked[1][:2]:
            return None
        return ranked[0][2]

    # -- findings ----------------------------------------------------------

    def _finding(self, doc: Document, m: Mention, target: str, n: int, *, spelling: bool) -> Finding:
        written = doc.text[m.span.start : m.span.end]
        confidence = (0.75 if spelling else 0.85) if n >= 2 else 0.7
        return Finding(
            span=m.span,
            text=written,
            rule_id=RULE_ID,
            engine=self.name,
            category=CATEGORY,
            severity=Severity.MINOR,
            confidence=confidence,
            message=f"\u2018{written}\u2019 is spelled \u2018{target}\u2019 {_times(n)} elsewhere in this article.",
            replacements=(target,),
        )


def _form_counts(mentions: Iterable[Mention], *, trust_openers: bool = False) -> Counter[str]:
    """How often each form is written.

    A sentence-opening Title-case form counts only if it also occurs mid-sentence,
    unless ``trust_openers`` (the word never occurs in lower case in the article).
    """
    ms = list(mentions)
    mid_forms = {m.form for m in ms if m.mid}
    return Counter(m.form for m in ms if trust_openers or m.mid or m.form.isupper() or m.form in mid_forms)


def _mixed_name(form: str) -> bool:
    """Names with inner capitals: McDonald, DeSantis, MacArthur (not all-caps, not Title)."""
    return form[0].isupper() and any(c.islower() for c in form[1:])


def _opens_sentence(tokens: Sequence[Token], i: int, sentence_starts: Sequence[int]) -> bool:
    tok = tokens[i]
    s = bisect.bisect_right(sentence_starts, tok.start) - 1
    start = sentence_starts[s] if s >= 0 else 0
    j = i - 1
    while j >= 0 and tokens[j].start >= start and tokens[j].kind is Kind.PUNCT:
        if tokens[j].text in _OPENERS:
            return True
        j -= 1
    return j < 0 or tokens[j].start < start


def _after_name_word(tokens: Sequence[Token], i: int) -> bool:
    """True for a Roman numeral after a capitalized word that is not a title: Pius XI, World War II."""
    if i == 0 or tokens[i - 1].kind is not Kind.WORD:
        return False
    prev = tokens[i - 1].text
    return prev[:1].isupper() and prev.casefold().rstrip(".") not in _TITLES


def _in_caps_run(tokens: Sequence[Token], i: int) -> bool:
    """True when the nearest word on either side is all-caps too (a shouted phrase, ASTANA.KAZINFORM)."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(tokens) and tokens[j].kind is Kind.PUNCT and _glued(tokens, j, step):
            j += step
        if 0 <= j < len(tokens) and tokens[j].kind is Kind.WORD:
            t = tokens[j].text
            if len(t) >= 2 and t.isupper():
                return True
    return False


def _glued(tokens: Sequence[Token], j: int, step: int) -> bool:
    """True when punctuation token ``j`` touches the token it follows (step -1) or precedes (step 1)."""
    k = j - step
    return tokens[j].end == tokens[k].start if step < 0 else tokens[k].end == tokens[j].start


def _skipped_spans(doc: Document) -> list[Span]:
    """Headlines and all-caps sentences: their capitals say nothing about how a name is spelled."""
    spans = list(doc.headlines)
    for s in doc.sentences:
        text = doc.check_text[s.start : s.end]
        letters = sum(map(str.isalpha, text))
        if letters < 6 or sum(map(str.isupper, text)) < _ALL_CAPS_SHARE * letters:
            continue  # (the quick count of capitals is never below the exact one, so this skip is exact)
        upper = sum(1 for c in text if c.isalpha() and c.isupper())
        if upper >= _ALL_CAPS_SHARE * letters:
            spans.append(s)
    return spans


@lru_cache(maxsize=4096)
def _is_word(folded: str) -> bool:
    """True for an ordinary English word (lemminflect knows a lemma for it; its words cached on disk)."""
    from cleaner.checks.known_words import is_known_word

    return is_known_word(folded)


def _fold_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")
