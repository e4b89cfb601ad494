"""Which LanguageTool rules suit news text: the curated defaults and our own filters.

Decided from what LanguageTool 6.8 (en-US, all default rules) flags on the 48
clean English news articles in ``../shared/data/clean`` (17,811 words; every
flag there is a false alarm unless the original has a real error) and on the
quick MQM subset of Chinese→English MT (4,144 segments), where "precision" is
the share of flags overlapping a target error span.  The counts are in
docs/languagetool.md; the short version:

- Spelling (``MORFOLOGIK_RULE_EN_US``) fired 329 times on clean news, nearly
  all on proper names (Kilcher, Pogba, KCNA) and British spellings (programme,
  travellers, offences).  Lower-case misspellings in MT are real garble
  ("delayeddelayed", "ccording", "staller"), so the rule stays on and we drop
  matches on capitalised words and on British forms of a suggested American word.
- Unpaired quotes fired 30 times on clean news: quotations run across
  sentence-per-line segments and paragraphs.
- Compound-sentence commas, introductory commas, "per cent", Covid-19 casing,
  en dashes in scores, attributive plurals ("events industry") are house style.
- Diacritics and multi-token spellings of names (Dembele → Dembélé) are
  romanisation choices, not errors.
- Redundancy ("so as to", 33 flags on MT at 3 % precision), compounding
  (15 on MT at 0 %) and repetition-style rules do not find translation garble.

The second half of the lists comes from ``cleaner eval`` on the whole development
set (1,240 MT articles, LanguageTool with all its default rules; docs/rule-stats.md):
a rule is switched off when it fires on clean news and never overlaps an annotated
error on MT, or fires several times on MT with (nearly) no overlap.  Spelling on
capitalised words stays filtered: on MT those flags overlap a target error 33 % of
the time, barely above the 27 % of an arbitrary word, and they are 240 of the
329 flags on clean news.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from cleaner.checks.languagetool.measured_selection import MEASURED_OFF, MEASURED_ON

HAND_PICKED_DISABLED: frozenset[str] = frozenset(
    {
        "EN_UNPAIRED_QUOTES",
        "COMMA_COMPOUND_SENTENCE",
        "COMMA_COMPOUND_SENTENCE_2",
        "MISSING_COMMA_AFTER_INTRODUCTORY_PHRASE",
        "PER_CENT",
        "HYPHEN_TO_EN",
        "POSSESSIVE_APOSTROPHE",
        "EN_DIACRITICS_REPLACE_*",
        # Measured with `cleaner eval` on all 1,240 MQM articles and the clean news
        # (docs/rule-stats.md): false alarms on clean news and no annotated error on MT ...
        "COVID_19",
        "SENTENCE_WHITESPACE",
        "HE_VERB_AGR",
        "IN_TO_VBD",
        "HOLDER_COMPOUNDS",
        "THESE_ONES",
        "DOS_AND_DONTS",
        "VERB_APOSTROPHE_S",  # the same "do's and don'ts" once DOS_AND_DONTS is off
        "EN_COMPOUNDS_BI_POLAR",
        "EN_COMPOUNDS_BRAIN_DEAD",
        "EN_COMPOUNDS_HARD_LINERS",
        "EN_COMPOUNDS_NO_BRAINER",
        "EN_COMPOUNDS_RISK_AVERSE",
        "EN_COMPOUNDS_SELF_ISOLATE",
        # ... or several flags on MT of which (nearly) none overlaps an annotated error.
        "COMMA_COMPOUND_SENTENCE_3",
        "STARS_AND_STEPS",
        "PRP_MD_NN",
        "EN_COMPOUNDS_MACRO_ECONOMY",
        "EN_COMPOUNDS_MULTI_CHANNEL",
        "EN_COMPOUNDS_MULTI_DIMENSIONAL",
        "EN_COMPOUNDS_MULTI_DISCIPLINARY",
        "EN_COMPOUNDS_MULTI_MODE",
        "EN_COMPOUNDS_WELL_PRESERVED",
        "EN_COMPOUNDS_WHEAT_GRASS",
        # Hyphenated compound modifiers ("five-year", "five-mile") are house style, not
        # machine-translation garble; once MISSING_HYPHEN is off (measured) these two take its
        # place on clean news (2 of its remaining failing flags, docs/evaluation.md).
        "YEAR_HYPHEN",
        "MILE_HYPHEN",
        # A word twice in a row is the rule engine's MT_DOUBLED_WORD, whose confidence is measured
        # on the tuning pairs; LanguageTool's own repeat rule also flags names ("Saba Saba").
        "ENGLISH_WORD_REPEAT_RULE",
    }
)

DEFAULT_DISABLED_RULES: frozenset[str] = (HAND_PICKED_DISABLED | MEASURED_OFF) - MEASURED_ON
"""The hand-picked list above, corrected by the per-rule measurement of measured_selection.py."""

DEFAULT_DISABLED_CATEGORIES: frozenset[str] = frozenset(
    {
        "COMPOUNDING",
        "REDUNDANCY",
        "MULTITOKEN_SPELLING",
        "PROPER_NOUNS",
        "REPETITIONS_STYLE",
        "AMERICAN_ENGLISH_STYLE",  # 15 flags on MT ("missing" comma after a year), none annotated
        "STYLE",  # no flag on MT; its one flag on clean news is a false alarm
    }
)

SPELLING_RULE_PREFIX = "MORFOLOGIK_RULE_"

CUSTOM_CATEGORY = "CLEANER_PIVOT"
"""The category of cleaner's own XML rules (custom_rules.py): off unless a checker enables it by name."""

# British → American spelling patterns, applied to a lower-cased word: each one alone,
# and the combinable ones all together (manoeuvres → maneuvers needs two).
_COMBINABLE = (
    (re.compile(r"our(s|ed|ing|ite|ites|able|er|ers)?$"), r"or\1"),
    (re.compile(r"our"), "or"),
    (re.compile(r"is(e|ed|es|er|ers|ing|ation|ations)$"), r"iz\1"),
    (re.compile(r"ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"ence(s?)$"), r"ense\1"),
    (re.compile(r"ll(ed|er|ers|ing)$"), r"l\1"),
    (re.compile(r"mme(s?)$"), r"m\1"),
    (re.compile(r"([^aeiou])re(s|d)?$"), r"\1er\2"),  # centre, manoeuvre, fibre
    (re.compile(r"ogue(s?)$"), r"og\1"),
    (re.compile(r"oe"), "e"),
    (re.compile(r"ae"), "e"),
    (re.compile(r"ogh"), "og"),
)
_ALONE = (
    (re.compile(r"([^l])l(s|ment|ments)?$"), r"\1ll\2"),  # enrol → enroll, fulfilment → fulfillment
    (re.compile(r"^sc"), "sk"),  # sceptical → skeptical
    (re.compile(r"ise$"), "ice"),  # practise → practice
)


def american_candidates(word: str) -> set[str]:
    """American spellings a British ``word`` might correspond to."""
    low = word.lower()
    out = {pattern.sub(repl, low, count=1) for pattern, repl in (*_COMBINABLE, *_ALONE)}
    combined = low
    for pattern, repl in _COMBINABLE:
        combined = pattern.sub(repl, combined, count=1)
    out.add(combined)
    out.discard(low)
    return out


def is_british_spelling(word: str, replacements: Iterable[str]) -> bool:
    """True when LanguageTool suggests the American form of ``word`` (programme → program)."""
    suggested = {r.lower() for r in replacements}
    return bool(american_candidates(word) & suggested)


def is_name_like(word: str) -> bool:
    """True for capitalised or all-caps words: in news these are mostly names and acronyms."""
    return word[:1].isupper()


def keep_match(
    rule_id: str,
    matched: str,
    replacements: Iterable[str],
    prefixes: Iterable[str] = (),
    *,
    skip_names: bool = True,
    skip_british: bool = True,
    accepted: Callable[[str], bool] | None = None,
) -> bool:
    """Whether a LanguageTool match survives our side of the selection.

    ``prefixes`` are disabled rule-id prefixes (LanguageTool only takes exact
    ids); the spelling filters apply to the ``MORFOLOGIK_RULE_*`` rules only,
    and ``accepted`` (the configuration's accepted terms) is one of them.
    """
    if any(rule_id.startswith(p) for p in prefixes):
        return False
    if rule_id.startswith(SPELLING_RULE_PREFIX):
        if accepted is not None and accepted(matched):
            return False
        if skip_names and is_name_like(matched):
            return False
        if skip_british and is_british_spelling(matched, replacements):
            return False
    return True
