"""The gate on real model scores: clearly better corrections pass, worse ones are held back or dropped."""

from __future__ import annotations

from dataclasses import replace

from cleaner.checks.fluency.gate import gains, gate_confidence, gate_findings
from cleaner.checks.fluency.scorer import Scorer
from cleaner.checks.fluency.settings import FluencyOptions
from cleaner.document import Document
from cleaner.document.spans import Span
from cleaner.findings import Finding, Severity


def _finding(text: str, word: str, replacement: str, engine: str = "rules", confidence: float = 0.7) -> Finding:
    start = text.index(word)
    return Finding(
        span=Span(start, start + len(word)),
        text=word,
        rule_id="TEST",
        engine=engine,
        category="test",
        severity=Severity.MINOR,
        confidence=confidence,
        message="test",
        replacements=(replacement,),
    )


GARBLED = "Trump imposed 145% prices on Chinese products after the pricing talks failed."
CLEAN = "Oil prices rose on Monday after the trade talks failed."


def test_better_replacement_passes_and_worse_is_held_back(scorer: Scorer) -> None:
    doc = Document.from_text(GARBLED + "\n\n" + CLEAN)
    offset = len(GARBLED) + 2
    good = _finding(GARBLED, "prices", "tariffs", confidence=0.8)
    bad = _finding(CLEAN, "prices", "tariffs", confidence=0.8)
    bad = _shift(bad, offset)
    out = gate_findings(doc, [good, bad], scorer, FluencyOptions())
    by_start = {f.start: f for f in out}
    assert by_start[good.start].confidence > 0.8
    assert bad.start not in by_start or by_start[bad.start].confidence < 0.8


def test_gain_prefers_the_most_fluent_replacement(scorer: Scorer) -> None:
    doc = Document.from_text(GARBLED)
    f = _finding(GARBLED, "pricing", "prices")
    f = replace(f, replacements=("pricing", "trade"))
    (gain,) = gains(doc, [f], scorer)
    assert gain.best == 1 and gain.delta > 0
    (gated,) = gate_findings(doc, [f], scorer, FluencyOptions())
    assert gated.replacements[0] == "trade"


def test_own_findings_and_findings_without_replacement_are_untouched(scorer: Scorer) -> None:
    doc = Document.from_text(GARBLED)
    own = _finding(GARBLED, "prices", "tariffs", engine="fluency", confidence=0.5)
    bare = replace(own, replacements=(), engine="rules")
    assert gate_findings(doc, [own, bare], scorer, FluencyOptions()) == [own, bare]


def test_confidence_rises_with_the_gain_and_with_the_prior() -> None:
    o = FluencyOptions()
    assert gate_confidence(-3, 0.7, o) < gate_confidence(0, 0.7, o) < gate_confidence(3, 0.7, o)
    assert gate_confidence(1, 0.5, o) < gate_confidence(1, 0.95, o)


def _shift(f: Finding, offset: int) -> Finding:
    return replace(f, span=Span(f.start + offset, f.end + offset))


def test_an_unconfirmed_rule_match_lives_only_where_its_fix_reads_clearly_better(scorer: Scorer) -> None:
    garbled = "The pricing war between the two blocs has hurt exporters."
    right = "The pricing of the bonds was delayed by a week."
    doc = Document.from_text(garbled + "\n\n" + right)
    confirmable = replace(_finding(garbled, "pricing war", "trade war", confidence=0.85), unconfirmed=True)
    wrong = replace(_shift(_finding(right, "pricing", "trade", confidence=0.85), len(garbled) + 2), unconfirmed=True)
    out = gate_findings(doc, [confirmable, wrong], scorer, FluencyOptions())
    by_start = {f.start: f for f in out}
    assert not by_start[confirmable.start].unconfirmed
    assert by_start[confirmable.start].confidence >= 0.8
    assert by_start[wrong.start].unconfirmed  # left for the pipeline to drop


def test_a_hint_whose_fix_reads_worse_stays_a_hint_and_a_failing_finding_goes(scorer: Scorer) -> None:
    doc = Document.from_text(CLEAN)
    hint = replace(_finding(CLEAN, "prices", "tariffs", confidence=0.78), severity=Severity.INFO)
    failing = _finding(CLEAN, "prices", "tariffs", confidence=0.78)
    (kept,) = gate_findings(doc, [hint], scorer, FluencyOptions())
    assert kept.severity is Severity.INFO and kept.confidence < hint.confidence
    assert gate_findings(doc, [failing], scorer, FluencyOptions()) == []


def test_a_hint_no_gain_could_make_a_fix_is_left_as_it_is_and_not_scored(scorer: Scorer) -> None:
    doc = Document.from_text(CLEAN)
    weak = replace(_finding(CLEAN, "prices", "tariffs", confidence=0.35), severity=Severity.INFO)
    assert gate_findings(doc, [weak], scorer, FluencyOptions()) == [weak]
    assert gains(doc, [weak], scorer, lambda f: f is weak) == []
    options = FluencyOptions()
    assert gate_confidence(options.gate_clip, 0.35, options) < 0.8 <= gate_confidence(options.gate_clip, 0.78, options)


def test_in_full_mode_a_rule_hint_far_more_fluent_is_applied_like_a_proposal(scorer: Scorer) -> None:
    doc = Document.from_text(GARBLED)
    hint = replace(_finding(GARBLED, "prices", "tariffs", confidence=0.35), severity=Severity.INFO)
    spelling = replace(hint, engine="languagetool")
    (gain,) = gains(doc, [hint], scorer)
    options = FluencyOptions(hint_apply=min(gain.delta, 9.0))
    assert gain.delta >= 2.0
    (promoted,) = gate_findings(doc, [hint], scorer, options, hints_as_proposals=True)
    assert promoted.confidence >= 0.8
    (left,) = gate_findings(doc, [hint], scorer, options)
    assert left.confidence == 0.35  # gate mode: a settled hint, not scored
    (not_a_rule,) = gate_findings(doc, [spelling], scorer, options, hints_as_proposals=True)
    assert not_a_rule.confidence < 0.8
    (short,) = gate_findings(doc, [hint], scorer, FluencyOptions(hint_apply=gain.delta + 0.5), hints_as_proposals=True)
    assert short.confidence < 0.8
