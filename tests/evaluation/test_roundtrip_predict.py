"""Each checker runs once per text whatever the number of engine combinations; first replacements apply in order."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from cleaner.checks.checker import FindingsRefiner
from cleaner.config.settings import Settings
from cleaner.document import Document, Source
from cleaner.document.spans import Span
from cleaner.evaluation.roundtrip_predict import RememberingChecker, apply_first_replacements, engine_sets
from cleaner.findings import Finding, Severity
from cleaner.pipeline import Pipeline


def _finding(text: str, start: int, end: int, *replacements: str, rule: str = "R") -> Finding:
    return Finding(
        span=Span(start, end),
        text=text[start:end],
        rule_id=rule,
        engine="rules",
        category="grammar",
        severity=Severity.MINOR,
        confidence=0.5,
        message="m",
        replacements=replacements,
    )


class CountingChecker:
    """A real checker: flags every "teh", and counts how often it was asked."""

    name = "counting"

    def __init__(self) -> None:
        self.calls = 0

    def check(self, doc: Document) -> Iterable[Finding]:
        self.calls += 1
        start = doc.text.find("teh")
        return [] if start < 0 else [_finding(doc.text, start, start + 3, "the")]


def test_a_text_seen_before_is_answered_from_memory() -> None:
    inner = CountingChecker()
    remembering = RememberingChecker(inner)
    first = list(remembering.check(Document.from_text("See teh dog.")))
    again = list(remembering.check(Document.from_text("See teh dog.")))
    other = list(remembering.check(Document.from_text("No typo.")))
    assert inner.calls == 2
    assert first == again and first[0].span == Span(4, 7)
    assert other == []
    assert remembering.name == "counting"


class Doubting(CountingChecker):
    """A real refiner: it removes every finding it is shown (as the fluency gate does with hopeless ones)."""

    def refine(self, doc: Document, findings: Sequence[Finding]) -> list[Finding]:
        return []


def test_a_remembered_refiner_still_refines_in_the_pipeline() -> None:
    remembering = RememberingChecker(Doubting())
    assert isinstance(remembering, FindingsRefiner)
    assert not isinstance(RememberingChecker(CountingChecker()), FindingsRefiner)
    result = Pipeline([remembering], Settings(), warn=print).analyze(Source(path="a.txt", text="See teh dog.\n"))
    assert result.findings == ()


def test_engine_sets_are_all_together_then_each_alone() -> None:
    sets = engine_sets(["rules", "names", "languagetool"])
    assert [(s.label, s.engines) for s in sets] == [
        ("all (rules+names+languagetool)", ("rules", "names", "languagetool")),
        ("rules", ("rules",)),
        ("names", ("names",)),
        ("languagetool", ("languagetool",)),
    ]
    assert [(s.label, s.engines) for s in engine_sets(["rules"])] == [("rules", ("rules",))]


def test_first_replacements_apply_left_to_right_and_skip_overlaps() -> None:
    text = "a big big house of teh town"
    findings = [
        _finding(text, 2, 9, "big"),  # "big big" → "big"
        _finding(text, 6, 15, "huge home", rule="OVERLAPS"),  # overlaps the first: skipped
        _finding(text, 19, 22, "the", "tea"),  # first replacement only
        _finding(text, 23, 27),  # no replacement: nothing changes
    ]
    assert apply_first_replacements(text, findings) == "a big house of the town"


def test_a_stale_finding_changes_nothing() -> None:
    stale = _finding("teh cat", 0, 3, "the")
    assert apply_first_replacements("the cat", [stale]) == "the cat"


class Ahead(CountingChecker):
    """A checker that is started on a text before it is asked (as LanguageTool's is)."""

    def __init__(self) -> None:
        super().__init__()
        self.started: list[str] = []

    def prefetch(self, doc: Document) -> None:
        self.started.append(doc.text)


def test_a_remembered_text_is_not_sent_ahead_again() -> None:
    inner = Ahead()
    pipeline = Pipeline([RememberingChecker(inner)], Settings(), warn=print)
    for text in ("See teh dog.\n", "See teh dog.\n", "No typo.\n"):
        pipeline.analyze(Source(path="a.txt", text=text))
    assert inner.started == ["See teh dog.\n", "No typo.\n"] and inner.calls == 2
