"""The forward pass against facts any working English model satisfies."""

from __future__ import annotations

import numpy as np

from cleaner.checks.fluency.llama import LlamaModel
from cleaner.checks.fluency.scorer import Scorer, Window


def _sentence_logprob(scorer: Scorer, text: str) -> float:
    return sum(scorer.score([Window("", (text,))])[0][0])


def test_sensible_sentences_beat_garbled_ones(scorer: Scorer) -> None:
    pairs = [
        ("The capital of France is Paris.", "The capital of France is London."),
        ("Trump imposed 145% tariffs on Chinese products.", "Trump imposed 145% prices on Chinese products."),
        (
            "The United States has a large trade deficit with China.",
            "The United States has a large commercial imbalance with China.",
        ),
        ("She attended the summit in Geneva.", "She assisted to the summit in Geneva."),
    ]
    for good, bad in pairs:
        assert _sentence_logprob(scorer, good) > _sentence_logprob(scorer, bad) + 1.0, (good, bad)


def test_fluent_english_has_low_perplexity(scorer: Scorer) -> None:
    text = "The government said on Monday that it would raise interest rates to fight inflation."
    lps = scorer.score([Window("", (text,))])[0][0]
    assert -np.mean(lps) < 3.5
    shuffled = " ".join(reversed(text.rstrip(".").split())) + "."
    assert np.mean(scorer.score([Window("", (shuffled,))])[0][0]) < np.mean(lps) - 1.5


def test_rope_uses_the_files_base_frequency(scorer: Scorer) -> None:
    model: LlamaModel = scorer.model
    h = model.w.hyper
    assert h.rope_base == 100000.0
    assert model.inv_freq[1] == 1.0 / h.rope_base ** (2 / h.rope_dims)
