"""The compiler: one automaton over every phrase rule's anchor element, regex rules set aside with their aids."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

from cleaner.checks.rules import compiler
from cleaner.checks.rules.compiler import WHOLE, CompiledRules, compile_rules, key_for, whole_forms
from cleaner.checks.rules.literals import required_literals
from cleaner.checks.rules.loader import load_rules
from cleaner.checks.rules.pattern import parse_pattern


def _rule(rule_id: str, body: str) -> str:
    """A rule whose examples the loader accepts (the compiler never runs them)."""
    examples = "" if "examples:" in body else '    examples:\n      - bad: "x"\n'
    return (
        f"  - id: {rule_id}\n{body}{examples}"
        '    message: "why"\n    category: grammar\n    severity: minor\n    confidence: 0.9\n'
    )


def _compile(write_rules: Callable[[str], Path], *rules: str) -> CompiledRules:
    return compile_rules(load_rules([write_rules("rules:\n" + "".join(rules))]))


def test_keys_are_whole_tokens_between_separators() -> None:
    assert key_for(("pricing", "talks")) == " pricing talks "
    assert key_for(("talks",)) not in key_for(("pricingtalks",))  # so a key never matches inside a word


def test_patterns_with_few_forms_are_compiled_whole_with_their_owners(write_rules: Callable[[str], Path]) -> None:
    compiled = _compile(
        write_rules,
        _rule("A", '    match: "[the] =xylophone"\n'),
        _rule("B", '    match: "{=zloty|=zlotys} =coin"\n'),
    )
    assert compiled.automaton.get(key_for(("the", "xylophone"))) == ((0, WHOLE, 0),)
    assert compiled.automaton.get(key_for(("xylophone",))) == ((0, WHOLE, 1),)
    assert compiled.owners[0] == (0, 1) and compiled.owners[1] == (1,)
    assert compiled.automaton.get(key_for(("zlotys", "coin"))) == ((1, WHOLE, 0),)  # owners (0, 1) shared
    assert key_for(("coin",)) not in compiled.automaton  # no anchor is indexed for a whole pattern


def test_a_pattern_read_two_ways_is_anchored_not_compiled_whole() -> None:
    ambiguous = parse_pattern("=xylophone [=solo] [=solo]", {})
    assert whole_forms(ambiguous) is None  # "xylophone solo" is elements 1+2 or 1+3: its groups would differ
    assert whole_forms(parse_pattern("=xylophone [=solo]", {})) == [
        (("xylophone", "solo"), (0, 1)),
        (("xylophone",), (0,)),
    ]


def test_a_pattern_with_more_forms_than_the_limit_is_anchored(monkeypatch: pytest.MonkeyPatch) -> None:
    pattern = parse_pattern("{=a|=b} {=c|=d}", {})
    assert whole_forms(pattern) is not None
    monkeypatch.setattr(compiler, "FULL_FORMS", 3)
    assert whole_forms(pattern) is None


def test_rules_sharing_an_anchor_share_one_key(
    write_rules: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compiler, "FULL_FORMS", 0)  # every pattern anchored, as long patterns are
    compiled = _compile(
        write_rules,
        _rule("A", '    match: "[the] =xylophone"\n'),  # the only required element is the anchor
        _rule("B", '    match: "=xylophone [solo]"\n'),
        _rule("C", '    match: "{=zloty|=zlotys}"\n'),
    )
    assert set(compiled.automaton.get(key_for(("xylophone",)))) == {(0, 1, 0), (1, 0, 0)}
    assert compiled.automaton.get(key_for(("zloty",))) == ((2, 0, 0),)
    assert compiled.automaton.get(key_for(("zlotys",))) == ((2, 0, 1),)
    assert key_for(("the",)) not in compiled.automaton  # optional elements are never indexed
    assert compiled.regex_rules == () and compiled.size == 3


def test_regex_rules_are_kept_aside_with_literals_and_re2_forms(write_rules: Callable[[str], Path]) -> None:
    compiled = _compile(
        write_rules,
        _rule("P", '    match: "=xylophone"\n'),
        _rule("R1", '    regex: "pricing\\\\s+talks"\n'),
        _rule("R2", '    regex: "\\\\b(\\\\w+) \\\\1\\\\b"\n'),
    )
    assert compiled.regex_rules == (1, 2)  # rule indices, in file order
    assert compiled.regex_literals == tuple(required_literals(compiled.rules[i].regex) for i in (1, 2))
    assert compiled.regex_literals[0] == ("pricing",)
    assert compiled.regex_literals[1] is None  # a repeated word has no literal: it runs everywhere
    assert len(compiled.regex_forms) == 2 and compiled.regex_forms[0] is not None


def test_inflections_a_replacement_can_need_are_precomputed(write_rules: Callable[[str], Path]) -> None:
    body = '    match: "concluded =a =deal"\n    replace: "{reach:1} a deal"\n'
    compiled = _compile(write_rules, _rule("I", body + '    examples:\n      - bad: "x"\n        good: "y"\n'))
    assert compiled.inflections[("reach", "concluded")] == "reached"
    assert compiled.inflections[("reach", "concluding")] == "reaching"  # "concluded" also matches its inflections
    assert all(word == "reach" for word, _ in compiled.inflections)  # only what a template refers to


def test_compiled_rules_survive_pickling(write_rules: Callable[[str], Path]) -> None:
    compiled = _compile(write_rules, _rule("A", '    match: "=xylophone"\n'), _rule("R", '    regex: "zl?oty"\n'))
    again = pickle.loads(pickle.dumps(compiled))
    assert again.automaton.get(key_for(("xylophone",))) == ((0, WHOLE, 0),) and again.owners == ((0,),)
    assert [r.id for r in again.rules] == ["A", "R"] and again.regex_rules == (1,)


def test_a_ruleset_of_regex_rules_only_has_an_empty_automaton(write_rules: Callable[[str], Path]) -> None:
    compiled = _compile(write_rules, _rule("R", '    regex: "zloty"\n'))
    assert len(compiled.automaton) == 0 and compiled.regex_rules == (0,)


def test_categories_and_old_ids_are_kept_beside_the_rules(write_rules: Callable[[str], Path]) -> None:
    renamed = _rule("A", '    replaces: [OLD_A]\n    match: "=xylophone"\n')
    style = _rule("S", '    match: "=zloty"\n').replace("category: grammar", "category: idiom")
    compiled = _compile(write_rules, renamed, style)
    # readable without decoding the (lazily kept) rules: the run's known ids and categories come from here
    assert compiled.categories == {"grammar", "idiom"} and compiled.aliases == {"OLD_A": "A"}
