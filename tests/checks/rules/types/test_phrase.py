"""``type: phrase``: a ``match:`` pattern parsed with the word classes; mistakes point at ``match``."""

from __future__ import annotations

import pytest

from cleaner.checks.rules.types.base import RuleTypeError
from cleaner.checks.rules.types.phrase import build


def test_a_pattern_has_one_group_per_element() -> None:
    m = build({"match": "$num% prices"}, {}, 0)
    assert m.pattern is not None and m.regex is None
    assert m.groups == len(m.pattern.elements) == 3  # "$num", "%" and "prices" (punctuation is its own token)


def test_word_classes_expand_into_the_element() -> None:
    m = build({"match": "$bloc =talks"}, {"bloc": ["EU", "ASEAN"]}, 0)
    assert m.pattern is not None
    forms = {f for alt in m.pattern.elements[0].alternatives for choice in alt for f in choice}
    assert {"eu", "asean"} <= forms


@pytest.mark.parametrize(
    ("source", "classes"),
    [
        ("[the] [a]", {}),  # nothing required: no element can anchor the match
        ("$unknown talks", {}),
        ("{a|b talks", {}),
    ],
)
def test_bad_patterns_point_at_match(source: str, classes: dict[str, list[str]]) -> None:
    with pytest.raises(RuleTypeError) as info:
        build({"match": source}, classes, 0)
    assert info.value.key == "match" and info.value.problem.startswith("bad pattern: ")
