"""Compile a RuleSet into one matcher whose cost does not grow with the number of rules.

A phrase pattern with few concrete forms (at most :data:`FULL_FORMS`) puts every
one of them, whole, into a single Aho–Corasick automaton over normalized tokens:
an automaton hit is then a match, with each token's element known from the
compiled table, and nothing is checked around it.  A pattern with more forms
contributes the forms of one *anchor* element (a required, rare element; see
:meth:`Pattern.anchor`), and each anchor hit is checked against the rest of its
pattern in place, so inflections and alternatives of the other elements do not
multiply the automaton.  Either way matching a document is one pass over its
token stream, whatever the number of rules.  Regular-expression rules get their
RE2 spelling here, for the one combined regex pass of
:mod:`cleaner.checks.rules.regex_run`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import ahocorasick

from cleaner.checks.rules.growth import oversized_replacements
from cleaner.checks.rules.inflection import inflect_like
from cleaner.checks.rules.literals import required_literals
from cleaner.checks.rules.loader import RuleSet
from cleaner.checks.rules.model import Rule
from cleaner.checks.rules.pattern import Pattern
from cleaner.checks.rules.regex_run import Re2Form, re2_form
from cleaner.checks.rules.template import inflection_refs

SEPARATOR = " "
PARAGRAPH_MARK = "\u00b6\u00b6"
"""Put between paragraphs in the token stream so no phrase matches across them."""


PhraseHit = tuple[int, int, int]
"""What an automaton key stands for: (rule index, anchor element index, alternative index), or,
for a whole form, (rule index, :data:`WHOLE`, index of its owners in ``CompiledRules.owners``)."""

WHOLE = -1
"""The anchor index of a hit that is a whole form of its pattern."""
FULL_FORMS = 1000
"""Patterns with at most this many concrete forms are compiled whole (about 70,000 keys for the built-in
rules); common words then stop costing a check around every occurrence ("the his" is looked for as
itself, not at every "the")."""


@dataclass(frozen=True)
class CompiledRules:
    """The rules plus their automaton; picklable, so it can be cached on disk."""

    rules: Sequence[Rule]
    """The rules in file order (from the cache: a :class:`LazyRules`, decoded on first use)."""
    automaton: ahocorasick.Automaton
    regex_rules: tuple[int, ...]
    regex_literals: tuple[tuple[str, ...] | None, ...] = ()
    """For each regex rule, lower-case strings one of which every match contains (None: unknown)."""
    inflections: dict[tuple[str, str], str] = field(default_factory=dict)
    """(word, surface) → word inflected like surface, for every ``{word:N}`` a phrase rule can need."""
    regex_forms: tuple[Re2Form | None, ...] = ()
    """For each regex rule, its RE2 spelling for the one-pass regex set (None: RE2 cannot run it)."""
    aliases: dict[str, str] = field(default_factory=dict)
    """Old rule id → the id of the rule that replaces it (``replaces:``), readable without decoding rules."""
    categories: frozenset[str] = frozenset()
    """Every rule's category, readable without decoding rules (``severity`` keys may name them)."""
    growth_warnings: tuple[str, ...] = ()
    """Warnings about replacements that could blow an article up, found once at compile time (see ``growth``)."""
    owners: tuple[tuple[int, ...], ...] = ()
    """For whole-form hits: the element (0-based) each token of the form belongs to, shared between forms."""

    @property
    def size(self) -> int:
        return len(self.rules)


def key_for(sequence: tuple[str, ...]) -> str:
    """The automaton key of a token sequence: tokens joined, with separators at both ends."""
    return SEPARATOR + SEPARATOR.join(sequence) + SEPARATOR


def compile_rules(ruleset: RuleSet) -> CompiledRules:
    """Index every phrase rule's whole forms, or its anchor element, in the automaton; keep regex rules aside."""
    table: dict[str, list[PhraseHit]] = {}
    owners: dict[tuple[int, ...], int] = {}
    regex_rules: list[int] = []
    for index, rule in enumerate(ruleset.rules):
        if rule.pattern is None:
            regex_rules.append(index)
            continue
        whole = whole_forms(rule.pattern)
        if whole is not None:
            for sequence, owned in whole:
                table.setdefault(key_for(sequence), []).append((index, WHOLE, owners.setdefault(owned, len(owners))))
            continue
        anchor = rule.pattern.anchor()
        for sequence, alternative in rule.pattern.elements[anchor].sequences():
            table.setdefault(key_for(sequence), []).append((index, anchor, alternative))
    automaton = ahocorasick.Automaton()
    for key, hits in table.items():
        automaton.add_word(key, tuple(hits))
    if table:
        automaton.make_automaton()
    literals = tuple(required_literals(ruleset.rules[i].regex) for i in regex_rules)  # type: ignore[arg-type]
    forms = tuple(re2_form(ruleset.rules[i].regex) for i in regex_rules)  # type: ignore[arg-type]
    aliases = {old: rule.id for rule in ruleset.rules for old in rule.replaces}
    categories = frozenset(rule.category for rule in ruleset.rules)
    return CompiledRules(
        ruleset.rules,
        automaton,
        tuple(regex_rules),
        literals,
        _inflection_table(ruleset.rules),
        forms,
        aliases,
        categories,
        tuple(oversized_replacements(ruleset.rules)),
        tuple(owners),
    )


def whole_forms(pattern: Pattern) -> list[tuple[tuple[str, ...], tuple[int, ...]]] | None:
    """The pattern's concrete forms with their owners, when there are few and each form has one reading.

    None for a pattern with more than :data:`FULL_FORMS` forms, or where two readings give the
    same tokens ("a [b] b" reads "a b" two ways): the anchor check around each hit decides those,
    as it always has, so a match's groups never depend on how the pattern was compiled.
    """
    count = 1
    for element in pattern.elements:
        count *= len(element.sequences())
        if count > FULL_FORMS:
            return None
    forms = pattern.expand()
    if len({sequence for sequence, _ in forms}) < len(forms):
        return None
    return forms


def _inflection_table(rules: tuple[Rule, ...]) -> dict[tuple[str, str], str]:
    """Precompute ``{word:N}`` for every form element N of a phrase rule can match."""
    table: dict[tuple[str, str], str] = {}
    for rule in rules:
        if rule.pattern is None:
            continue
        for template in rule.replacements:
            for word, n in inflection_refs(template):
                if not 1 <= n <= len(rule.pattern.elements):
                    continue
                for alt in rule.pattern.elements[n - 1].alternatives:
                    for choice in alt:
                        for form in choice:
                            table.setdefault((word, form), inflect_like(word, form))
    return table
