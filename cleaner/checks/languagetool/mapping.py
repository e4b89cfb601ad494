"""From LanguageTool's answer to cleaner's Finding: offsets, categories, severity, confidence.

LanguageTool counts offsets in UTF-16 code units; cleaner counts Python code
points.  language_tool_python 3.4.0 converts a match's start but not its
length (and keeps the conversion table in class attributes shared by all
threads), so we rebuild both ends here from the UTF-16 values, as pure
functions of the checked text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from cleaner.document import Span
from cleaner.findings import Finding, Severity

MAX_REPLACEMENTS = 5


@dataclass(frozen=True, slots=True)
class LTMatch:
    """One LanguageTool match, offsets in code points of the text that was checked."""

    rule_id: str
    category: str
    issue_type: str
    message: str
    start: int
    end: int
    replacements: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (the result cache stores these)."""
        data = asdict(self)
        data["replacements"] = list(self.replacements)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LTMatch:
        """The inverse of :meth:`to_json`."""
        return cls(
            rule_id=str(data["rule_id"]),
            category=str(data["category"]),
            issue_type=str(data["issue_type"]),
            message=str(data["message"]),
            start=int(data["start"]),
            end=int(data["end"]),
            replacements=tuple(str(r) for r in data["replacements"]),
        )


# -- offsets ---------------------------------------------------------------


def astral_positions(text: str) -> list[int]:
    """Code-point indices of characters outside the BMP (two UTF-16 units each)."""
    return [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]


def utf16_to_index(text: str, unit: int, astral: Sequence[int] | None = None) -> int:
    """The code-point index of UTF-16 offset ``unit`` in ``text``."""
    astral = astral_positions(text) if astral is None else astral
    # Each astral character before the index adds one extra unit: find i with i + #astral<i == unit.
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi) // 2
        if mid + bisect_right(astral, mid - 1) < unit:
            lo = mid + 1
        else:
            hi = mid
    return lo


def index_to_utf16(text: str, index: int, astral: Sequence[int] | None = None) -> int:
    """The UTF-16 offset of code-point ``index`` in ``text``."""
    astral = astral_positions(text) if astral is None else astral
    return index + bisect_right(astral, index - 1)


def from_raw(raw: Mapping[str, Any], text: str, astral: Sequence[int] | None = None) -> LTMatch:
    """An LTMatch from one entry of LanguageTool's JSON ``matches`` (UTF-16 offsets)."""
    astral = astral_positions(text) if astral is None else astral
    start16 = int(raw["offset"])
    start = utf16_to_index(text, start16, astral)
    end = utf16_to_index(text, start16 + int(raw["length"]), astral)
    rule = raw["rule"]
    return LTMatch(
        rule_id=str(rule["id"]),
        category=str(rule["category"]["id"]),
        issue_type=str(rule.get("issueType", "uncategorized")),
        message=str(raw["message"]),
        start=start,
        end=end,
        replacements=tuple(str(r["value"]) for r in raw.get("replacements", ())[:MAX_REPLACEMENTS]),
    )


def from_library(match: Any, text: str, astral: Sequence[int] | None = None) -> LTMatch:
    """An LTMatch from a ``language_tool_python.Match``.

    The library already moved ``offset`` to code points (using ``text``); its
    ``error_length`` is still in UTF-16 units, so the end is recomputed.
    """
    astral = astral_positions(text) if astral is None else astral
    start = int(match.offset)
    end16 = index_to_utf16(text, start, astral) + int(match.error_length)
    return LTMatch(
        rule_id=str(match.rule_id),
        category=str(match.category),
        issue_type=str(match.rule_issue_type),
        message=str(match.message),
        start=start,
        end=utf16_to_index(text, end16, astral),
        replacements=tuple(str(r) for r in match.replacements[:MAX_REPLACEMENTS]),
    )


# -- categories, severity, confidence -------------------------------------------

_AGREEMENT = re.compile(r"AGR|AGREEMENT|NNS|PLURAL|SINGULAR|BASE_FORM|_VBZ|_VBP|THERE_S_MANY")

_CATEGORY = {
    "GRAMMAR": "grammar",
    "TYPOS": "spelling",
    "MULTITOKEN_SPELLING": "spelling",
    "CASING": "casing",
    "PROPER_NOUNS": "name",
    "PUNCTUATION": "punctuation",
    "TYPOGRAPHY": "punctuation",
    "COMPOUNDING": "spelling",
    "CONFUSED_WORDS": "terminology",
    "COLLOCATIONS": "idiom",
    "SEMANTICS": "mistranslation",
    "STYLE": "style",
    "REDUNDANCY": "style",
    "PLAIN_ENGLISH": "style",
    "REPETITIONS_STYLE": "style",
    "REPETITIONS": "mt-artifact",
    "NONSTANDARD_PHRASES": "idiom",
    "AMERICAN_ENGLISH_STYLE": "style",
    "BRITISH_ENGLISH": "style",
}

_ISSUE_SEVERITY = {
    "grammar": Severity.MINOR,
    "misspelling": Severity.MINOR,
    "duplication": Severity.MINOR,
    "inconsistency": Severity.MINOR,
    "typographical": Severity.INFO,
    "whitespace": Severity.INFO,
    "style": Severity.INFO,
    "register": Severity.INFO,
    "locale-violation": Severity.INFO,
    "uncategorized": Severity.INFO,
}

_ISSUE_CONFIDENCE = {
    "duplication": 0.85,
    "whitespace": 0.85,
    "grammar": 0.7,
    "misspelling": 0.6,
    "inconsistency": 0.6,
    "typographical": 0.6,
    "uncategorized": 0.5,
    "style": 0.4,
    "register": 0.4,
    "locale-violation": 0.4,
}


def category_names() -> frozenset[str]:
    """Every category :func:`category_of` can give (what ``severity`` and ``disable-categories`` match)."""
    return frozenset({*_CATEGORY.values(), "agreement", "mt-artifact", "grammar", "style"})


def category_of(match: LTMatch) -> str:
    """cleaner's category for a LanguageTool match (doubled words are MT artefacts)."""
    if match.issue_type == "duplication":
        return "mt-artifact"
    if match.category == "GRAMMAR" and _AGREEMENT.search(match.rule_id):
        return "agreement"
    return _CATEGORY.get(match.category, "grammar" if match.issue_type == "grammar" else "style")


def severity_of(match: LTMatch) -> Severity:
    """Severity from LanguageTool's issue type; grammar-category rules count as minor at least."""
    severity = _ISSUE_SEVERITY.get(match.issue_type, Severity.INFO)
    if match.category == "GRAMMAR" and severity is Severity.INFO:
        return Severity.MINOR
    return severity


def confidence_of(match: LTMatch) -> float:
    """How sure we are the first replacement is right: by issue type, less when LT is unsure."""
    confidence = _ISSUE_CONFIDENCE.get(match.issue_type, 0.5)
    if not match.replacements:
        return min(confidence, 0.5)
    if len(match.replacements) > 1:
        confidence -= 0.1
    return round(confidence, 2)


def to_finding(match: LTMatch, base: int, text: str) -> Finding:
    """The Finding for ``match`` found in a paragraph starting at ``base`` of the document ``text``."""
    span = Span(base + match.start, base + match.end)
    return Finding(
        span=span,
        text=span.slice(text),
        rule_id=match.rule_id,
        engine="languagetool",
        category=category_of(match),
        severity=severity_of(match),
        confidence=confidence_of(match),
        message=match.message,
        replacements=match.replacements,
    )


# -- cleaner's own XML rules (rules/languagetool/grammar_custom.xml) ----------------


@dataclass(frozen=True, slots=True)
class CleanerRuleInfo:
    """What cleaner says about one of its XML rules: the pivot phenomenon and how much to trust it."""

    phenomenon: str
    category: str
    severity: Severity
    confidence: float


FALLBACK_RULE_INFO = CleanerRuleInfo("pivot", "grammar", Severity.INFO, 0.3)
"""For an XML rule missing from the table (the table test forbids it; this keeps a lint running)."""


def to_cleaner_finding(match: LTMatch, base: int, text: str, info: CleanerRuleInfo) -> Finding:
    """The Finding of a cleaner XML rule: engine ``rules``, with cleaner's category, severity, confidence."""
    span = Span(base + match.start, base + match.end)
    return Finding(
        span=span,
        text=span.slice(text),
        rule_id=match.rule_id,
        engine="rules",
        category=info.category,
        severity=info.severity,
        confidence=info.confidence if match.replacements else min(info.confidence, 0.5),
        message=match.message,
        replacements=match.replacements,
    )
