"""Replacements that could blow an article up are named at load."""

from __future__ import annotations

import pytest

from cleaner.checks.rules.growth import growth_problem


@pytest.mark.parametrize(
    "template", ["trade talks", "{0}", "{1} {2}", "reach {1}", "{0} {0}", "{1} and {1}", "x" * 200]
)
def test_ordinary_replacements_pass(template):
    assert growth_problem(template) is None


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("x" * 201, "replacement is 201 characters long (bound 200)"),
        ("{0}{0}{0}", "replacement copies the matched text 3 times (bound 2)"),
        ("{1} {1} {1}", "replacement copies the matched text 3 times (bound 2)"),
    ],
)
def test_oversized_replacements_are_named(template, problem):
    assert growth_problem(template) == problem
