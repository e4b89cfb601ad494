"""The phrase pattern language of rule files.

A pattern is a sequence of *elements*, separated by spaces:

``word``         a literal word; also matches its inflections (talk, talks, talked)
``=word``        a literal word, exactly (no inflections)
``{a|b c|}``     one of several alternatives (each may be several words, or empty)
``[a b|c]``      optional words (same as ``{a b|c|}``)
``$name``        a word class from a rule file's ``classes`` (e.g. ``$nationality``),
                 or ``$num``, any number ("145", "1,200", "3.5")

Punctuation inside a literal ("145%", "U.S.") becomes tokens of its own.
Elements are numbered from 1 in the order written; replacements refer to
what an element matched with ``{N}`` (see :mod:`cleaner.checks.rules.template`).
Matching compares normalized tokens (case-folded, straight quotes), so a
pattern is written once and finds every typographic variant.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cleaner.checks.rules.inflection import inflections
from cleaner.document import NUMBER_NORM, Kind, tokenize

TokenChoice = frozenset[str]
"""The normalized forms one token position accepts."""

MAX_EXPANSIONS = 20000
"""Limit on the phrases one context term may stand for (terms are expanded; patterns are anchored)."""

COMMON_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "for",
        "and",
        "or",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "with",
        "by",
        "at",
        "that",
        "this",
        "it",
        "its",
        "his",
        "her",
        "their",
        "our",
        "as",
        "from",
        "has",
        "have",
        "had",
        "not",
        "no",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "but",
        "so",
        "if",
        "than",
        "then",
        "there",
        "which",
        "who",
    ]
)


class PatternError(ValueError):
    """A pattern that cannot be parsed or expands too far."""


@dataclass(frozen=True, slots=True)
class Element:
    """One numbered element: its alternatives, each a sequence of token choices."""

    alternatives: tuple[tuple[TokenChoice, ...], ...]
    literal_weight: int
    """How specific the element is: literal tokens count 2, classes 1 (for overlap ties)."""

    @property
    def required(self) -> bool:
        """True when every alternative has at least one token (the element can anchor a match)."""
        return all(self.alternatives)

    def sequences(self) -> list[tuple[tuple[str, ...], int]]:
        """Every concrete token sequence of this element, with the index of its alternative."""
        return [(combo, i) for i, alt in enumerate(self.alternatives) for combo in itertools.product(*alt)]


@dataclass(frozen=True, slots=True)
class Pattern:
    """A parsed phrase pattern."""

    source: str
    elements: tuple[Element, ...]

    @property
    def specificity(self) -> int:
        return sum(e.literal_weight for e in self.elements)

    def anchor(self) -> int:
        """The element to index in the automaton: required, rare and cheap to expand.

        Matching finds this element through the automaton and checks the others
        around it, so only this element's forms become automaton keys.  Elements
        made only of very common words ("the", "of") would be found everywhere;
        elements with many expansions would bloat the automaton.
        """
        best, best_score = -1, (-1, 0, 0)
        for i, el in enumerate(self.elements):
            if not el.required:
                continue
            forms = [f for alt in el.alternatives for choice in alt for f in choice]
            rare = sum(1 for f in forms if f not in COMMON_WORDS and f != NUMBER_NORM)
            size = len(el.sequences())
            score = (1 if rare == len(forms) else 0, -size if size > 64 else 0, min(len(f) for f in forms))
            if score > best_score:
                best, best_score = i, score
        if best < 0:
            raise PatternError("pattern needs at least one element that is not optional")
        return best

    def expand(self) -> list[tuple[tuple[str, ...], tuple[int, ...]]]:
        """Every concrete token sequence, with the element index (0-based) of each token."""
        per_element: list[list[tuple[tuple[str, ...], tuple[int, ...]]]] = []
        for idx, el in enumerate(self.elements):
            options: list[tuple[tuple[str, ...], tuple[int, ...]]] = []
            for alt in el.alternatives:
                for combo in itertools.product(*alt):
                    options.append((tuple(combo), (idx,) * len(combo)))
            per_element.append(options)
        total = 1
        for opts in per_element:
            total *= max(len(opts), 1)
            if total > MAX_EXPANSIONS:
                raise PatternError(f"pattern {self.source!r} expands to more than {MAX_EXPANSIONS} phrases")
        out: list[tuple[tuple[str, ...], tuple[int, ...]]] = []
        for parts in itertools.product(*per_element):
            seq = tuple(t for p in parts for t in p[0])
            owners = tuple(o for p in parts for o in p[1])
            if seq:
                out.append((seq, owners))
        return out


_CLASS_RE = re.compile(r"\$([a-z_][a-z0-9_]*)(.*)$")
_GROUP_RE = re.compile(r"\{[^{}]*\}|\[[^\[\]]*\]|\S+")


def parse_pattern(source: str, classes: Mapping[str, Sequence[str]]) -> Pattern:
    """Parse ``source``; ``classes`` maps class names (without ``$``) to their phrases."""
    if not source.strip():
        raise PatternError("empty pattern")
    _check_brackets(source)
    elements: list[Element] = []
    for m in _GROUP_RE.finditer(source):
        chunk = m.group()
        if chunk.startswith("{"):
            alts = [a.strip() for a in chunk[1:-1].split("|")]
            elements.append(_group(alts, classes, source))
        elif chunk.startswith("["):
            alts = [a.strip() for a in chunk[1:-1].split("|")]
            elements.append(_group([*alts, ""], classes, source))
        else:
            elements.extend(_atoms(chunk, classes, source))
    if all(all(len(a) == 0 for a in e.alternatives) for e in elements):
        raise PatternError("pattern matches nothing")
    return Pattern(source, tuple(elements))


def _check_brackets(source: str) -> None:
    depth = 0
    for ch in source:
        if ch in "{[":
            depth += 1
            if depth > 1:
                raise PatternError("nested brackets are not supported")
        elif ch in "}]":
            depth -= 1
            if depth < 0:
                raise PatternError("unbalanced brackets")
    if depth:
        raise PatternError("unbalanced brackets")


def _group(alts: list[str], classes: Mapping[str, Sequence[str]], source: str) -> Element:
    alternatives: list[tuple[TokenChoice, ...]] = []
    weight = 0
    for alt in alts:
        if not alt:
            alternatives.append(())
            continue
        seq: list[TokenChoice] = []
        for word in alt.split():
            for el in _atoms(word, classes, source):
                if len(el.alternatives) == 1:
                    seq.extend(el.alternatives[0])
                else:
                    raise PatternError(f"a class inside {{...}} must stand alone: {alt!r}")
                weight = max(weight, el.literal_weight)
        alternatives.append(tuple(seq))
    return Element(tuple(alternatives), weight)


def _atoms(chunk: str, classes: Mapping[str, Sequence[str]], source: str) -> list[Element]:
    m = _CLASS_RE.match(chunk)
    if m:
        name, rest = m.group(1), m.group(2)
        if name == "num":
            head = Element(((frozenset({NUMBER_NORM}),),), 1)
        elif name in classes:
            alts = tuple(tuple(frozenset({t.norm}) for t in tokenize(phrase)) for phrase in classes[name])
            head = Element(alts, 1)
        else:
            raise PatternError(f"unknown word class ${name}")
        return [head] + (_atoms(rest, classes, source) if rest else [])
    exact = chunk.startswith("=")
    word = chunk[1:] if exact else chunk
    out: list[Element] = []
    for tok in tokenize(word):
        choice = inflections(tok.norm) if tok.kind is Kind.WORD and not exact else frozenset({tok.norm})
        out.append(Element(((choice,),), 2))
    if not out:
        raise PatternError(f"nothing to match in {chunk!r}")
    return out
