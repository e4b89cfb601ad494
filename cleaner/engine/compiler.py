"""Compile a RuleSet into one matcher whose cost does not grow with the number of rules.

Every phrase pattern is expanded into its concrete token sequences, and all
sequences of all rules go into one Aho–Corasick automaton over normalized
tokens.  Matching a document is then a single pass over its token stream,
whatever the number of rules; only the (rare) regular-expression rules are
run one by one.
"""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick

from cleaner.engine.literals import required_literals
from cleaner.engine.loader import RuleSet
from cleaner.engine.model import Rule

SEPARATOR = " "
PARAGRAPH_MARK = "\u00b6\u00b6"
"""Put between paragraphs in the token stream so no phrase matches across them."""


@dataclass(frozen=True)
class PhraseHit:
    """What an automaton key stands for: which rule, and which element owns each token."""

    rule_index: int
    owners: tuple[int, ...]


@dataclass(frozen=True)
class CompiledRules:
    """The rules plus their automaton; picklable, so it can be cached on disk."""

    rules: tuple[Rule, ...]
    automaton: ahocorasick.Automaton
    regex_rules: tuple[int, ...]
    regex_literals: tuple[tuple[str, ...] | None, ...] = ()
    """For each regex rule, lower-case strings one of which every match contains (None: unknown)."""

    @property
    def size(self) -> int:
        return len(self.rules)


def key_for(sequence: tuple[str, ...]) -> str:
    """The automaton key of a token sequence: tokens joined, with separators at both ends."""
    return SEPARATOR + SEPARATOR.join(sequence) + SEPARATOR


def compile_rules(ruleset: RuleSet) -> CompiledRules:
    """Expand every phrase rule into the automaton; keep regex rules aside."""
    table: dict[str, list[PhraseHit]] = {}
    regex_rules: list[int] = []
    for index, rule in enumerate(ruleset.rules):
        if rule.pattern is None:
            regex_rules.append(index)
            continue
        for sequence, owners in rule.pattern.expand():
            table.setdefault(key_for(sequence), []).append(PhraseHit(index, owners))
    automaton = ahocorasick.Automaton()
    for key, hits in table.items():
        automaton.add_word(key, tuple(hits))
    if table:
        automaton.make_automaton()
    literals = tuple(required_literals(ruleset.rules[i].regex) for i in regex_rules)  # type: ignore[arg-type]
    return CompiledRules(ruleset.rules, automaton, tuple(regex_rules), literals)
