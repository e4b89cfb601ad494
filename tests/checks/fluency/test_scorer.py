"""The scorer: shared prefixes and packed batches change no score, only the work done."""

from __future__ import annotations

import os

import numpy as np
import pytest

from cleaner.checks.fluency import scorer as scorer_module
from cleaner.checks.fluency.gguf_weights import LlamaWeights
from cleaner.checks.fluency.score_cache import ScoreCache
from cleaner.checks.fluency.scorer import Scorer, Window, free_cores

WINDOWS = [
    Window("Trump imposed 145%", (" tariffs on Chinese products.", " prices on Chinese products.")),
    Window("Trump imposed", (" 145% tariffs on Chinese products.",)),
    Window("Oil", (" prices rose.",)),
]


def test_free_cores_is_at_least_one_and_at_most_the_machine() -> None:
    total = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    assert 1 <= free_cores() <= total


def test_packed_windows_equal_scoring_alone(scorer: Scorer) -> None:
    """Shared prefixes and packing change nothing: each continuation sees exactly its own context."""
    packed = scorer.score(WINDOWS)
    assert [len(scores) for scores in packed] == [2, 1, 1]
    for w, scores in zip(WINDOWS, packed, strict=True):
        for cont, got in zip(w.continuations, scores, strict=True):
            alone = scorer.score([Window(w.prefix, (cont,))])[0][0]
            assert len(got) == len(scorer.tokenizer.encode(cont))  # one log-probability per token
            assert np.allclose(got, alone, atol=2e-3)
    whole = scorer.score([Window("", ("Trump imposed 145% tariffs on Chinese products.",))])[0][0]
    assert np.allclose(packed[0][0], whole[-len(packed[0][0]) :], atol=2e-3)


def test_a_prefix_that_begins_another_shares_its_tokens(weights: LlamaWeights) -> None:
    shared = Scorer(weights, ScoreCache(None), threads=1)
    shared.score(WINDOWS[:2])
    apart = 0
    for w in WINDOWS[:2]:
        alone = Scorer(weights, ScoreCache(None), threads=1)
        alone.score([w])
        apart += alone.tokens_run
    assert 0 < shared.tokens_run < apart


def test_a_later_call_reuses_what_an_earlier_one_computed(weights: LlamaWeights) -> None:
    """Full mode's gate after its proposals: a shared sentence beginning is not run again, and scores the same."""
    first = [Window("Trump imposed 145%", (" tariffs on Chinese products.", " prices on Chinese products."))]
    later = [Window("Trump imposed 145% tariffs on", (" Chinese products.", " Chinese goods."))]
    warm = Scorer(weights, ScoreCache(None), threads=1)
    warm.score(first, same_text_next=True)
    before = warm.tokens_run
    reused = warm.score(later)
    warm_cost = warm.tokens_run - before
    plain = Scorer(weights, ScoreCache(None), threads=1)
    plain.score(first)
    before = plain.tokens_run
    fresh = plain.score(later)
    plain_cost = plain.tokens_run - before
    alone = Scorer(weights, ScoreCache(None), threads=1)
    alone.score(later)
    assert 0 < warm_cost < plain_cost == alone.tokens_run  # without the hint nothing is kept for the next call
    for a, b in zip(reused[0], fresh[0], strict=True):
        assert len(a) == len(b) and np.allclose(a, b, atol=2e-4)


def test_small_batches_give_the_same_scores(scorer: Scorer, monkeypatch: pytest.MonkeyPatch) -> None:
    one_pass = scorer.score(WINDOWS)
    monkeypatch.setattr(scorer_module, "BATCH_TOKENS", 8)  # every window its own forward pass
    split = scorer.score(WINDOWS)
    # another batch layout may move a score by a rounding step (1e-4), never more
    for a, b in zip(one_pass, split, strict=True):
        for x, y in zip(a, b, strict=True):
            assert len(x) == len(y) and np.allclose(x, y, atol=2e-4)


def test_a_continuation_asked_twice_is_computed_once(weights: LlamaWeights) -> None:
    fresh = Scorer(weights, ScoreCache(None), threads=1)
    twice = fresh.score([Window("Oil", (" prices rose.", " prices rose."))])
    once = Scorer(weights, ScoreCache(None), threads=1)
    assert twice[0][0] == twice[0][1] == once.score([Window("Oil", (" prices rose.",))])[0][0]
    assert fresh.tokens_run == once.tokens_run


def test_output_is_deterministic(scorer: Scorer) -> None:
    w = [Window("The talks between the two", (" blocs resumed on Monday.", " blocks resumed on Monday."))]
    assert scorer.score(w) == scorer.score(w)


def test_a_sentences_word_by_word_windows_share_one_pass(
    weights: LlamaWeights, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The surprise chains of a sentence (each word after its sentence so far) repeat their tokens: the pass
    limit counts distinct tree nodes, so they cost one forward pass, not one per few words."""
    sentence = (
        "The trade talks between the two countries were suspended on Thursday after the ministers "
        "failed to agree on the tariffs that both sides had raised during the spring."
    )
    words = sentence.split(" ")
    chains = [Window(" ".join(words[:k]), (" " + words[k],)) for k in range(1, len(words))]
    monkeypatch.setattr(scorer_module, "BATCH_TOKENS", 64)  # more than the sentence's tokens, far fewer than unrolled
    scorer = Scorer(weights, ScoreCache(None), threads=1)
    passes: list[int] = []
    run = scorer._run
    scorer._run = lambda batch: passes.append(len(batch)) or run(batch)  # type: ignore[method-assign]
    together = scorer.score(chains)
    assert passes == [len(chains)]
    unrolled = sum(len(scorer.sequences(w)[0]) for w in chains)
    assert unrolled > scorer_module.BATCH_TOKENS > scorer.tokens_run  # counted token by token: several passes
    alone = Scorer(weights, ScoreCache(None), threads=1).score(chains[-3:])
    for a, b in zip(together[-3:], alone, strict=True):
        assert np.allclose(a[0], b[0], atol=2e-4)


def test_paths_are_the_nodes_a_cold_call_runs(weights: LlamaWeights) -> None:
    """What the gate's budget counts is what the model runs: one node per distinct token path."""
    cold = Scorer(weights, ScoreCache(None), threads=1)
    cold.score(WINDOWS)
    assert cold.tokens_run == len(cold.paths(WINDOWS)) - _unfed(cold, WINDOWS) > 0


def _unfed(scorer: Scorer, windows: list[Window]) -> int:
    """Paths that end a sequence and begin none: their token is predicted, never fed in."""
    paths = scorer.paths(windows)
    return sum(1 for p in paths if not any(len(q) == len(p) + 1 and q[: len(p)] == p for q in paths))
