"""Mined candidates as cleaner rule YAML, ready for a person to review, edit and move into rules/."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import yaml

from cleaner.document import NUMBER_NORM, Kind, tokenize
from cleaner.mining.miner import Candidate

PIVOT_CODES = {"spa": "es", "cat": "ca", "fra": "fr", "por": "pt", "ita": "it", "deu": "de"}
PIVOT_NAMES = {"es": "Spanish", "ca": "Catalan", "fr": "French", "pt": "Portuguese", "it": "Italian", "de": "German"}
KIND_CATEGORY = {
    "inserted": "mt-artifact",
    "dropped": "mt-artifact",
    "order": "grammar",
    "function word": "grammar",
    "word": "mistranslation",
    "phrase": "calque",
}
_SLUG = re.compile(r"[^A-Z0-9]+")


def pattern_source(candidate: Candidate) -> str:
    """The match pattern: exact words (no inflections), `$num` for numbers, the family slot as alternatives."""
    elements: list[str] = []
    for form in candidate.garbled:
        if form == "*":
            elements.append("{" + "|".join(_exact(word) for word in candidate.alternatives) + "}")
        elif form == NUMBER_NORM:
            elements.append("$num")
        else:
            elements.append(_exact(form))
    return " ".join(elements)


def _exact(form: str) -> str:
    tokens = tokenize(form)
    return f"={form}" if len(tokens) == 1 and tokens[0].kind is Kind.WORD else form


def replacement_template(candidate: Candidate) -> str:
    """The replacement with numbers and the family slot carried over from the match as `{N}`."""
    number_elements = [i + 1 for i, form in enumerate(candidate.garbled) if form == NUMBER_NORM]
    text = candidate.replacement
    out: list[str] = []
    last = 0
    numbers = iter(number_elements)
    for token in tokenize(text):
        if token.norm == NUMBER_NORM:
            out.append(text[last : token.start] + f"{{{next(numbers)}}}")
            last = token.end
    out.append(text[last:])
    return "".join(out).replace("\x00", f"{{{candidate.slot + 1}}}")


def pivot_codes(candidate: Candidate) -> list[str]:
    """Pivots that account for at least a fifth of the right applications, most frequent first."""
    total = sum(candidate.pivots.values()) or 1
    codes = [PIVOT_CODES.get(p, p) for p, n in candidate.pivots.most_common() if n / total >= 0.2]
    return [c for c in codes if re.fullmatch(r"[a-z]{2,3}", c)]


def rule_id(candidate: Candidate, prefix: str, taken: set[str]) -> str:
    pivots = pivot_codes(candidate)
    head = (pivots[0] if pivots else "rt").upper()
    words = [w for w in candidate.garbled if w not in {"*", NUMBER_NORM}] or ["num"]
    slug = _SLUG.sub("_", " ".join(words).upper()).strip("_")[:40].strip("_") or "PUNCT"
    base = f"{prefix}_{head}_{slug}"
    rid, n = base, 2
    while rid in taken:
        rid, n = f"{base}_{n}", n + 1
    taken.add(rid)
    return rid


def candidate_rule(candidate: Candidate, rid: str, provenance: str) -> dict[str, Any]:
    """One rule mapping; its note says where it came from and how well it did."""
    pivots = pivot_codes(candidate)
    languages = " and ".join(PIVOT_NAMES.get(p, p) for p in pivots) or "another language"
    shown = candidate.match_surface
    wanted = re.sub(r"\{\d+\}", "…", replacement_template(candidate))
    rule: dict[str, Any] = {
        "id": rid,
        "match": pattern_source(candidate),
        "replace": replacement_template(candidate),
        "message": (
            f"Round trip through {languages}: '{shown}' is how machine translation brings back "
            f"'{wanted}' ({candidate.kind} garble)."
        ),
        "category": KIND_CATEGORY[candidate.kind],
        "severity": "minor",
        "confidence": round(candidate.confidence, 2),
        "pivots": pivots,
        "note": (
            f"{provenance}: {candidate.right} of {candidate.applications} occurrences restore the original "
            f"(precision {candidate.precision:.2f}, Wilson lower bound {candidate.confidence:.2f}), "
            f"{candidate.documents} documents, {candidate.in_gold} in gold spans; "
            f"{candidate.clean_per_1000:.2f} per 1,000 words of clean text."
        ),
        "examples": [{"bad": bad, "good": good} for bad, good in candidate.examples],
    }
    return rule


def candidates_yaml(candidates: Sequence[Candidate], provenance: str, prefix: str = "MINED") -> str:
    """A rule file of candidates, best first, with a header that says how to review it."""
    taken: set[str] = set()
    rules = [candidate_rule(c, rule_id(c, prefix, taken), provenance) for c in candidates if c.examples]
    document = {
        "domain": "mined-candidates",
        "description": (
            "Candidate rules mined from round-trip pairs, ranked by right minus wrong applications. Review each: "
            "keep systematic garbles that generalise across topics, drop names of one article and harmless "
            "variants, then move the kept rules into a rules/ file."
        ),
        "rules": rules,
    }
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=120)
