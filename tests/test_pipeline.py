"""The pipeline: checkers merged in registry precedence, findings numbered, unavailable checkers by mode."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from cleaner.checks.checker import CheckerUnavailable
from cleaner.checks.fluency.settings import with_choice
from cleaner.checks.registry import Mode
from cleaner.commands.common import open_pipeline
from cleaner.config import Settings
from cleaner.document import Document, Span, decode
from cleaner.findings import Finding, Policy, Severity
from cleaner.pipeline import Pipeline


class Fixed:
    """A checker that always reports the same spans (and counts its calls)."""

    def __init__(self, name: str, spans: list[tuple[int, int]], replacement: str = "X") -> None:
        self.name = name
        self.spans = spans
        self.replacement = replacement
        self.calls = 0

    def check(self, doc: Document) -> Iterator[Finding]:
        self.calls += 1
        for start, end in self.spans:
            yield Finding(
                Span(start, end),
                doc.text[start:end],
                f"{self.name}-rule",
                self.name,
                "grammar",
                Severity.MAJOR,
                0.9,
                self.name,
                (self.replacement,),
            )


class Gone:
    name = "languagetool"

    def __init__(self) -> None:
        self.calls = 0

    def check(self, doc: Document) -> Iterator[Finding]:
        self.calls += 1
        raise CheckerUnavailable("the server went away")


def source(text: str = "one two three four five six\n"):
    return decode("a.txt", text.encode())


def test_findings_are_merged_by_registry_precedence_and_numbered_in_text_order() -> None:
    lt = Fixed("languagetool", [(0, 3), (8, 13)], "LT")
    rules = Fixed("rules", [(0, 3)], "RULES")
    result = Pipeline([lt, rules], Settings(), warn=print).analyze(source())
    assert [(f.id, f.engine, f.text) for f in result.findings] == [(1, "rules", "one"), (2, "languagetool", "three")]
    assert {e.finding_id for e in result.plan.edits} == {1, 2}
    assert result.corrected.startswith("RULES two LT four")


def test_an_optional_checker_that_goes_away_is_dropped_with_one_warning() -> None:
    warnings: list[str] = []
    gone = Gone()
    pipeline = Pipeline([Fixed("rules", [(0, 3)]), gone], Settings(), warn=warnings.append)
    first, second = pipeline.analyze(source()), pipeline.analyze(source())
    assert warnings == ["warning: the server went away; continuing without languagetool"]
    assert gone.calls == 1 and first.engines == second.engines == ("rules",)
    assert len(second.findings) == 1


class Logged(Fixed):
    """A checker that notes, in a log shared with the others, when it is started and when it is asked."""

    def __init__(self, name: str, log: list[str], ahead: bool) -> None:
        super().__init__(name, [])
        self.log = log
        if ahead:
            self.prefetch = lambda doc: log.append(f"{name} ahead: {doc.text.strip()}")

    def check(self, doc: Document) -> Iterator[Finding]:
        self.log.append(f"{self.name} checks")
        return super().check(doc)


def test_checkers_that_wait_on_a_server_are_started_before_any_checker_runs() -> None:
    log: list[str] = []
    rules, lt = Logged("rules", log, ahead=False), Logged("languagetool", log, ahead=True)
    Pipeline([rules, lt], Settings(), warn=print).analyze(source("one two\n"))
    assert log == ["languagetool ahead: one two", "rules checks", "languagetool checks"]


def test_a_required_checker_that_goes_away_stops_the_run() -> None:
    pipeline = Pipeline([Gone()], Settings(), warn=print, required={"languagetool"})
    with pytest.raises(CheckerUnavailable):
        pipeline.analyze(source())


class Renamed(Fixed):
    """A rules checker whose rule ``rules-rule`` took over the old id ``OLD``."""

    aliases = {"OLD": "rules-rule"}


@pytest.mark.parametrize(
    ("text", "policy"),
    [
        ("<!-- cleaner-disable OLD -->\none two\n", Policy()),
        ("one two\n", Policy(disabled_rules=frozenset({"OLD"}))),
    ],
)
def test_an_old_rule_id_in_settings_or_a_suppression_names_the_rule_that_replaced_it(text: str, policy: Policy) -> None:
    start = text.index("one")
    result = Pipeline([Renamed("rules", [(start, start + 3)])], Settings(policy=policy), warn=print).analyze(
        decode("a.md", text.encode())
    )
    assert result.findings == ()


class Unsure(Fixed):
    """A checker whose findings all lack their context words (unconfirmed, for a judge)."""

    def check(self, doc: Document) -> Iterator[Finding]:
        for f in super().check(doc):
            yield replace(f, unconfirmed=True)


def test_unconfirmed_findings_that_no_judge_confirms_are_dropped_and_do_not_swallow_others() -> None:
    lt = Fixed("languagetool", [(0, 3)], "LT")
    result = Pipeline([Unsure("rules", [(0, 3), (8, 13)]), lt], Settings(), warn=print).analyze(source())
    assert [(f.engine, f.text, f.unconfirmed) for f in result.findings] == [("languagetool", "one", False)]
    assert result.corrected.startswith("LT two three")


@pytest.mark.parametrize(("mode", "expected"), [("off", None), ("gate", "trade negotiations")])
def test_the_language_model_decides_a_rule_whose_context_words_are_missing(mode: str, expected: str | None) -> None:
    text = "After months of pricing negotiations, Seoul and Hanoi signed a deal.\n"
    settings = with_choice(Settings(modes={"languagetool": Mode.OFF}), mode)
    with open_pipeline(settings, print) as pipeline:
        result = pipeline.analyze(decode("a.txt", text.encode()))
    found = [(f.rule_id, f.best_replacement) for f in result.findings if f.rule_id == "TRADE_PRICING_TALKS"]
    assert found == ([("TRADE_PRICING_TALKS", expected)] if expected else [])
