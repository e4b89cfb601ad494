"""What every rule type builds, and the error a type raises to point at its YAML key."""

from __future__ import annotations

from cleaner.checks.rules.types.base import Matching, RuleTypeError, swap_key


def test_a_type_error_keeps_the_key_to_point_at_and_the_problem() -> None:
    err = RuleTypeError("swap", "needs a table")
    assert isinstance(err, ValueError)
    assert (err.key, err.problem, str(err)) == ("swap", "needs a table", "needs a table")


def test_swap_keys_ignore_case_and_spacing() -> None:
    assert swap_key("  Has\u00a0 Been\n") == "has been"
    assert swap_key("IS") == swap_key("is") == "is"


def test_a_matching_defaults_to_nothing_matched() -> None:
    m = Matching()
    assert m.pattern is None and m.regex is None and m.groups == 0 and dict(m.swaps) == {}
