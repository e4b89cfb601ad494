"""Spelling matches graded by measured worth: short words dropped, pivot leftovers failing, the rest notes."""

from __future__ import annotations

import pytest

from cleaner.checks.languagetool.spelling import Verdict, graded, spelling_verdict
from cleaner.document.spans import Span
from cleaner.findings import Finding, Severity


@pytest.mark.parametrize(
    ("word", "replacements", "verdict"),
    [
        ("nd", ["ND", "and"], Verdict.DROP),
        ("qr", ["QR", "or"], Verdict.DROP),
        ("niñosde10meses", [], Verdict.KEEP),  # glued pivot words: no suggestion
        ("aixecar", [], Verdict.KEEP),
        ("apropià", ["apropiate"], Verdict.KEEP),  # a non-ASCII letter: left in the pivot language
        ("wilaya", ["Malaya", "Wiley"], Verdict.NOTE),  # a rare real word of the news
        ("goverment", ["government"], Verdict.NOTE),
    ],
)
def test_verdicts(word: str, replacements: list[str], verdict: Verdict) -> None:
    assert spelling_verdict(word, replacements) is verdict


def _finding(rule: str, text: str, *replacements: str) -> Finding:
    return Finding(Span(0, len(text)), text, rule, "languagetool", "spelling", Severity.MINOR, 0.5, "m", replacements)


def test_graded_findings() -> None:
    assert graded(_finding("MORFOLOGIK_RULE_EN_US", "nd", "and")) is None
    note = graded(_finding("MORFOLOGIK_RULE_EN_US", "wilaya", "Malaya"))
    assert note is not None and note.severity is Severity.INFO
    kept = graded(_finding("MORFOLOGIK_RULE_EN_US", "aixecar"))
    assert kept is not None and kept.severity is Severity.MINOR
    other = _finding("HE_VERB_AGR", "go", "goes")
    assert graded(other) is other
