"""The rule ids every engine can report in a run, for the warnings about ids nothing reports.

The rule engine's ids are the loaded rules'; the other engines' are fixed
(the name checker's, the untranslated-word checker's, the fluency checker's
proposals, cleaner's LanguageTool XML rules and the LanguageTool ids its
selection names).  Whether a rule id is plausible is decided in
:class:`cleaner.findings.KnownIds`.
"""

from __future__ import annotations

from collections.abc import Iterable

from cleaner.findings import KnownIds


def known_rule_ids(rules: Iterable[tuple[str, str]], languagetool_on: bool) -> KnownIds:
    """Known ids from the rule engine's ``(id, category)`` pairs plus every other engine's fixed ids."""
    from cleaner.checks import fluency, names, untranslated
    from cleaner.checks.languagetool import known_categories, known_rule_engines

    engines: dict[str, str] = dict(known_rule_engines())
    categories = set(known_categories())
    for rule_id, category in rules:
        engines[rule_id] = "rules"
        categories.add(category)
    engines[names.RULE_ID] = "names"
    engines[untranslated.RULE_ID] = engines[untranslated.GLUED_RULE_ID] = "untranslated"
    engines[fluency.PROPOSE_RULE_ID] = "fluency"
    categories |= {names.CATEGORY, untranslated.CATEGORY, fluency.PROPOSE_CATEGORY}
    return KnownIds(engines, frozenset(categories), languagetool_on)
