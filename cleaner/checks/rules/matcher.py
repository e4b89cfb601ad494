"""Run compiled rules over a Document: one automaton pass, context checks, overlap resolution."""

from __future__ import annotations

import bisect
import enum
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from cleaner.checks.rules.compiler import PARAGRAPH_MARK, SEPARATOR, WHOLE, CompiledRules
from cleaner.checks.rules.inflection import inflect_like
from cleaner.checks.rules.lazy_rules import LazyRules
from cleaner.checks.rules.model import Conditions, Rule, Term
from cleaner.checks.rules.pattern import Element, Pattern
from cleaner.checks.rules.regex_run import RegexPass, RegexTimeout
from cleaner.checks.rules.template import match_case, render
from cleaner.document import Document, Span, Token
from cleaner.findings import Finding


@dataclass(frozen=True, slots=True)
class Candidate:
    """A raw match before context checks: rule, span, token range and element spans."""

    rule_index: int
    span: Span
    first_token: int
    last_token: int
    groups: tuple[Span | None, ...]
    """Span matched by element/group 1..N (index 0 is element 1)."""


@dataclass(frozen=True, slots=True)
class _Stream:
    """The token stream: its text, key-end position → stream position, the stream as a list
    (paragraph marks included), and stream position → token index (-1 for a mark)."""

    text: str
    ends: dict[int, int]
    marked: list[str]
    token_at: list[int]


class _TokenIndex:
    """The document's tokens with the lookups matching needs."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.tokens: Sequence[Token] = doc.tokens
        self.starts = [t.start for t in self.tokens]
        self.norms = [t.norm for t in self.tokens]

    @cached_property
    def stream(self) -> _Stream:
        """The normalized tokens as the automaton reads them, with paragraph marks between paragraphs."""
        parts: list[str] = [SEPARATOR]
        ends: dict[int, int] = {}
        marked: list[str] = []
        token_at: list[int] = []
        pos = 1
        para_ends = {p.end for p in self.doc.paragraphs}
        for i, tok in enumerate(self.tokens):
            parts.append(tok.norm)
            pos += len(tok.norm)
            ends[pos] = len(marked)
            marked.append(tok.norm)
            token_at.append(i)
            parts.append(SEPARATOR)
            pos += 1
            if tok.end in para_ends:
                parts.append(PARAGRAPH_MARK + SEPARATOR)
                pos += len(PARAGRAPH_MARK) + 1
                marked.append(PARAGRAPH_MARK)
                token_at.append(-1)
        return _Stream("".join(parts), ends, marked, token_at)

    def token_range(self, span: Span) -> tuple[int, int]:
        """Indices of the first and last token inside ``span`` (last < first when none)."""
        first = bisect.bisect_left(self.starts, span.start)
        last = bisect.bisect_left(self.starts, span.end) - 1
        return first, last


class RuleChecker:
    """The rule-file checker: yields one Finding per surviving match."""

    name = "rules"

    def __init__(
        self, compiled: CompiledRules, disabled: frozenset[str] = frozenset(), *, unconfirmed: bool = False
    ) -> None:
        self.compiled = compiled
        self.disabled = disabled | {new for old, new in self.aliases.items() if old in disabled}
        self.unconfirmed = unconfirmed
        """Also report matches whose ``near:`` words are missing, marked unconfirmed, for a judge to decide."""

    @property
    def aliases(self) -> dict[str, str]:
        """Old rule id → the id of the rule that took it over, so old ids in settings and suppressions still work."""
        return self.compiled.aliases

    @cached_property
    def regex_pass(self) -> RegexPass:
        """The regex rules' one-pass matcher (compiled on first use, never pickled)."""
        c = self.compiled
        forms = c.regex_forms or tuple(None for _ in c.regex_rules)
        return RegexPass(c.rules, c.regex_rules, c.regex_literals, forms)

    @property
    def rule_ids(self) -> Sequence[str]:
        """Every rule's id, without decoding the lazily kept rules (known rule ids)."""
        rules = self.compiled.rules
        return rules.ids if isinstance(rules, LazyRules) else tuple(r.id for r in rules)

    @property
    def categories(self) -> frozenset[str]:
        """Every rule's category, without decoding the rules (known names for ``severity`` keys)."""
        return self.compiled.categories

    def _inflect(self, word: str, surface: str) -> str:
        """``word`` inflected like ``surface``: from the compiled table, else computed."""
        found = self.compiled.inflections.get((word, surface.lower()))
        return found if found is not None else inflect_like(word, surface)

    def check(self, doc: Document) -> Iterator[Finding]:
        index = _TokenIndex(doc)
        candidates: list[Candidate] = []
        pending: list[Candidate] = []
        for cand in self._candidates(doc, index):
            try:
                verdict = self._verdict(doc, index, cand)
            except TimeoutError:
                raise RegexTimeout(self.compiled.rules[cand.rule_index], doc.path) from None
            if verdict is Context.HOLDS:
                candidates.append(cand)
            elif verdict is Context.NEAR_MISSING:
                pending.append(cand)
        kept = _resolve_overlaps(candidates, self.compiled.rules)
        for cand in kept:
            yield self._finding(doc, cand)
        if pending:
            taken = sorted((c.span.start, c.span.end) for c in kept)
            free = [c for c in pending if not _overlaps_any(c.span, taken)]
            for cand in _resolve_overlaps(free, self.compiled.rules):
                yield replace(self._finding(doc, cand), unconfirmed=True)

    # -- candidates ------------------------------------------------------

    def _candidates(self, doc: Document, index: _TokenIndex) -> Iterator[Candidate]:
        rules = self.compiled.rules
        if len(self.compiled.automaton) and index.tokens:
            stream = index.stream
            seen: set[tuple[int, int, int]] = set()
            for end_pos, hits in self.compiled.automaton.iter(stream.text):
                last = stream.ends.get(end_pos)
                if last is None:
                    continue
                for rule_index, anchor, alternative in hits:
                    rule = rules[rule_index]
                    if rule.id in self.disabled or rule.pattern is None:
                        continue
                    if anchor == WHOLE:  # the hit is a whole form: one match, its owners compiled
                        owners = self.compiled.owners[alternative]
                        yield _candidate(
                            rule_index, last - len(owners) + 1, last, owners, len(rule.pattern.elements), index
                        )
                        continue
                    for cand in _phrase_candidates(rule_index, rule.pattern, anchor, alternative, last, index):
                        key = (rule_index, cand.span.start, cand.span.end)
                        if key not in seen:
                            seen.add(key)
                            yield cand
        for hit in self.regex_pass.hits(doc.check_text, doc.paragraphs, self.disabled, doc.path):
            first, last = index.token_range(hit.span)
            yield Candidate(hit.rule_index, hit.span, first, last, hit.groups)

    # -- context ---------------------------------------------------------

    def _verdict(self, doc: Document, index: _TokenIndex, cand: Candidate) -> Context:
        rule = self.compiled.rules[cand.rule_index]
        for kind in rule.skip:
            if doc.in_region(kind, cand.span):
                return Context.FAILS
        for kind in rule.only:
            if not doc.in_region(kind, cand.span):
                return Context.FAILS
        return Context.HOLDS if rule.when.empty else _context(rule.when, doc, index, cand, self.unconfirmed)

    # -- findings --------------------------------------------------------

    def _finding(self, doc: Document, cand: Candidate) -> Finding:
        rule = self.compiled.rules[cand.rule_index]
        original = doc.text[cand.span.start : cand.span.end]

        def group(n: int) -> str:
            if n == 0:
                return original
            g = cand.groups[n - 1] if n - 1 < len(cand.groups) else None
            return doc.text[g.start : g.end] if g else ""

        initial = _opens_sentence(doc, cand.span.start)
        replacements: list[str] = []
        for template in rule.replacements_for(original):
            text = match_case(render(template, group, self._inflect), original, initial)
            if text != original and text not in replacements:
                replacements.append(text)
        return Finding(
            span=cand.span,
            text=original,
            rule_id=rule.id,
            engine="rules",
            category=rule.category,
            severity=rule.severity,
            confidence=rule.confidence,
            message=rule.message,
            replacements=tuple(replacements),
        )


def _opens_sentence(doc: Document, offset: int) -> bool:
    """True when only quotes, brackets or spaces stand between the sentence start and ``offset``."""
    sentence = doc.sentence_at(offset)
    lead = doc.check_text[sentence.start : offset] if sentence.start <= offset else "x"
    return all(not c.isalnum() for c in lead)


Owners = tuple[int, ...]
"""For each stream position of a match, the element it belongs to."""


def _phrase_candidates(
    rule_index: int, pattern: Pattern, anchor: int, alternative: int, last: int, index: _TokenIndex
) -> Iterator[Candidate]:
    """Every full match of ``pattern`` around an anchor hit ending at stream position ``last``."""
    elements = pattern.elements
    width = len(elements[anchor].alternatives[alternative])
    first = last - width + 1
    marked = index.stream.marked
    # most anchor hits fail at a neighbouring element: say so before building the generators below
    if anchor + 1 < len(elements) and not _starts_at(elements[anchor + 1], last + 1, marked):
        return
    if anchor > 0 and not _ends_at(elements[anchor - 1], first - 1, marked):
        return
    for end, after in _forward(elements, anchor + 1, last + 1, marked):
        for start, before in _backward(elements, anchor - 1, first - 1, marked):
            owners = before + (anchor,) * width + after
            yield _candidate(rule_index, start, end, owners, len(elements), index)


def _forward(elements: Sequence[Element], j: int, pos: int, marked: Sequence[str]) -> Iterator[tuple[int, Owners]]:
    """Ways to match elements j.. starting at ``pos``: (last position, owners)."""
    if j == len(elements):
        yield pos - 1, ()
        return
    for alt in elements[j].alternatives:
        n = len(alt)
        if pos + n > len(marked) or not _fits(marked, pos, alt):
            continue
        for end, rest in _forward(elements, j + 1, pos + n, marked):
            yield end, (j,) * n + rest


def _backward(elements: Sequence[Element], j: int, pos: int, marked: Sequence[str]) -> Iterator[tuple[int, Owners]]:
    """Ways to match elements ..j ending at ``pos``: (first position, owners)."""
    if j < 0:
        yield pos + 1, ()
        return
    for alt in elements[j].alternatives:
        n = len(alt)
        start = pos - n + 1
        if start < 0 or not _fits(marked, start, alt):
            continue
        for first, rest in _backward(elements, j - 1, start - 1, marked):
            yield first, rest + (j,) * n


def _starts_at(element: Element, pos: int, marked: Sequence[str]) -> bool:
    """True when some alternative of ``element`` matches the tokens from ``pos`` (as :func:`_forward` tries)."""
    return any(pos + len(alt) <= len(marked) and _fits(marked, pos, alt) for alt in element.alternatives)


def _ends_at(element: Element, pos: int, marked: Sequence[str]) -> bool:
    """True when some alternative of ``element`` matches the tokens ending at ``pos`` (as :func:`_backward` tries)."""
    return any(pos - len(alt) + 1 >= 0 and _fits(marked, pos - len(alt) + 1, alt) for alt in element.alternatives)


def _fits(marked: Sequence[str], pos: int, alt: tuple[frozenset[str], ...]) -> bool:
    """True when the tokens from ``pos`` match an alternative's choices one by one."""
    if len(alt) == 1:
        return marked[pos] in alt[0]
    return all(marked[pos + k] in choice for k, choice in enumerate(alt))


def _candidate(rule_index: int, start: int, end: int, owners: Owners, n_elements: int, index: _TokenIndex) -> Candidate:
    tokens = index.tokens
    first, last = index.stream.token_at[start], index.stream.token_at[end]
    groups: list[Span | None] = [None] * n_elements
    for offset, owner in enumerate(owners):
        tok = tokens[first + offset]
        g = groups[owner]
        groups[owner] = Span(g.start if g else tok.start, tok.end)
    return Candidate(rule_index, Span(tokens[first].start, tokens[last].end), first, last, tuple(groups))


class Context(enum.Enum):
    """What a match's context conditions say."""

    HOLDS = "holds"
    FAILS = "fails"
    NEAR_MISSING = "near-missing"
    """Every condition holds but none of the ``near:`` words is there: a judge may still confirm it."""


def _overlaps_any(span: Span, taken: Sequence[tuple[int, int]]) -> bool:
    """True when ``span`` overlaps one of the sorted, non-overlapping ``taken`` spans."""
    i = bisect.bisect_left(taken, (span.end, span.end))
    return i > 0 and taken[i - 1][1] > span.start


def _context(when: Conditions, doc: Document, index: _TokenIndex, cand: Candidate, judged: bool) -> Context:
    """The conditions' verdict; a missing ``near:`` word fails at once unless a judge will read the match."""
    near_missing = False
    if when.near or when.not_near:
        lo, hi = _window(when, doc, index, cand)
        before = index.norms[lo : cand.first_token]
        after = index.norms[cand.last_token + 1 : hi]
        text_lo = index.tokens[lo].start if lo < cand.first_token else cand.span.start
        text_hi = index.tokens[hi - 1].end if hi - 1 > cand.last_token else cand.span.end
        window_text = doc.check_text[text_lo : cand.span.start] + " \u2026 " + doc.check_text[cand.span.end : text_hi]
        around = _Around(before, after, window_text)
        near_missing = bool(when.near) and not any(around.has(t) for t in when.near)
        if near_missing and not judged:
            return Context.FAILS
        if any(around.has(t) for t in when.not_near):
            return Context.FAILS
    if when.followed_by or when.not_followed_by:
        following = doc.check_text[cand.span.end : cand.span.end + 200].lstrip()
        nxt = index.norms[cand.last_token + 1 : cand.last_token + 9]
        if when.followed_by and not any(_term_starts(t, nxt, following) for t in when.followed_by):
            return Context.FAILS
        if any(_term_starts(t, nxt, following) for t in when.not_followed_by):
            return Context.FAILS
    if when.preceded_by or when.not_preceded_by:
        preceding = doc.check_text[max(0, cand.span.start - 200) : cand.span.start].rstrip()
        prev = index.norms[max(0, cand.first_token - 8) : cand.first_token]
        if when.preceded_by and not any(_term_ends(t, prev, preceding) for t in when.preceded_by):
            return Context.FAILS
        if any(_term_ends(t, prev, preceding) for t in when.not_preceded_by):
            return Context.FAILS
    return Context.NEAR_MISSING if near_missing else Context.HOLDS


def _window(when: Conditions, doc: Document, index: _TokenIndex, cand: Candidate) -> tuple[int, int]:
    if when.window is not None:
        return max(0, cand.first_token - when.window), min(len(index.tokens), cand.last_token + 1 + when.window)
    sentence = doc.sentence_at(cand.span.start)
    end_sentence = doc.sentence_at(max(cand.span.end - 1, cand.span.start))
    lo, _ = index.token_range(Span(sentence.start, sentence.end))
    _, hi = index.token_range(Span(end_sentence.start, end_sentence.end))
    return min(lo, cand.first_token), max(hi + 1, cand.last_token + 1)


class _Around:
    """A match's context window: the words before it and after it (never across it), and its text.

    A rule can name dozens of ``near:`` words; the window's n-grams are made once per
    match and length, and each term is a set lookup, instead of a scan per term.
    """

    __slots__ = ("_grams", "after", "before", "text")

    def __init__(self, before: Sequence[str], after: Sequence[str], text: str) -> None:
        self.before = before
        self.after = after
        self.text = text
        self._grams: dict[int, set[tuple[str, ...]]] = {}

    def has(self, term: Term) -> bool:
        """True when ``term`` occurs before or after the match (a ``re:`` term: anywhere in the window's text)."""
        if term.regex is not None:
            return term.regex.search(self.text) is not None
        return any(not term.sequences.isdisjoint(self._of_length(n)) for n in term.lengths)

    def _of_length(self, n: int) -> set[tuple[str, ...]]:
        grams = self._grams.get(n)
        if grams is None:
            grams = {tuple(side[i : i + n]) for side in (self.before, self.after) for i in range(len(side) - n + 1)}
            self._grams[n] = grams
        return grams


def _term_starts(term: Term, nxt: Sequence[str], text: str) -> bool:
    if term.regex is not None:
        return term.regex.match(text) is not None
    return any(tuple(nxt[:n]) in term.sequences for n in term.lengths if n <= len(nxt))


def _term_ends(term: Term, prev: Sequence[str], text: str) -> bool:
    if term.regex is not None:
        return term.regex.search(text) is not None
    return any(tuple(prev[len(prev) - n :]) in term.sequences for n in term.lengths if n <= len(prev))


def _resolve_overlaps(candidates: list[Candidate], rules: Sequence[Rule]) -> list[Candidate]:
    """Longest match wins; then the more specific pattern; then confidence; then file order."""
    ranked = sorted(
        candidates,
        key=lambda c: (
            -len(c.span),
            -rules[c.rule_index].specificity,
            -rules[c.rule_index].confidence,
            c.rule_index,
            c.span.start,
        ),
    )
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for cand in ranked:
        i = bisect.bisect_left(taken, (cand.span.start, cand.span.start))
        clash = (i > 0 and taken[i - 1][1] > cand.span.start) or (i < len(taken) and taken[i][0] < cand.span.end)
        if clash:
            continue
        bisect.insort(taken, (cand.span.start, cand.span.end))
        chosen.append(cand)
    return sorted(chosen, key=lambda c: (c.span.start, c.span.end))
