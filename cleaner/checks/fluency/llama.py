"""The Llama forward pass in numpy: RMSNorm, RoPE, grouped-query attention, SwiGLU, tied embeddings.

One call runs a *packed* batch: many short token sequences laid end to end,
each token with its own position and a visibility mask saying which earlier
tokens it attends to.  A window's left context is one run of tokens that
several continuations attend to, so the shared prefix is computed once (the
same saving as reusing a KV cache) and every matrix product covers the whole
batch.  Logits are computed only for the rows whose next token is scored.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from cleaner.checks.fluency.gguf_weights import LlamaWeights

F32 = npt.NDArray[Any]
"""Float arrays (float32 in practice; numpy's stubs lose the precision through arithmetic)."""
I64 = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]
VOCAB_SLICE = 8192
"""Vocabulary rows converted to float32 at a time for the output projection (bounded memory)."""


class LlamaModel:
    """A Llama-architecture decoder over weights from :mod:`cleaner.checks.fluency.gguf_weights`."""

    def __init__(self, weights: LlamaWeights) -> None:
        self.w = weights
        h = weights.hyper
        self.head_dim = h.dim // h.heads
        rot = h.rope_dims
        self.inv_freq = (1.0 / (h.rope_base ** (np.arange(0, rot, 2, dtype=np.float64) / rot))).astype(np.float64)

    def token_logprobs(self, tokens: I64, positions: I64, visible: Mask, rows: I64, targets: I64) -> F32:
        """log p(targets[k] | what row ``rows[k]`` sees), for each k.

        ``visible[i, j]`` is True when token i attends to token j (j ≤ i within one sequence).
        """
        hidden = self._hidden(tokens, positions, visible)
        x = _rms_norm(hidden[rows], self.w.output_norm, self.w.hyper.norm_eps)
        return _log_softmax_at(x, self.w.embedding, targets)

    def _hidden(self, tokens: I64, positions: I64, visible: Mask) -> F32:
        h = self.w.hyper
        x: F32 = np.asarray(self.w.embedding[tokens], dtype=np.float32)
        cos, sin = self._rope(positions)
        bias = np.where(visible, np.float32(0.0), np.float32(-np.inf)).astype(np.float32)
        n = len(tokens)
        group = h.heads // h.kv_heads
        scale = np.float32(1.0 / np.sqrt(self.head_dim))
        for layer in self.w.layers:
            a = _rms_norm(x, layer["attn_norm"], h.norm_eps)
            q = (a @ layer["attn_q"].T).reshape(n, h.heads, self.head_dim)
            k = (a @ layer["attn_k"].T).reshape(n, h.kv_heads, self.head_dim)
            v = (a @ layer["attn_v"].T).reshape(n, h.kv_heads, self.head_dim)
            q = _apply_rope(q, cos, sin)
            k = _apply_rope(k, cos, sin)
            # (kv, group, n, d) @ (kv, 1, d, n): every query head of a group shares its key/value head
            qh = q.reshape(n, h.kv_heads, group, self.head_dim).transpose(1, 2, 0, 3)
            kh = k.transpose(1, 2, 0)[:, None]
            scores = (qh @ kh) * scale + bias
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            out = scores @ v.transpose(1, 0, 2)[:, None]
            x = x + out.transpose(2, 0, 1, 3).reshape(n, h.dim) @ layer["attn_output"].T
            m = _rms_norm(x, layer["ffn_norm"], h.norm_eps)
            gate = m @ layer["ffn_gate"].T
            up = m @ _f32(layer["ffn_up"]).T
            x = x + (_silu(gate) * up) @ _f32(layer["ffn_down"]).T
        return x

    def _rope(self, positions: I64) -> tuple[F32, F32]:
        angles = positions[:, None].astype(np.float64) * self.inv_freq[None, :]
        return np.cos(angles).astype(np.float32), np.sin(angles).astype(np.float32)


def _rms_norm(x: F32, weight: F32, eps: float) -> F32:
    scale = 1.0 / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + np.float32(eps))
    out: F32 = (x * scale.astype(np.float32)) * weight
    return out


def _apply_rope(x: F32, cos: F32, sin: F32) -> F32:
    """Rotate adjacent pairs (GGUF's Llama layout; the converter permuted Q and K to match)."""
    rot = cos.shape[1] * 2
    head = x[..., :rot]
    even, odd = head[..., 0::2], head[..., 1::2]
    c, s = cos[:, None, :], sin[:, None, :]
    rotated = np.empty_like(head)
    rotated[..., 0::2] = even * c - odd * s
    rotated[..., 1::2] = even * s + odd * c
    if rot == x.shape[-1]:
        return rotated
    return np.concatenate([rotated, x[..., rot:]], axis=-1)


def _f32(a: F32) -> F32:
    return np.asarray(a, dtype=np.float32)


def _silu(x: F32) -> F32:
    return x / (np.float32(1.0) + np.exp(-x))


def _log_softmax_at(x: F32, embedding: F32, targets: I64) -> F32:
    """log-softmax of x @ embedding.T at ``targets``, a vocabulary slice at a time (online log-sum-exp)."""
    rows = x.shape[0]
    running_max = np.full(rows, -np.inf, dtype=np.float64)
    running_sum = np.zeros(rows, dtype=np.float64)
    target_logit = np.zeros(rows, dtype=np.float64)
    for start in range(0, embedding.shape[0], VOCAB_SLICE):
        block = np.asarray(embedding[start : start + VOCAB_SLICE], dtype=np.float32)
        logits = (x @ block.T).astype(np.float64)
        block_max = logits.max(axis=1)
        new_max = np.maximum(running_max, block_max)
        running_sum = running_sum * np.exp(running_max - new_max) + np.exp(logits - new_max[:, None]).sum(axis=1)
        running_max = new_max
        inside = (targets >= start) & (targets < start + block.shape[0])
        if inside.any():
            idx = np.nonzero(inside)[0]
            target_logit[idx] = logits[idx, targets[idx] - start]
    return (target_logit - running_max - np.log(running_sum)).astype(np.float32)
