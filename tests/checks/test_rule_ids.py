"""The run's known rule ids: what checkers declare, the old ids their rules took over, every engine's fixed ids."""

from __future__ import annotations

from collections.abc import Iterator

from cleaner.checks import fluency, names, untranslated
from cleaner.checks.languagetool.pivot_rules import PIVOT_RULES
from cleaner.checks.rule_ids import known_rule_ids
from cleaner.document import Document
from cleaner.findings import Finding


class Declares:
    """A stand-in rules checker that declares its ids, categories and one renamed id, as the rule engine does."""

    name = "rules"
    rule_ids = ("T_NEW", "T_OTHER")
    categories = frozenset({"house-style"})
    aliases = {"T_OLD": "T_NEW"}

    def check(self, doc: Document) -> Iterator[Finding]:
        return iter(())


def test_declared_ids_and_old_ids_belong_to_the_checker_and_its_categories_are_known() -> None:
    known = known_rule_ids([Declares()], languagetool_on=False)
    assert {i: known.engines[i] for i in ("T_NEW", "T_OTHER", "T_OLD")} == dict.fromkeys(
        ("T_NEW", "T_OTHER", "T_OLD"), "rules"
    )
    assert known.problem("T_OLD") is None and known.engine_of("T_OLD") == "rules"
    assert known.problem("house-style", category_ok=True) is None
    assert known.problem("T_OLDD") == "unknown rule id 'T_OLDD'; did you mean 'T_OLD'?"


def test_engines_not_opened_in_the_run_still_have_their_ids_known() -> None:
    known = known_rule_ids([], languagetool_on=False)
    assert known.engine_of(names.RULE_ID) == "names"
    assert known.engine_of(untranslated.GLUED_RULE_ID) == "untranslated"
    assert known.engine_of(fluency.PROPOSE_RULE_ID) == "fluency"
    assert {known.engine_of(i) for i in PIVOT_RULES} == {"pivot"}
    assert "T_NEW" not in known.engines  # the rule engine's ids come from its loaded rules only
    # the vocabulary's rule, whether or not this run rejects any term (so disable/suppress/--select may name it)
    assert known.engine_of("VOCAB_REJECT") == "vocabulary" and known.problem("VOCAB_REJECTT") is not None
    assert known.problem("vocabulary", category_ok=True) is None
