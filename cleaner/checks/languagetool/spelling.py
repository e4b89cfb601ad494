"""How much a LanguageTool spelling match on a lower-case word is worth: drop, a note, or a failing finding.

Measured with ``scripts/lt_rule_table.py`` (table in docs/languagetool-rules.md)
on 83,346 words of clean English (the 48 clean news articles and the
originals of the round-trip tuning pairs) against 285,063 words of garble
(the tuning pairs' garbled side and the MQM quick slice), after the name and
British-spelling filters of :mod:`cleaner.checks.languagetool.selection`:

- words of at most three letters ("nd", "qr", "koe", "ji") are abbreviations,
  handles and foreign particles: 17 false alarms on clean text against 8 hits
  in garble, so they are dropped;
- a word LanguageTool has **no suggestion** for, or one with a non-ASCII
  letter, is a glued or untranslated pivot word ("niñosde10meses",
  "aixecar"): 209 hits in garble against 2 false alarms - a failing finding;
- every other unknown lower-case word is as likely a rare real word of the
  news ("wilaya", "frontlines", "keyworker", "duking") as a garble (46 false
  alarms on clean text, 226 hits and 58 misses in garble): it is reported, as
  ``info``, so it never fails clean news on its own (the clean articles had 19
  such flags in 17,811 words, about one per 1,000 words).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from enum import Enum

from cleaner.findings import Finding, Severity

SPELLING_RULE_PREFIX = "MORFOLOGIK_RULE_"
MAX_DROPPED_LENGTH = 3


class Verdict(Enum):
    DROP = "drop"
    NOTE = "note"
    KEEP = "keep"


def spelling_verdict(word: str, replacements: Sequence[str]) -> Verdict:
    """What to do with a spelling match on ``word`` that survived the name and British filters."""
    letters = sum(c.isalpha() for c in word)
    if letters <= MAX_DROPPED_LENGTH:
        return Verdict.DROP
    if not replacements or any(ord(c) > 127 and c.isalpha() for c in word):
        return Verdict.KEEP
    return Verdict.NOTE


def is_spelling(rule_id: str) -> bool:
    return rule_id.startswith(SPELLING_RULE_PREFIX)


def graded(finding: Finding) -> Finding | None:
    """``finding`` as the spelling verdict grades it (None: dropped); other rules' findings unchanged."""
    if not is_spelling(finding.rule_id):
        return finding
    verdict = spelling_verdict(finding.text, finding.replacements)
    if verdict is Verdict.DROP:
        return None
    if verdict is Verdict.NOTE and finding.severity is not Severity.INFO:
        return replace(finding, severity=Severity.INFO)
    return finding
