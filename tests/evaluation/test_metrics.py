"""The scoring functions on small cases worked out by hand."""

from __future__ import annotations

import pytest

from cleaner.document.spans import Span
from cleaner.evaluation import metrics


def test_hits_any_overlap_and_insertion_points() -> None:
    gold = Span(4, 12)
    assert metrics.hits(Span(11, 15), gold)
    assert not metrics.hits(Span(12, 15), gold)  # touching is not overlapping
    assert not metrics.hits(Span(0, 4), gold)
    assert metrics.hits(Span(4, 4), gold)  # an insertion point inside the span
    assert metrics.hits(Span(11, 11), gold)
    assert not metrics.hits(Span(12, 12), gold)


def test_span_prf_counts_predictions_and_gold_separately() -> None:
    # one prediction covers two gold spans: precision 1/2 (two predictions), recall 2/3
    predicted = [Span(0, 10), Span(20, 22)]
    gold = [Span(1, 2), Span(5, 6), Span(30, 31)]
    prf = metrics.span_prf(predicted, gold)
    assert (prf.p_hits, prf.p_total, prf.r_hits, prf.r_total) == (1, 2, 2, 3)
    assert prf.precision == pytest.approx(1 / 2)
    assert prf.recall == pytest.approx(2 / 3)
    assert prf.f1 == pytest.approx(2 * (1 / 2) * (2 / 3) / (1 / 2 + 2 / 3))  # 4/7


def test_lenient_precision_uses_its_own_gold() -> None:
    prf = metrics.span_prf([Span(20, 22)], [Span(1, 2)], precision_gold=[Span(21, 25)])
    assert (prf.p_hits, prf.p_total, prf.r_hits, prf.r_total) == (1, 1, 0, 1)


def test_char_prf_uses_character_sets() -> None:
    # predicted chars 0-9 and 5-14 overlap: 15 distinct characters; gold 10-19: 10 characters; shared 10-14: 5
    prf = metrics.char_prf([Span(0, 10), Span(5, 15)], [Span(10, 20)])
    assert (prf.p_hits, prf.p_total, prf.r_hits, prf.r_total) == (5, 15, 5, 10)
    assert prf.f1 == pytest.approx(2 * 5 / (15 + 10))


def test_segment_prf() -> None:
    prf = metrics.segment_prf([(True, True), (True, False), (False, True), (False, False), (True, True)])
    assert (prf.p_hits, prf.p_total, prf.r_hits, prf.r_total) == (2, 3, 2, 3)


def test_empty_counts_score_zero() -> None:
    assert metrics.ZERO.precision == metrics.ZERO.recall == metrics.ZERO.f1 == 0.0
    assert metrics.mean_length([]) == 0.0
    assert metrics.mean_length([Span(0, 3), Span(5, 10)]) == 4.0


def test_correlation_on_a_hand_set() -> None:
    # x = 1..4, y = 1,3,2,4: Σdxdy = 4, Σdx² = Σdy² = 5 → r = 0.8;
    # 5 concordant pairs, 1 discordant, no ties → τ-b = 4/6
    result = metrics.correlation([1.0, 2.0, 3.0, 4.0], [1.0, 3.0, 2.0, 4.0])
    assert result["n"] == 4
    assert result["pearson"] == pytest.approx(0.8)
    assert result["kendall_tau_b"] == pytest.approx(4 / 6)


def test_kendall_tau_b_with_ties() -> None:
    # x = 1,1,2 and y = 1,2,3: pairs (1,2) tie in x; (1,3), (2,3) concordant.
    # τ-b = (C - D) / sqrt((n0 - n1)(n0 - n2)) = 2 / sqrt((3 - 1)(3 - 0)) = 2 / sqrt(6)
    result = metrics.correlation([1.0, 1.0, 2.0], [1.0, 2.0, 3.0])
    assert result["kendall_tau_b"] == pytest.approx(2 / 6**0.5)


def test_correlation_is_undefined_for_constant_input() -> None:
    assert metrics.correlation([1.0, 1.0, 1.0], [1.0, 2.0, 3.0])["pearson"] is None
    assert metrics.correlation([1.0], [2.0])["kendall_tau_b"] is None


def test_correction_scores_perfect_fix() -> None:
    refs = ["The huge dog barked.", "Prices rose."]
    before = ["The very big dog barked.", "Prices rose."]
    after = ["The huge dog barked.", "Prices rose."]
    scores = metrics.correction_scores(before, after, refs, samples=50)
    assert scores.chrf_after == pytest.approx(100.0)  # identical to the references
    assert scores.bleu_after == pytest.approx(100.0)
    assert scores.chrf_delta > 0 and scores.bleu_delta > 0
    assert (scores.changed, scores.wins, scores.ties, scores.losses) == (1, 1, 0, 0)
    assert scores.chrf_p_value is not None and 0 < scores.chrf_p_value <= 1


def test_correction_scores_loss_tie_and_nothing_changed() -> None:
    refs = ["Prices rose sharply.", "It rained."]
    before = ["Prices rose sharply.", "It rained."]
    # a worse segment, and a whitespace-only change (chrF ignores whitespace: a tie)
    after = ["Prices fell sharply.", "It  rained."]
    scores = metrics.correction_scores(before, after, refs, samples=0)
    assert (scores.changed, scores.wins, scores.ties, scores.losses) == (2, 0, 1, 1)
    assert scores.chrf_delta < 0
    assert scores.chrf_p_value is None  # no bootstrap asked for
    same = metrics.correction_scores(before, before, refs)
    assert same.chrf_delta == 0.0 and same.changed == 0 and same.chrf_p_value is None


def test_sacrebleu_defaults_match_the_corpus_functions() -> None:
    import sacrebleu

    hyps, refs = ["The cat sat on a mat.", "Dogs bark."], ["The cat sat on the mat.", "Dogs are barking."]
    scores = metrics.correction_scores(hyps, hyps, refs, samples=0)
    assert scores.chrf_before == pytest.approx(sacrebleu.corpus_chrf(hyps, [refs]).score)
    assert scores.bleu_before == pytest.approx(sacrebleu.corpus_bleu(hyps, [refs]).score)


def test_rates_and_distribution() -> None:
    assert metrics.per_thousand(3, 1500) == pytest.approx(2.0)
    assert metrics.per_thousand(3, 0) == 0.0
    assert metrics.rates({"b": 1, "a": 4}, 2000) == {"a": 2.0, "b": 0.5}
    dist = metrics.distribution([4.0, 1.0, 3.0, 2.0])
    assert dist == {"mean": 2.5, "median": 2.5, "p90": 4.0, "max": 4.0}
    assert metrics.distribution([])["mean"] == 0.0


def test_chance_spans_keep_count_and_lengths_and_start_at_words() -> None:
    import random

    text = "one two three four five"
    moved = metrics.chance_spans([Span(0, 3), Span(4, 4), Span(8, 23)], text, random.Random(1))
    assert [len(s) for s in moved[:2]] == [3, 0] and len(moved) == 3
    assert all(s.start in (0, 4, 8, 14, 19) and s.end <= len(text) for s in moved)


def test_chance_prf_is_seeded_and_scores_what_random_flags_would() -> None:
    text = "aaaa bbbb cccc dddd"
    # the gold covers every word: any flag anywhere hits, so chance precision is 1
    everywhere = [(Span(0, 19),)]
    seg = ([Span(0, 1)], everywhere[0], text)
    prf = metrics.chance_prf([seg], draws=4)
    assert (prf.p_hits, prf.p_total) == (4, 4)
    # one gold word of four: a one-character flag hits it in about a quarter of draws
    quarter = metrics.chance_prf([([Span(0, 1)], (Span(10, 14),), text)], draws=400)
    assert 0.15 < quarter.precision < 0.35
    assert quarter == metrics.chance_prf([([Span(0, 1)], (Span(10, 14),), text)], draws=400)
