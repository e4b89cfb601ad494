"""Lazily decoded rules: a sequence of Rule whose items are unpickled on first access only."""

from __future__ import annotations

import pickle

import pytest

from cleaner.checks.rules.lazy_rules import LazyRules
from cleaner.checks.rules.model import Rule
from cleaner.findings import Severity


def _rule(rule_id: str) -> Rule:
    return Rule(rule_id, "r.yaml", 1, "why", "grammar", Severity.MINOR, 0.9, (rule_id.lower(),))


RULES = [_rule("A"), _rule("B"), _rule("C")]


def test_it_is_a_sequence_equal_to_the_rules() -> None:
    lazy = LazyRules.of(RULES)
    assert len(lazy) == 3 and lazy.ids == ("A", "B", "C")
    assert list(lazy) == RULES
    assert lazy[1] == RULES[1] and lazy[-1] == RULES[-1]
    assert lazy[1:] == RULES[1:] and lazy[::2] == RULES[::2]
    with pytest.raises(IndexError):
        lazy[3]


def test_each_rule_is_decoded_once_and_only_when_asked_for() -> None:
    good = pickle.dumps(RULES[0])
    lazy = LazyRules([good, b"not a pickle"], ["A", "BROKEN"])
    assert lazy.ids == ("A", "BROKEN") and len(lazy) == 2  # ids and length need no decoding
    assert lazy[0] == RULES[0]
    assert lazy[0] is lazy[0]  # decoded once, then kept
    with pytest.raises(pickle.UnpicklingError):
        lazy[1]  # a blob is only read when its rule is used


def test_pickling_keeps_the_blobs_not_the_decoded_rules() -> None:
    lazy = LazyRules.of(RULES)
    first = lazy[0]
    again = pickle.loads(pickle.dumps(lazy))
    assert again.ids == lazy.ids and list(again) == RULES
    assert again[0] is not first  # a fresh copy decodes its own
