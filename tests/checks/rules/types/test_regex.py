"""``type: regex``: the expression compiled with the rule's flags; bad or exponential ones refused at ``regex``."""

from __future__ import annotations

import re

import pytest

from cleaner.checks.rules.types.base import RuleTypeError
from cleaner.checks.rules.types.regex import build, compiled


def test_groups_and_flags_are_kept() -> None:
    m = build({"regex": r"(\w+) (talks|war)"}, {}, re.IGNORECASE)
    assert m.groups == 2 and m.pattern is None
    assert m.regex is not None and m.regex.flags == re.IGNORECASE
    assert m.regex.search("PRICING TALKS") is not None


def test_an_invalid_expression_points_at_its_key() -> None:
    with pytest.raises(RuleTypeError) as info:
        build({"regex": "(unclosed"}, {}, 0)
    assert info.value.key == "regex" and info.value.problem.startswith("bad regular expression: ")


def test_an_exponential_expression_is_refused() -> None:
    with pytest.raises(RuleTypeError) as info:
        compiled(r"(a+)+$", 0, "after")  # other types reuse this for their own keys
    assert info.value.key == "after" and "exponential time" in info.value.problem
