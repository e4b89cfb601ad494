"""Required literals: strings one of which every match contains, so a regex runs only where it can match."""

from __future__ import annotations

import re

import pytest

from cleaner.checks.rules.literals import NON_ASCII, required_literals
from cleaner.checks.rules.model import LazyRegex


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        (r"\bpricing\s+talks\b", ("pricing",)),  # the longer run of a sequence
        (r"[Pp]rices rose", ("prices rose",)),  # a case-variant class is one letter
        (r"tariff|duty", ("duty", "tariff")),  # one per branch of an alternation
        (r"x?abc", ("abc",)),  # an optional part is not required
        (r"(?:ab){2,}c", ("ab",)),  # a repeat that happens at least once
        (r"[\u3400-\u9fff]+", (NON_ASCII,)),  # a class of non-ASCII characters only
        (r"[\u3400-\u9fff]+ and more", (" and more",)),  # a real literal beats the non-ASCII marker
    ],
)
def test_literals_every_match_must_contain(pattern: str, literals: tuple[str, ...]) -> None:
    assert required_literals(re.compile(pattern)) == literals


@pytest.mark.parametrize(
    "pattern",
    [
        r"a\w+",  # one letter is too short to be worth a prefilter
        r"tariff|\d+",  # a branch without a literal: any digits can match
        r"(?:prices)?\s+",  # nothing required at all
        r"x*",
    ],
)
def test_unknown_when_nothing_can_be_proven(pattern: str) -> None:
    assert required_literals(re.compile(pattern)) is None


def test_an_unparsable_pattern_is_unknown_not_an_error() -> None:
    assert required_literals(LazyRegex("(unclosed")) is None


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"[Pp]ricing (?:talks|war)s?", "The Pricing talks and the pricing wars went on."),
        (r"(?i)ARMED (?:forces|men)", "armed men and Armed Forces"),
        (r"(?:the|a) (?:tariff|duty) of \d+%", "a duty of 25% and the tariff of 10%"),
    ],
)
def test_the_prefilter_never_hides_a_match(pattern: str, text: str) -> None:
    literals = required_literals(re.compile(pattern))
    matches = [m.group(0).lower() for m in re.finditer(pattern, text)]
    assert literals and matches
    assert all(any(lit in m for lit in literals) for m in matches)
