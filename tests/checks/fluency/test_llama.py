"""The forward pass against facts any working English model satisfies."""

from __future__ import annotations

import numpy as np

from cleaner.checks.fluency.gguf_weights import LlamaWeights
from cleaner.checks.fluency.llama import LlamaModel, single
from cleaner.checks.fluency.score_cache import ScoreCache
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


def _plain_logprobs(weights: LlamaWeights, ids: list[int]) -> np.ndarray:
    """log p(ids[i] | ids[:i]) for i ≥ 1 by the textbook forward: one sequence, dense causal attention, head by head."""
    h = weights.hyper
    d = h.dim // h.heads
    assert h.rope_dims == d

    def f32(a: np.ndarray) -> np.ndarray:
        return np.asarray(a, dtype=np.float32)

    def norm(v: np.ndarray, w: np.ndarray) -> np.ndarray:
        return v / np.sqrt(np.mean(v * v, axis=-1, keepdims=True) + h.norm_eps) * f32(w)

    n = len(ids)
    angles = np.arange(n)[:, None] / h.rope_base ** (np.arange(0, d, 2)[None, :] / d)
    cos, sin = np.cos(angles)[:, None], np.sin(angles)[:, None]

    def rope(t: np.ndarray) -> np.ndarray:
        out = np.empty_like(t)
        out[..., 0::2] = t[..., 0::2] * cos - t[..., 1::2] * sin
        out[..., 1::2] = t[..., 0::2] * sin + t[..., 1::2] * cos
        return out

    causal = np.tril(np.ones((n, n), dtype=bool))
    x = f32(weights.embedding[ids])
    for layer in weights.layers:
        a = norm(x, layer["attn_norm"])
        q = rope((a @ f32(layer["attn_q"]).T).reshape(n, h.heads, d))
        k = rope((a @ f32(layer["attn_k"]).T).reshape(n, h.kv_heads, d))
        v = (a @ f32(layer["attn_v"]).T).reshape(n, h.kv_heads, d)
        heads = []
        for head in range(h.heads):
            kv = head // (h.heads // h.kv_heads)
            s = np.where(causal, q[:, head] @ k[:, kv].T / np.sqrt(d), -np.inf)
            p = np.exp(s - s.max(axis=1, keepdims=True))
            heads.append((p / p.sum(axis=1, keepdims=True)) @ v[:, kv])
        x = x + np.concatenate(heads, axis=1) @ f32(layer["attn_output"]).T
        m = norm(x, layer["ffn_norm"])
        gate = m @ f32(layer["ffn_gate"]).T
        x = x + (gate / (1 + np.exp(-gate)) * (m @ f32(layer["ffn_up"]).T)) @ f32(layer["ffn_down"]).T
    logits = (norm(x, weights.output_norm) @ f32(weights.embedding).T).astype(np.float64)
    top = logits.max(axis=1, keepdims=True)
    logp = logits - top - np.log(np.exp(logits - top).sum(axis=1, keepdims=True))
    return logp[np.arange(n - 1), ids[1:]]


def test_the_shared_tree_gives_the_plain_forward_passs_log_probabilities(scorer: Scorer) -> None:
    """Windows of one sentence scored together (shared nodes, blocked attention) = each sequence alone, textbook."""
    windows = [
        Window("The United States has led a", (" 295 billion dollar commercial", " $295 billion trade")),
        Window("The United States has led a 295 billion dollar", (" commercial imbalance with", " trade deficit")),
        Window("Oil", (" prices rose.",)),
    ]
    fresh = Scorer(scorer.model.w, ScoreCache(None), threads=1)
    scores = fresh.score(windows)
    assert fresh.tokens_run < sum(len(fresh.tokenizer.encode(w.prefix + c)) for w in windows for c in w.continuations)
    tok = fresh.tokenizer
    for w, per_variant in zip(windows, scores, strict=True):
        for cont, got in zip(w.continuations, per_variant, strict=True):
            prefix = [tok.endoftext, *tok.encode(w.prefix)]
            plain = _plain_logprobs(fresh.model.w, [*prefix, *tok.encode(cont)])[len(prefix) - 1 :]
            assert len(got) == len(plain)
            assert np.max(np.abs(np.array(got) - plain)) < 1e-3, (w.prefix, cont)


def test_half_precision_weights_convert_exactly() -> None:
    every = np.arange(1 << 16, dtype=np.uint32).astype(np.uint16).view(np.float16)
    finite = every[np.isfinite(every)].reshape(-1, 8)
    assert np.array_equal(single(finite).view(np.uint32), finite.astype(np.float32).view(np.uint32))
    assert single(finite).dtype == np.float32
