"""The pivot checker: cleaner's own LanguageTool XML rules, reported as cleaner rules.

The rules (``rules/languagetool/grammar_custom.xml``) need LanguageTool's
tagger, disambiguator, lemmas and antipatterns, so they run in the shared
server; but they are cleaner's rules for pivot-language garble, not
LanguageTool's.  This checker asks the server for that category only
(``enabledOnly``), and maps each match to a Finding of engine ``rules`` with
the phenomenon, category, severity and confidence of :mod:`.pivot_rules`.
The stock LanguageTool checker never sees them, so "LanguageTool alone"
stays stock LanguageTool.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import replace

from cleaner.checks.languagetool.checker import LanguageToolChecker, opened
from cleaner.checks.languagetool.known import pivot_rule_ids
from cleaner.checks.languagetool.mapping import LTMatch, to_cleaner_finding
from cleaner.checks.languagetool.pivot_rules import rule_info
from cleaner.checks.languagetool.selection import CUSTOM_CATEGORY
from cleaner.checks.languagetool.settings import LanguageToolSettings
from cleaner.findings import Finding


def pivot_settings(base: LanguageToolSettings) -> LanguageToolSettings:
    """``base`` asking for cleaner's XML rules alone."""
    return replace(base, enabled_categories=frozenset({CUSTOM_CATEGORY}), enabled_rules=frozenset(), enabled_only=True)


class PivotRulesChecker(LanguageToolChecker):
    """cleaner's LanguageTool XML rules as rule-engine Findings."""

    name = "pivot"

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """The ids of cleaner's XML rules (the rule table, kept in step with the XML file by a test)."""
        return pivot_rule_ids()

    def to_finding(self, m: LTMatch, base: int, text: str) -> Finding:
        """A cleaner rule finding, trusted as the rule table says."""
        return to_cleaner_finding(m, base, text, rule_info(m.rule_id))


@contextlib.contextmanager
def open_pivot_checker(base: LanguageToolSettings, *, use_cache: bool = True) -> Iterator[PivotRulesChecker]:
    """A ready pivot checker for one run (the server starts lazily, on the first paragraph)."""
    with opened(PivotRulesChecker, pivot_settings(base), use_cache=use_cache) as checker:
        yield checker
