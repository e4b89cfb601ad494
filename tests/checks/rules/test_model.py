"""The loaded-rule model: lazily compiled, bounded regexes; swap lookups; where a rule came from."""

from __future__ import annotations

import pickle
import re
import threading
from collections.abc import Callable
from typing import Any

from cleaner.checks.rules.model import Conditions, LazyRegex, Rule, Term
from cleaner.findings import Severity


def _in_thread(call: Callable[[], Any]) -> Any:
    """Run ``call`` outside the main thread, where searches go through the ``regex`` module."""
    out: list[Any] = []
    worker = threading.Thread(target=lambda: out.append(call()))
    worker.start()
    worker.join()
    return out[0]


def test_a_lazy_regex_pickles_as_its_source_and_still_matches() -> None:
    lazy = LazyRegex(r"pricing\s+talks", re.IGNORECASE)
    assert lazy.search("More Pricing  talks.") is not None  # compiled now
    again = pickle.loads(pickle.dumps(lazy))
    assert (again.pattern, again.flags) == (lazy.pattern, lazy.flags)
    assert again.search("MORE PRICING TALKS").group(0) == "PRICING TALKS"
    assert again.match("More pricing talks") is None and again.match("pricing talks") is not None


def test_other_threads_find_the_same_matches_with_the_same_flags() -> None:
    lazy = LazyRegex(r"^(\w+) (?:talks|war)$", re.IGNORECASE | re.MULTILINE)
    text = "Pricing TALKS\ntrade war\nno match here"
    here = [(m.span(), m.group(1)) for m in lazy.finditer(text)]
    there = _in_thread(lambda: [(m.span(), m.group(1)) for m in lazy.finditer(text)])
    assert here == there == [((0, 13), "Pricing"), ((14, 23), "trade")]
    assert _in_thread(lambda: lazy.search("x\nTrade War").span()) == (2, 11)
    assert _in_thread(lambda: lazy.match("x\nTrade War")) is None  # match is anchored at the start
    assert list(lazy.finditer(text, 14, 20)) == []  # pos and endpos bound the search


def _rule(**changes: Any) -> Rule:
    return Rule("R", "rules/trade.yaml", 12, "why", "grammar", Severity.MINOR, 0.9, ("fallback",), **changes)


def test_swaps_are_looked_up_by_lower_case_single_spaced_text() -> None:
    rule = _rule(swaps={"has been": "have been", "is": "are"})
    assert rule.replacements_for("Has   Been") == ("have been",)
    assert rule.replacements_for("IS") == ("are",)
    assert rule.replacements_for("was") == ("fallback",)  # not in the table: the rule's own replacements
    assert _rule().replacements_for("is") == ("fallback",)


def test_where_names_file_and_line() -> None:
    assert _rule().where == "rules/trade.yaml:12"


def test_conditions_are_empty_until_one_is_given() -> None:
    assert Conditions().empty
    assert Conditions(window=3).empty  # a window alone asks for nothing
    assert not Conditions(not_preceded_by=(Term("the", frozenset({("the",)})),)).empty
