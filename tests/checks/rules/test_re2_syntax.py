"""RE2 spellings of Python patterns: exact on ASCII text, relaxed ones a superset."""

from __future__ import annotations

import re

import pytest
import re2
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.checks.rules.loader import load_rules
from cleaner.checks.rules.re2_syntax import to_re2
from cleaner.paths import builtin_rules_dir

FLAGS = re.IGNORECASE | re.MULTILINE
BUILTIN = [r.regex for r in load_rules([builtin_rules_dir()]).rules if r.regex is not None]
WORDS = st.sampled_from(
    [
        "the",
        "talks",
        "has",
        "of",
        "U.S.",
        "tax",
        "taxes",
        " ",
        "  ",
        "\n",
        "\t",
        "\x0b",
        "\x1c",
        ",",
        ".",
        "-",
        "'",
        "A",
        "Z",
        "_",
        "9",
        "2025",
        "%",
        "said",
        "price",
        "prices",
        "$",
        "(",
        ")",
        "reporters",
        "Li",
        "and",
    ]
)
TEXTS = st.lists(WORDS, max_size=25).map("".join)


def spans(m: re.Match[str] | None, groups: int) -> tuple[tuple[int, int], ...] | None:
    return None if m is None else tuple(m.span(g) for g in range(groups + 1))


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"\w+", "a_9"),
        (r"\s", "\x0b"),
        (r"\s", "\x1c"),
        (r"x{,3}y", "xxy"),
        (r"(?P<flag>ab)c", "abc"),
        (r"foo$", "foo\nbar"),
        (r"^bar", "foo\nbar"),
        (r"\bcat\b", "a cat."),
        (r"[^\W\d]", "a"),
        (r"\Bat", "cat"),
        (r"(?i:AB)c", "abc"),
    ],
)
def test_exact_forms_match_like_python(pattern: str, text: str) -> None:
    python = re.compile(pattern, FLAGS)
    spelled = to_re2(pattern, FLAGS)
    if spelled is None:
        return  # not expressible: left to Python, which is what the caller does
    ours = re2.compile(spelled)
    assert spans(ours.search(text), python.groups) == spans(python.search(text), python.groups)


@pytest.mark.parametrize("pattern", [r"(?<!x)a", r"a(?=b)", r"(a)\1", r"a++", r"(?>ab)"])
def test_look_around_and_friends_have_only_a_relaxed_form(pattern: str) -> None:
    assert to_re2(pattern, FLAGS) is None
    assert to_re2(pattern, FLAGS, relaxed=True) is not None


def test_case_folding_into_ascii_is_not_trusted_to_re2() -> None:
    assert re.compile("\u212a", re.IGNORECASE).match("k")  # KELVIN SIGN folds to k in Python
    assert to_re2("\u212a", re.IGNORECASE) is None
    assert to_re2("[\u0100-\u0200]", re.IGNORECASE) is None
    assert to_re2("\u2019s", re.IGNORECASE) is not None


@given(TEXTS, st.sampled_from(BUILTIN))
@settings(max_examples=300, deadline=None)
def test_builtin_rules_match_exactly_on_ascii_text(text: str, regex: object) -> None:
    python = re.compile(regex.pattern, regex.flags)  # type: ignore[attr-defined]
    exact = to_re2(regex.pattern, regex.flags)  # type: ignore[attr-defined]
    relaxed = to_re2(regex.pattern, regex.flags, relaxed=True)  # type: ignore[attr-defined]
    found = [spans(m, python.groups) for m in python.finditer(text)]
    if exact is not None:
        assert [spans(m, python.groups) for m in re2.compile(exact).finditer(text)] == found
    assert relaxed is not None
    if found:
        assert re2.compile(relaxed).search(text) is not None
