"""The Llama forward pass in numpy: RMSNorm, RoPE, grouped-query attention, SwiGLU, tied embeddings.

One call runs a :class:`~cleaner.checks.fluency.token_tree.TokenTree`: the
distinct token paths of many windows, each node attending to its ancestors.
Every matrix product covers all nodes at once; attention runs per block of
whole subtrees, so its cost grows with the blocks' sizes, not with the
square of the batch.  Logits are computed once per node whose next token is
scored, however many continuations share that node.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from cleaner.checks.fluency.gguf_weights import LlamaWeights
from cleaner.checks.fluency.token_tree import TokenTree

F32 = npt.NDArray[Any]
"""Float arrays (float32 in practice; numpy's stubs lose the precision through arithmetic)."""
I64 = npt.NDArray[np.int64]
VOCAB_SLICE = 4096
"""Vocabulary rows converted to float32 at a time for the output projection (bounded memory: 9 MB a slice)."""
_HALF_TO_SINGLE = np.float32(2.0**112)
"""Rebiases a half-precision exponent moved into single-precision position (exact, subnormals included)."""


@dataclass(frozen=True)
class Computed:
    """What one pass computed, by token path, for a later pass over the same text to reuse (a KV cache)."""

    index: dict[tuple[int, ...], int]
    keys: F32
    """(layers, nodes, kv_heads, head_dim), after RoPE."""
    values: F32
    hidden: F32
    """(nodes, dim): the last layer's output, before the final norm."""
    fresh: int
    """Nodes this pass ran through the model (the others it took from the earlier pass)."""


class LlamaModel:
    """A Llama-architecture decoder over weights from :mod:`cleaner.checks.fluency.gguf_weights`."""

    def __init__(self, weights: LlamaWeights) -> None:
        self.w = weights
        h = weights.hyper
        self.head_dim = h.dim // h.heads
        rot = h.rope_dims
        self.inv_freq = (1.0 / (h.rope_base ** (np.arange(0, rot, 2, dtype=np.float64) / rot))).astype(np.float64)

    def token_logprobs(self, tree: TokenTree, reuse: Computed | None = None) -> tuple[F32, Computed]:
        """log p(tree.targets[k] | the path to node tree.rows[k]) for each scored pair k, and what this pass computed.

        Nodes whose token path ``reuse`` (an earlier pass) holds are not computed again: their keys, values
        and output come from there, and the other nodes attend to them as to a KV cache.
        """
        rows, inverse = np.unique(tree.rows, return_inverse=True)
        halves = _Halves()
        computed = self._forward(tree, halves, reuse)
        x = _rms_norm(computed.hidden[rows], self.w.output_norm, self.w.hyper.norm_eps)
        return _log_softmax_at(x, self.w.embedding, inverse.reshape(-1), tree.targets, halves), computed

    def _forward(self, tree: TokenTree, halves: _Halves, reuse: Computed | None) -> Computed:
        h = self.w.hyper
        n = tree.size
        known = np.array([reuse.index.get(p, -1) if reuse else -1 for p in tree.paths], dtype=np.int64)
        new = np.flatnonzero(known < 0)
        old = np.flatnonzero(known >= 0)
        keys = np.empty((h.layers, n, h.kv_heads, self.head_dim), dtype=np.float32)
        values = np.empty_like(keys)
        hidden = np.empty((n, h.dim), dtype=np.float32)
        if reuse is not None and len(old):
            keys[:, old] = reuse.keys[:, known[old]]
            values[:, old] = reuse.values[:, known[old]]
            hidden[old] = reuse.hidden[known[old]]
        if len(new):
            hidden[new] = self._hidden(tree, new, keys, values, halves)
        return Computed({p: i for i, p in enumerate(tree.paths)}, keys, values, hidden, len(new))

    def _hidden(self, tree: TokenTree, new: I64, keys: F32, values: F32, halves: _Halves) -> F32:
        """The output of the nodes ``new`` (ascending); ``keys``/``values`` hold the other nodes' and get theirs."""
        h = self.w.hyper
        x: F32 = single(self.w.embedding[tree.tokens[new]])
        cos, sin = self._rope(tree.positions[new])
        n = len(new)
        # per block, the new nodes among its own (a contiguous run of ``new``) and their rows of the mask
        plan = []
        for b in tree.blocks:
            lo, hi = np.searchsorted(new, [b.start, b.stop])
            if hi > lo:
                bias = np.where(b.visible[new[lo:hi] - b.start], np.float32(0.0), np.float32(-np.inf))
                plan.append((b.start, b.stop, b.context, int(lo), int(hi), bias.astype(np.float32)))
        group = h.heads // h.kv_heads
        scale = np.float32(1.0 / np.sqrt(self.head_dim))
        out = np.empty((n, h.heads, self.head_dim), dtype=np.float32)
        for i, layer in enumerate(self.w.layers):
            a = _rms_norm(x, layer["attn_norm"], h.norm_eps)
            q = _apply_rope((a @ layer["attn_q"].T).reshape(n, h.heads, self.head_dim), cos, sin)
            keys[i, new] = _apply_rope((a @ layer["attn_k"].T).reshape(n, h.kv_heads, self.head_dim), cos, sin)
            values[i, new] = (a @ layer["attn_v"].T).reshape(n, h.kv_heads, self.head_dim)
            k, v = keys[i], values[i]
            for s, e, c, lo, hi, bias in plan:
                kb = np.concatenate([k[:c], k[s:e]]) if c else k[s:e]
                vb = np.concatenate([v[:c], v[s:e]]) if c else v[s:e]
                m = hi - lo
                # (kv, group, m, d) @ (kv, 1, d, keys): every query head of a group shares its key/value head
                qh = q[lo:hi].reshape(m, h.kv_heads, group, self.head_dim).transpose(1, 2, 0, 3)
                scores = (qh @ kb.transpose(1, 2, 0)[:, None]) * scale + bias
                scores -= scores.max(axis=-1, keepdims=True)
                np.exp(scores, out=scores)
                scores /= scores.sum(axis=-1, keepdims=True)
                out[lo:hi] = (scores @ vb.transpose(1, 0, 2)[:, None]).transpose(2, 0, 1, 3).reshape(m, h.heads, -1)
            x = x + out.reshape(n, h.dim) @ layer["attn_output"].T
            m2 = _rms_norm(x, layer["ffn_norm"], h.norm_eps)
            gate = m2 @ layer["ffn_gate"].T
            up = m2 @ halves.convert(layer["ffn_up"]).T
            x = x + (_silu(gate) * up) @ halves.convert(layer["ffn_down"]).T
        return x

    def _rope(self, positions: I64) -> tuple[F32, F32]:
        angles = positions[:, None].astype(np.float64) * self.inv_freq[None, :]
        return np.cos(angles).astype(np.float32), np.sin(angles).astype(np.float32)


def single(a: F32) -> F32:
    """``a`` as a new float32 array."""
    return _Halves().convert(a).copy() if a.dtype == np.float16 else np.asarray(a, dtype=np.float32)


class _Halves:
    """Half-precision weights converted to float32 into buffers reused for every layer of one pass.

    numpy's own cast runs about 0.5 G values/s and a fresh 3.5 MB array costs page faults on every
    layer; integer operations into the same buffers are several times faster (and exact:
    subnormals included; the weights have no infinities or NaNs).
    """

    def __init__(self) -> None:
        self._buffers: dict[int, tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32]]] = {}

    def convert(self, a: F32) -> F32:
        """float32 values of ``a``, valid until the next conversion of an array of the same size."""
        if a.dtype != np.float16:
            return np.asarray(a, dtype=np.float32)
        half = np.asarray(a).view(np.uint16)
        if half.size not in self._buffers:
            self._buffers[half.size] = (np.empty(half.size, np.uint32), np.empty(half.size, np.uint32))
        bits, sign = (b.reshape(half.shape) for b in self._buffers[half.size])
        np.copyto(bits, half, casting="unsafe")
        np.bitwise_and(bits, 0x8000, out=sign)
        np.left_shift(sign, 16, out=sign)
        np.bitwise_and(bits, 0x7FFF, out=bits)
        np.left_shift(bits, 13, out=bits)
        out: F32 = bits.view(np.float32)
        np.multiply(out, _HALF_TO_SINGLE, out=out)
        np.bitwise_or(bits, sign, out=bits)
        return out


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


def _silu(x: F32) -> F32:
    return x / (np.float32(1.0) + np.exp(-x))


def _log_softmax_at(x: F32, embedding: F32, rows: I64, targets: I64, halves: _Halves) -> F32:
    """log-softmax of x @ embedding.T at (rows[k], targets[k]), a vocabulary slice at a time (online log-sum-exp)."""
    n = x.shape[0]
    running_max = np.full(n, -np.inf, dtype=np.float32)
    running_sum = np.zeros(n, dtype=np.float64)
    target_logit = np.zeros(len(targets), dtype=np.float64)
    for start in range(0, embedding.shape[0], VOCAB_SLICE):
        block = halves.convert(embedding[start : start + VOCAB_SLICE])
        logits = x @ block.T
        new_max = np.maximum(running_max, logits.max(axis=1))
        inside = (targets >= start) & (targets < start + block.shape[0])
        if inside.any():
            idx = np.nonzero(inside)[0]
            target_logit[idx] = logits[rows[idx], targets[idx] - start]
        np.subtract(logits, new_max[:, None], out=logits)
        np.exp(logits, out=logits)
        rescale = np.exp((running_max - new_max).astype(np.float64))
        running_sum = running_sum * rescale + logits.sum(axis=1)
        running_max = new_max
    total = running_max.astype(np.float64) + np.log(running_sum)
    return (target_logit - total[rows]).astype(np.float32)
