"""``--select`` / ``--ignore`` patterns: prefixes and engines, the more specific winning, old rule ids renamed."""

from __future__ import annotations

from cleaner.document import Span
from cleaner.findings import Finding, Selection, Severity


def finding(rule_id: str, engine: str = "rules") -> Finding:
    return Finding(Span(0, 1), "x", rule_id, engine, "test", Severity.MINOR, 0.5, "m")


def test_the_more_specific_pattern_wins_and_an_engine_is_the_least_specific() -> None:
    selection = Selection(select=("TITLE_",), ignore=("TITLE_CASE",))
    assert [selection.keeps(finding(i)) for i in ("TITLE_CASE", "TITLE_CAPS", "OTHER")] == [False, True, False]
    assert Selection(select=("T",), ignore=("rules",)).keeps(finding("T_X"))


def test_an_old_rule_id_also_names_the_rule_that_replaced_it() -> None:
    aliases = {"TITLE_CAPS_TRUMP": "TITLE_CAPS_SURNAME"}
    ignore = Selection(ignore=("title_caps_trump",)).renamed(aliases)  # case does not matter
    assert ignore.ignore == ("title_caps_trump", "TITLE_CAPS_SURNAME")
    assert not ignore.keeps(finding("TITLE_CAPS_SURNAME"))
    select = Selection(select=("TITLE_CAPS_TRUMP",)).renamed(aliases)
    assert select.keeps(finding("TITLE_CAPS_SURNAME")) and not select.keeps(finding("TITLE_CAPS_XI"))
    assert Selection(select=("OTHER",)).renamed(aliases) == Selection(select=("OTHER",))
