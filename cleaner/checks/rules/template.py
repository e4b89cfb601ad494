"""Replacement templates and case preservation.

In a replacement, ``{N}`` is the text the pattern's N-th element matched
(``{0}`` the whole match), ``{N|lower}`` / ``{N|upper}`` / ``{N|title}`` the same
with its case changed, and ``{word:N}`` is ``word`` inflected like the
N-th element's match ("{reach:1} {2}" turns "concluded a deal" into
"reached a deal").  Regular-expression rules number their groups the same way.
The result takes the capitalization of the original: "Pricing talks" →
"Trade talks", "PRICING TALKS" → "TRADE TALKS".
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cleaner.checks.rules.inflection import inflect_like

_REF_RE = re.compile(r"\{(?:([^{}:|]+):)?(\d+)(?:\|(lower|upper|title))?\}")
_CASE = {"lower": str.lower, "upper": str.upper, "title": str.title}


def template_refs(template: str) -> list[int]:
    """Element numbers a template refers to."""
    return [int(m.group(2)) for m in _REF_RE.finditer(template)]


def render(template: str, group: Callable[[int], str], inflect: Callable[[str, str], str] = inflect_like) -> str:
    """Fill ``template``; ``group(n)`` returns what element ``n`` matched ('' if nothing).

    ``inflect(word, surface)`` puts ``word`` in the inflection of ``surface``; the
    matcher passes a table precomputed at compile time so matching never needs lemminflect.
    """

    def fill(m: re.Match[str]) -> str:
        text = inflected(m)
        return _CASE[m.group(3)](text) if m.group(3) else text

    def inflected(m: re.Match[str]) -> str:
        word, n = m.group(1), int(m.group(2))
        matched = group(n)
        if word is None:
            return matched
        head, _, tail = word.partition(" ")
        last = matched.split()[-1] if matched.split() else matched
        first = matched.split()[0] if matched.split() else matched
        surface = first if len(matched.split()) > 1 and tail else last
        inflected = inflect(head, surface)
        return f"{inflected} {tail}" if tail else inflected

    emptied = False

    def fill_tracking(m: re.Match[str]) -> str:
        nonlocal emptied
        text = fill(m)
        emptied = emptied or not text
        return text

    out = _REF_RE.sub(fill_tracking, template)
    return re.sub(r"  +", " ", out).strip() if emptied else out


def match_case(replacement: str, original: str, sentence_initial: bool = True) -> str:
    """Give ``replacement`` the capitalization pattern of ``original``.

    An all-caps original (a headline) makes the replacement all caps.  A capital
    first letter is carried over only when the match opens a sentence: mid-sentence
    it belongs to a proper noun ("Chinese governments" → "the Chinese government").
    """
    letters = [c for c in original if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters) and len(original.split()) > 1:
        return replacement.upper()
    if sentence_initial and original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def inflection_refs(template: str) -> list[tuple[str, int]]:
    """The ``{word:N}`` references of a template: (word to inflect, element number)."""
    return [(m.group(1).partition(" ")[0], int(m.group(2))) for m in _REF_RE.finditer(template) if m.group(1)]
