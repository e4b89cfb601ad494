"""What cleaner knows about each of its LanguageTool XML rules: phenomenon, category, severity, confidence.

LanguageTool's XML has no place for cleaner's severity or fix confidence, so
they live here, one entry per rule id of ``rules/languagetool/grammar_custom.xml``
(a test keeps the two in step).  Both come from ``scripts/pivot_eval.py`` on the round-trip TUNING pairs and the
clean news (docs/evaluation.md, "Pivot rule classes"): a rule is ``minor`` when
its findings overlap gold garble and it is silent on clean news; ``info`` when its
evidence is thin or it fires on correct English (of-chains, adjective order,
generic articles, organisation possessives), so it never fails a lint at the
default ``--fail-on minor``.  Confidence, which decides whether ``fix`` applies
the first replacement (threshold 0.8), follows the share of first replacements
that raise the line's chrF against the original: 0.9 at 95 % or more over 20+
replacements, 0.8 at 90 % or more (or 100 % on fewer than 20), lower otherwise
or without evidence.  Rules without a replacement are never applied.
"""

from __future__ import annotations

from cleaner.checks.languagetool.mapping import FALLBACK_RULE_INFO, CleanerRuleInfo
from cleaner.findings import Severity

ARTICLE = "inserted-article"
PREPOSITION = "preposition"
SUBJECT = "dropped-subject"
POSSESSIVE = "possessive"
GENITIVE = "of-genitive"
ORDER = "adjective-order"
FUNCTION_WORD = "function-word"
INVERSION = "reporting-inversion"

_MINOR = Severity.MINOR
_INFO = Severity.INFO

PIVOT_RULES: dict[str, CleanerRuleInfo] = {
    "CLEANER_PIVOT_ARTICLE_WEEKDAY": CleanerRuleInfo(ARTICLE, "grammar", _MINOR, 0.8),
    "CLEANER_PIVOT_ARTICLE_AFTER_ADJECTIVE": CleanerRuleInfo(ARTICLE, "grammar", _MINOR, 0.9),
    "CLEANER_PIVOT_ARTICLE_INSIDE_NP": CleanerRuleInfo(ARTICLE, "grammar", _MINOR, 0.8),
    "CLEANER_PIVOT_ARTICLE_GENERIC": CleanerRuleInfo(ARTICLE, "grammar", _INFO, 0.5),
    "CLEANER_PIVOT_PREP_WEEKDAY": CleanerRuleInfo(PREPOSITION, "grammar", _MINOR, 0.85),
    "CLEANER_PIVOT_PREP_DATE": CleanerRuleInfo(PREPOSITION, "grammar", _MINOR, 0.9),
    "CLEANER_PIVOT_PREP_AT_COUNTRY": CleanerRuleInfo(PREPOSITION, "grammar", _MINOR, 0.9),
    "CLEANER_PIVOT_PREP_ON_OCCASION": CleanerRuleInfo(PREPOSITION, "grammar", _MINOR, 0.8),
    "CLEANER_PIVOT_PREP_NOUN_AT": CleanerRuleInfo(PREPOSITION, "grammar", _MINOR, 0.8),
    "CLEANER_PIVOT_PREP_FROM_TO": CleanerRuleInfo(PREPOSITION, "grammar", _MINOR, 0.7),
    "CLEANER_PIVOT_PREP_MOTION_AT": CleanerRuleInfo(PREPOSITION, "grammar", _MINOR, 0.8),
    "CLEANER_PIVOT_PREP_BASED": CleanerRuleInfo(PREPOSITION, "grammar", _MINOR, 0.8),
    "CLEANER_PIVOT_SUBJECT_DROP_REPORTED": CleanerRuleInfo(SUBJECT, "grammar", _MINOR, 0.4),
    "CLEANER_PIVOT_SUBJECT_DROP_CONJUNCTION": CleanerRuleInfo(SUBJECT, "grammar", _MINOR, 0.4),
    "CLEANER_PIVOT_SUBJECT_DROP_RELATIVE": CleanerRuleInfo(SUBJECT, "grammar", _MINOR, 0.4),
    "CLEANER_PIVOT_SUBJECT_DROP_AFTER_INTRO": CleanerRuleInfo(SUBJECT, "grammar", _MINOR, 0.4),
    "CLEANER_PIVOT_POSSESSIVE_PLURAL": CleanerRuleInfo(POSSESSIVE, "agreement", _MINOR, 0.7),
    "CLEANER_PIVOT_POSSESSIVE_ORGANISATION": CleanerRuleInfo(POSSESSIVE, "agreement", _INFO, 0.6),
    "CLEANER_PIVOT_POSSESSIVE_IMPERSONAL": CleanerRuleInfo(POSSESSIVE, "agreement", _MINOR, 0.8),
    "CLEANER_PIVOT_OF_BARE_NOUN": CleanerRuleInfo(GENITIVE, "calque", _MINOR, 0.8),
    "CLEANER_PIVOT_OF_CHAIN": CleanerRuleInfo(GENITIVE, "calque", _INFO, 0.3),
    "CLEANER_PIVOT_ADJECTIVE_AFTER_NOUN": CleanerRuleInfo(ORDER, "calque", _INFO, 0.4),
    "CLEANER_PIVOT_THAN_THAT": CleanerRuleInfo(FUNCTION_WORD, "grammar", _MINOR, 0.9),
    "CLEANER_PIVOT_NEITHER_NEITHER": CleanerRuleInfo(FUNCTION_WORD, "grammar", _MINOR, 0.8),
    "CLEANER_PIVOT_NO_ONLY": CleanerRuleInfo(FUNCTION_WORD, "grammar", _MINOR, 0.85),
    "CLEANER_PIVOT_DOUBLE_DETERMINER": CleanerRuleInfo(FUNCTION_WORD, "grammar", _MINOR, 0.6),
    "CLEANER_PIVOT_REPORTING_INVERSION": CleanerRuleInfo(INVERSION, "calque", _MINOR, 0.6),
}


def rule_info(rule_id: str) -> CleanerRuleInfo:
    """The table entry of ``rule_id`` (the fallback keeps a lint going if the table lags the XML)."""
    return PIVOT_RULES.get(rule_id, FALLBACK_RULE_INFO)
