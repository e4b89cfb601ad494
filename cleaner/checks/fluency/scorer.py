"""Scoring text with the language model: windows, a shared token tree, cache, threads.

A :class:`Window` is a left context and a few continuations (the original
words and their alternatives, each followed by the same right context).  All
the windows of a call not in the score cache go into one token tree
(:mod:`cleaner.checks.fluency.token_tree`): a context shared by several
continuations, or by the windows of one sentence, is computed once, and a
whole article's candidates cost one forward pass.  A pass reuses the keys
and values of the previous one wherever its token paths recur: within a call
split into several passes, and from one call to the next on the same text
(full mode scores an article's proposals and surprising words, then its gate:
their windows share sentence beginnings).  Results are rounded so that a score read from the
cache equals a freshly computed one.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cleaner.checks.fluency.gguf_weights import LlamaWeights, load_weights
from cleaner.checks.fluency.llama import Computed, LlamaModel
from cleaner.checks.fluency.score_cache import ScoreCache, score_key
from cleaner.checks.fluency.token_tree import NodeCount, build_tree
from cleaner.checks.fluency.tokenizer import Tokenizer

BATCH_TOKENS = 2048
"""Tree nodes (distinct token paths) per forward pass at most: an article's windows in one pass, in bounded memory
(activations and keys/values of 2,048 nodes take about 160 MB).  Counted after shared tokens merge, because a pass
costs a fixed 0.2-0.4 s (every weight read and converted) on top of its nodes: the surprise chains of one
sentence, counted token by token, would take a pass for every few words.  Full mode's check (proposals and
surprise chains of a 700-word article, about 1,000-1,300 nodes) fits one pass."""
KEEP_NODES = 2048
"""A pass of at most this many nodes is kept for the next one to reuse (46 KB a node: at most 94 MB)."""
DIGITS = 4


@dataclass(frozen=True, slots=True)
class Window:
    """Continuations scored after one shared left context; ``prefix`` ends where they begin."""

    prefix: str
    continuations: tuple[str, ...]


def free_cores() -> int:
    """CPU cores not busy with other work right now (at least one), from the load average."""
    total = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:
        busy = os.getloadavg()[0]
    except OSError:
        busy = 0.0
    return max(1, min(total, int(total - busy + 0.5)))


class Scorer:
    """Per-token log-probabilities of continuations, from the model or the cache."""

    def __init__(self, weights: LlamaWeights, cache: ScoreCache, threads: int) -> None:
        self.model = LlamaModel(weights)
        self.tokenizer = Tokenizer(weights.tokens, weights.merges)
        self.cache = cache
        self.threads = max(1, threads)
        self.model_id = f"{weights.source.name}:{weights.source.stat().st_size}"
        self.tokens_run = 0
        """Tokens run through the model (shared and reused ones once)."""
        self._last: Computed | None = None
        """The previous pass, whose nodes the next pass reuses: the passes of one call, and a call asked to keep
        it for the next (full mode's gate follows its proposals on the same text)."""

    @classmethod
    def open(cls, model_path: Path, cache_path: Path | None, threads: int) -> Scorer:
        return cls(load_weights(model_path), ScoreCache(cache_path), threads)

    def score(self, windows: Sequence[Window], *, same_text_next: bool = False) -> list[list[list[float]]]:
        """For each window, for each continuation, the log-probability of each of its tokens.

        ``same_text_next``: the next call scores windows of the same text, so what this one computed is
        kept for it to reuse (otherwise it is let go: it would only hold memory).
        """
        keys = [[score_key(self.model_id, w.prefix, c) for c in w.continuations] for w in windows]
        cached = self.cache.get_many([k for ks in keys for k in ks])
        todo = sorted(
            {
                (w.prefix, c)
                for w, ks in zip(windows, keys, strict=True)
                for c, k in zip(w.continuations, ks, strict=True)
                if k not in cached
            }
        )
        try:
            fresh = self._compute(todo)
        finally:
            if not same_text_next:
                self._last = None
        self.cache.put_many((score_key(self.model_id, p, c), v) for (p, c), v in fresh.items())
        out: list[list[list[float]]] = []
        for w, ks in zip(windows, keys, strict=True):
            out.append(
                [cached[k] if k in cached else fresh[(w.prefix, c)] for c, k in zip(w.continuations, ks, strict=True)]
            )
        return out

    def sequences(self, window: Window) -> list[tuple[int, ...]]:
        """The token sequences the model runs for ``window``: start token and left context, then each continuation."""
        prefix = self._context(window.prefix)
        return [(*prefix, *self.tokenizer.encode(c)) for c in window.continuations]

    def paths(self, windows: Sequence[Window]) -> set[tuple[int, ...]]:
        """Every token path of ``windows``' sequences: the tree nodes the model runs for them, plus each sequence's
        last token (predicted, not fed in).  What the gate's budget counts, and what a later window reuses."""
        return {seq[:k] for w in windows for seq in self.sequences(w) for k in range(1, len(seq) + 1)}

    def _context(self, prefix: str) -> list[int]:
        """A window's left context as the model runs it: the start token, then the prefix's tokens."""
        return [self.tokenizer.endoftext, *self.tokenizer.encode(prefix)]

    def _compute(self, todo: Sequence[tuple[str, str]]) -> dict[tuple[str, str], list[float]]:
        """Fresh scores: the sequences (in order, so windows of one sentence meet) in trees of bounded size."""
        encoded: dict[str, list[int]] = {}
        results: dict[tuple[str, str], list[float]] = {}
        batch: list[tuple[str, str, list[int], int]] = []
        nodes = NodeCount()
        for prefix, cont in todo:
            if prefix not in encoded:
                encoded[prefix] = self._context(prefix)
            ids = encoded[prefix] + self.tokenizer.encode(cont)
            if batch and nodes.size + nodes.new_nodes(ids) > BATCH_TOKENS:
                results.update(self._run(batch))
                batch, nodes = [], NodeCount()
            nodes.add(ids)
            batch.append((prefix, cont, ids, len(encoded[prefix])))
        if batch:
            results.update(self._run(batch))
        return results

    def _run(self, batch: Sequence[tuple[str, str, list[int], int]]) -> dict[tuple[str, str], list[float]]:
        from threadpoolctl import threadpool_limits

        tree = build_tree([(ids, first) for _, _, ids, first in batch])
        with threadpool_limits(self.threads):
            logprobs, computed = self.model.token_logprobs(tree, self._last)
        self.tokens_run += computed.fresh
        self._last = computed if tree.size <= KEEP_NODES else None
        return {
            (prefix, cont): [round(float(logprobs[k]), DIGITS) for k in pairs]
            for (prefix, cont, _, _), pairs in zip(batch, tree.pairs, strict=True)
        }
