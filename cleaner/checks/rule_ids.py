"""The rule ids a run knows: one set for every warning about ids nothing reports.

The same :class:`cleaner.findings.KnownIds` serves ``--select`` / ``--ignore``
(patterns that match nothing), the configuration (``disable``, ``severity``,
``[[suppress]]`` ids) and suppression comments.  Its ids come from what each
checker of the run declares (``rule_ids``; for the rule engine also the old ids
its rules took over with ``replaces:``, its ``aliases``), plus the fixed ids of
the engines this run did not open (so ``disable = ["fluency-pivot-sense"]`` is
not "unknown" in a ``--fluency off`` run): the name checker's, the
untranslated-word checker's, the fluency checker's proposals, the
vocabulary's ``VOCAB_REJECT`` (a run without ``reject`` terms may still
name it), cleaner's LanguageTool XML rules and the LanguageTool ids its
selection names.  Whether an
id that no engine lists is plausible (LanguageTool's thousands) is decided in
:class:`cleaner.findings.KnownIds`.
"""

from __future__ import annotations

from collections.abc import Iterable

from cleaner.checks.checker import Checker, RenamesRules
from cleaner.findings import REJECT_RULE_ID, VOCABULARY_CATEGORY, VOCABULARY_ENGINE, KnownIds


def fixed_rule_engines() -> dict[str, str]:
    """Rule id → engine for every engine whose ids do not depend on files the run loads."""
    from cleaner.checks import fluency
    from cleaner.checks.languagetool import known_rule_engines
    from cleaner.checks.names import NameConsistencyChecker
    from cleaner.checks.untranslated import UntranslatedWordChecker

    engines: dict[str, str] = dict(known_rule_engines())
    for checker in (NameConsistencyChecker, UntranslatedWordChecker):
        engines.update(dict.fromkeys(checker.rule_ids, checker.name))
    engines[fluency.PROPOSE_RULE_ID] = "fluency"
    engines[fluency.SURPRISE_RULE_ID] = "fluency"
    engines[REJECT_RULE_ID] = VOCABULARY_ENGINE
    return engines


def fixed_categories() -> frozenset[str]:
    """The categories of the engines in :func:`fixed_rule_engines`."""
    from cleaner.checks import fluency, names, untranslated
    from cleaner.checks.languagetool import known_categories

    return known_categories() | {
        names.CATEGORY,
        untranslated.CATEGORY,
        fluency.PROPOSE_CATEGORY,
        fluency.SURPRISE_CATEGORY,
        VOCABULARY_CATEGORY,
    }


def known_rule_ids(checkers: Iterable[Checker], languagetool_on: bool) -> KnownIds:
    """Known ids: every engine's fixed ids, then what each of ``checkers`` declares (ids, old ids, categories)."""
    engines = fixed_rule_engines()
    categories = set(fixed_categories())
    for checker in checkers:
        engines.update(dict.fromkeys(getattr(checker, "rule_ids", ()), checker.name))
        if isinstance(checker, RenamesRules):
            for old in checker.aliases:
                engines.setdefault(old, checker.name)
        categories.update(getattr(checker, "categories", ()))
    return KnownIds(engines, frozenset(categories), languagetool_on)
