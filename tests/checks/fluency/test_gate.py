"""The gate on real model scores: clearly better corrections pass, worse ones are held back or dropped."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from cleaner.checks.fluency.gate import (
    MIN_GATE_TOKENS,
    gains,
    gate_budget,
    gate_confidence,
    gate_findings,
    judged,
    risk,
    within_budget,
)
from cleaner.checks.fluency.gguf_weights import LlamaWeights
from cleaner.checks.fluency.score_cache import ScoreCache
from cleaner.checks.fluency.scorer import Scorer, Window
from cleaner.checks.fluency.settings import FluencyOptions
from cleaner.checks.fluency.windows import window_for
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


def test_the_budget_grows_with_the_text_has_a_floor_and_zero_turns_it_off() -> None:
    words = " ".join(["word"] * 2000)
    assert gate_budget(Document.from_text(words), FluencyOptions(gate_tokens=230)) == 460
    assert gate_budget(Document.from_text("Two words."), FluencyOptions(gate_tokens=230)) == MIN_GATE_TOKENS
    assert gate_budget(Document.from_text(words), FluencyOptions(gate_tokens=0)) is None


def test_a_short_budget_judges_what_a_wrong_decision_costs_most_first() -> None:
    applied_unsure = _finding(GARBLED, "prices", "tariffs", confidence=0.82)
    applied_sure = _finding(GARBLED, "prices", "tariffs", confidence=0.95)
    failing = _finding(GARBLED, "prices", "tariffs", confidence=0.6)
    unconfirmed = replace(failing, unconfirmed=True)
    hint = replace(failing, severity=Severity.INFO)
    ranked = sorted([hint, unconfirmed, failing, applied_sure, applied_unsure], key=risk)
    assert ranked == [applied_unsure, applied_sure, failing, unconfirmed, hint]


def _paths(scorer: Scorer, window: Window) -> set[tuple[int, ...]]:
    return scorer.paths([window])


def test_within_the_budget_the_riskiest_windows_are_scored_and_a_shared_context_is_paid_once(scorer: Scorer) -> None:
    doc = Document.from_text(GARBLED)
    hint = replace(_finding(GARBLED, "pricing", "trade", confidence=0.78), severity=Severity.INFO)
    applied = _finding(GARBLED, "prices", "tariffs", confidence=0.9)
    findings = [hint, applied]
    hint_paths, applied_paths = (_paths(scorer, w) for w in _windows(doc, findings))
    assert hint_paths & applied_paths  # one sentence: "Trump imposed 145% prices on ..." is in both
    todo = judged(findings)
    assert within_budget(doc, findings, todo, scorer, len(applied_paths)) == [1]  # the applied fix, not the hint
    assert within_budget(doc, findings, todo, scorer, len(applied_paths) - 1) == []
    both = len(hint_paths | applied_paths)
    assert both < len(hint_paths) + len(applied_paths)
    assert within_budget(doc, findings, todo, scorer, both) == [0, 1]
    assert within_budget(doc, findings, todo, scorer, both - 1) == [1]


def test_paths_the_surprise_chains_ran_cost_the_budget_nothing(scorer: Scorer) -> None:
    from cleaner.checks.fluency.surprise import surprise_windows

    doc = Document.from_text(GARBLED)
    findings = [_finding(GARBLED, "pricing", "trade", confidence=0.9)]
    (window,) = _windows(doc, findings)
    known = scorer.paths(surprise_windows(doc)[1])
    own = _paths(scorer, window)
    cost = len(own - known)
    assert 0 < cost < len(own) // 2  # the context and the original words are the chain's; the replacement is not
    todo = judged(findings)
    assert within_budget(doc, findings, todo, scorer, cost, known) == [0]
    assert within_budget(doc, findings, todo, scorer, cost - 1, known) == []
    assert within_budget(doc, findings, todo, scorer, cost) == []


def test_findings_outside_the_budget_keep_their_confidence_and_unconfirmed_ones_stay_unconfirmed(
    scorer: Scorer,
) -> None:
    doc = Document.from_text(CLEAN)
    applied = _finding(CLEAN, "prices", "tariffs", confidence=0.9)
    unconfirmed = replace(_finding(CLEAN, "trade", "pricing", confidence=0.85), unconfirmed=True)
    judged_out = gate_findings(doc, [applied, unconfirmed], scorer, FluencyOptions())
    assert applied not in judged_out  # judged: "tariffs" reads worse than "prices" here, so it goes
    assert gate_findings(doc, [applied, unconfirmed], scorer, FluencyOptions(), budget=0) == [applied, unconfirmed]


def test_in_full_mode_rule_hints_are_scored_as_proposals_whatever_the_budget(scorer: Scorer) -> None:
    doc = Document.from_text(GARBLED)
    hint = replace(_finding(GARBLED, "prices", "tariffs", confidence=0.35), severity=Severity.INFO)
    (gain,) = gains(doc, [hint], scorer)
    options = FluencyOptions(hint_apply=min(gain.delta, 9.0))
    (promoted,) = gate_findings(doc, [hint], scorer, options, hints_as_proposals=True, budget=0)
    assert promoted.confidence >= 0.8


def _windows(doc: Document, findings: list[Finding]) -> list[Window]:
    return [window_for(doc, f.span, (f.text, *f.replacements)) for f in findings]


def test_the_budget_does_not_depend_on_the_score_cache(weights: LlamaWeights, tmp_path: Path) -> None:
    sentences = [
        "Trump imposed 145% prices on Chinese products after the pricing talks failed.",
        "Oil prices rose on Monday after the trade talks failed.",
        "The Chinese chief Xi assisted to the summit in Beijing on Thursday.",
        "The commercial imbalance with China grew again last year, the census office said.",
    ]
    text = "\n\n".join(sentences)
    doc = Document.from_text(text)
    swaps = [("prices", "tariffs"), ("pricing", "trade"), ("chief", "leader"), ("assisted to", "attended")]
    swaps += [("commercial imbalance", "trade deficit"), ("census office", "Census Bureau")]
    findings = [_finding(text, word, fix, confidence=0.85) for word, fix in swaps]
    options, budget = FluencyOptions(), 40  # room for some of the six windows, not all
    cache = tmp_path / "scores.sqlite"
    runs = []
    for _ in range(2):  # a cold score cache, then a warm one
        scorer = Scorer(weights, ScoreCache(cache), threads=1)
        runs.append(gate_findings(doc, findings, scorer, options, budget=budget))
        scorer.cache.close()
    assert runs[0] == runs[1]
    scorer = Scorer(weights, ScoreCache(cache), threads=1)
    assert 0 < len(within_budget(doc, findings, judged(findings), scorer, budget)) < len(findings)
