"""Round-trip scoring on one pair built by hand: hits, per-kind precision, restoration, alarms, misses."""

from __future__ import annotations

import pytest

from cleaner.document.spans import Span
from cleaner.evaluation.metrics import sentence_chrf
from cleaner.evaluation.predict import Flag
from cleaner.evaluation.roundtrip import RoundTripPair, gold_spans
from cleaner.evaluation.roundtrip_predict import PairPrediction
from cleaner.evaluation.roundtrip_report import (
    chance_prf,
    false_alarms,
    kind_prf,
    restoration,
    rule_scores,
    score_pair,
    span_prf,
    top_misses,
)
from cleaner.findings import Severity

ORIGINAL = "He said the talks on Monday went well and prices rose."
GARBLED = "Said the talks at Monday went well and the prices rose."
# gold: "He said" → "Said" [0,4) phrase; "on" → "at" [15,17) function word; inserted "the" [39,42)


def _flag(start: int, end: int, rule: str = "R", severity: Severity = Severity.MINOR) -> Flag:
    return Flag(Span(start, end), GARBLED[start:end], "rules", rule, "grammar", severity, 0.9)


def _prediction(flags: tuple[Flag, ...], fixed: str = GARBLED, on_original: tuple[Flag, ...] = ()) -> PairPrediction:
    pair = RoundTripPair("d:1", ORIGINAL, GARBLED, "spa", "", gold_spans(ORIGINAL, GARBLED))
    return PairPrediction(pair, flags, fixed, fixed, on_original)


def test_the_gold_of_the_hand_made_pair() -> None:
    gold = gold_spans(ORIGINAL, GARBLED)
    assert [(g.span, g.kind) for g in gold] == [
        (Span(0, 4), "phrase"),
        (Span(15, 17), "function word"),
        (Span(39, 42), "inserted"),
    ]


def test_hits_and_per_kind_precision() -> None:
    pred = _prediction((_flag(15, 17), _flag(43, 49), _flag(15, 17, "S")))  # "at" twice, "prices" (no garble)
    score = score_pair(pred)
    assert score.gold_hit == (False, True, False)
    prf = span_prf([pred], [score])
    assert (prf.p_hits, prf.p_total, prf.r_hits, prf.r_total) == (2, 3, 1, 3)
    fw = kind_prf([pred], [score], "function word")
    assert (fw.p_hits, fw.p_total, fw.r_hits, fw.r_total) == (2, 3, 1, 1)
    phrase = kind_prf([pred], [score], "phrase")
    assert (phrase.p_hits, phrase.p_total, phrase.r_hits, phrase.r_total) == (0, 1, 0, 1)
    rules = {r.rule: r for r in rule_scores([pred])}
    assert (rules["rules:R"].fires, rules["rules:R"].hits, rules["rules:R"].gold_hit) == (2, 1, 1)
    assert top_misses([pred]) == [
        {"original": "", "garbled": "the", "kind": "inserted", "count": 1},
        {"original": "He said", "garbled": "Said", "kind": "phrase", "count": 1},
    ]


def test_restoration_is_the_mean_per_document_chrf_gain() -> None:
    fixed = "He said the talks on Monday went well and the prices rose."
    pred = _prediction((), fixed)
    r = restoration([pred, _prediction(())], [fixed, GARBLED])
    gain = sentence_chrf(fixed, ORIGINAL) - sentence_chrf(GARBLED, ORIGINAL)
    assert gain > 0
    assert r["chrf_gain_mean"] == pytest.approx(gain / 2)
    assert (r["better"], r["worse"], r["unchanged"], r["changed_documents"]) == (1, 0, 1, 1)


def test_false_alarms_count_each_original_once() -> None:
    alarms = (_flag(0, 2, severity=Severity.MAJOR), _flag(3, 7, severity=Severity.INFO))
    preds = [_prediction((), on_original=alarms), _prediction((), on_original=alarms)]
    fa = false_alarms(preds, Severity.MINOR)
    words = len(ORIGINAL.split())
    assert (fa["documents"], fa["words"], fa["findings"], fa["major"], fa["failing"]) == (1, words, 2, 1, 1)
    assert fa["per_1000_failing"] == pytest.approx(1000 / words)


def test_chance_scores_as_many_flags_at_random_words_and_is_seeded() -> None:
    # 3 of the 11 words of the garble are gold, so flags put anywhere hit some of the time, exact ones always
    exact = _prediction((_flag(0, 4), _flag(15, 17), _flag(39, 42)))
    real = span_prf([exact], [score_pair(exact)])
    chance = chance_prf([exact], draws=50)
    assert real.precision == 1.0 and chance.p_total == 150
    assert 0.1 < chance.precision < 0.6
    assert chance == chance_prf([exact], draws=50)
    assert chance_prf([_prediction(())]).p_total == 0
