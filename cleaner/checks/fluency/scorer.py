"""Scoring text with the language model: windows, shared prefixes, packed batches, cache, threads.

A :class:`Window` is a left context and a few continuations (the original
words and their alternatives, each followed by the same right context).  The
context is computed once per window and every continuation attends to it;
windows are packed into batches of a few hundred tokens, so a whole article's
candidates cost one or two forward passes.  Results are rounded so that a
score read from the cache equals a freshly computed one.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from cleaner.checks.fluency.gguf_weights import LlamaWeights, load_weights
from cleaner.checks.fluency.llama import LlamaModel
from cleaner.checks.fluency.score_cache import ScoreCache, score_key
from cleaner.checks.fluency.tokenizer import Tokenizer

BATCH_TOKENS = 768
"""Tokens per forward pass: large enough to amortize the per-pass cost, small enough for the attention mask."""
DIGITS = 4


@dataclass(frozen=True, slots=True)
class Window:
    """Continuations scored after one shared left context; ``prefix`` ends where they begin."""

    prefix: str
    continuations: tuple[str, ...]


@dataclass(slots=True)
class Branch:
    """One continuation, attached after the first ``attach`` tokens of its trunk."""

    prefix: str
    text: str
    ids: list[int]
    attach: int


@dataclass(slots=True)
class Trunk:
    """A run of context tokens that several branches (continuations) attend to."""

    prefix: str
    ids: list[int]
    branches: list[Branch]

    @property
    def size(self) -> int:
        return len(self.ids) + sum(len(b.ids) for b in self.branches)


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

    @classmethod
    def open(cls, model_path: Path, cache_path: Path | None, threads: int) -> Scorer:
        return cls(load_weights(model_path), ScoreCache(cache_path), threads)

    def score(self, windows: Sequence[Window]) -> list[list[list[float]]]:
        """For each window, for each continuation, the log-probability of each of its tokens."""
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
        fresh = self._compute(todo)
        self.cache.put_many((score_key(self.model_id, p, c), v) for (p, c), v in fresh.items())
        out: list[list[list[float]]] = []
        for w, ks in zip(windows, keys, strict=True):
            out.append(
                [cached[k] if k in cached else fresh[(w.prefix, c)] for c, k in zip(w.continuations, ks, strict=True)]
            )
        return out

    def _compute(self, todo: Sequence[tuple[str, str]]) -> dict[tuple[str, str], list[float]]:
        groups: dict[str, list[str]] = {}
        for prefix, cont in todo:
            groups.setdefault(prefix, []).append(cont)
        results: dict[tuple[str, str], list[float]] = {}
        batch: list[Trunk] = []
        size = 0
        for trunk in self._trunks(groups):
            n = trunk.size
            if batch and size + n > BATCH_TOKENS:
                results.update(self._run(batch))
                batch, size = [], 0
            batch.append(trunk)
            size += n
        if batch:
            results.update(self._run(batch))
        return results

    def _trunks(self, groups: dict[str, list[str]]) -> list[Trunk]:
        """Prefixes that begin another window's prefix share its tokens (windows of one sentence)."""
        encoded = {p: [self.tokenizer.endoftext, *self.tokenizer.encode(p)] for p in groups}
        trunks: list[Trunk] = []
        for p in sorted(groups, key=lambda x: (-len(x), x)):
            ids = encoded[p]
            branches = [Branch(p, c, self.tokenizer.encode(c), len(ids)) for c in groups[p]]
            for trunk in trunks:
                if trunk.prefix.startswith(p) and trunk.ids[: len(ids)] == ids:
                    trunk.branches.extend(branches)
                    break
            else:
                trunks.append(Trunk(p, ids, branches))
        return trunks

    def _run(self, batch: Sequence[Trunk]) -> dict[tuple[str, str], list[float]]:
        from threadpoolctl import threadpool_limits

        tokens: list[int] = []
        positions: list[int] = []
        reach: list[tuple[int, int, int]] = []
        """Per token: its trunk's first index, the end of the prefix it continues, its own continuation's start."""
        rows: list[int] = []
        targets: list[int] = []
        spans: list[tuple[str, str, int, int]] = []
        for trunk in batch:
            base = len(tokens)
            tokens.extend(trunk.ids)
            positions.extend(range(len(trunk.ids)))
            reach.extend((base, base + len(trunk.ids), base) for _ in trunk.ids)
            for branch in trunk.branches:
                start = len(tokens)
                first_row = len(rows)
                previous = base + branch.attach - 1
                for k, t in enumerate(branch.ids):
                    rows.append(previous)
                    targets.append(t)
                    tokens.append(t)
                    positions.append(branch.attach + k)
                    reach.append((base, base + branch.attach, start))
                    previous = len(tokens) - 1
                spans.append((branch.prefix, branch.text, first_row, len(rows)))
        n = len(tokens)
        index = np.arange(n)
        first, prefix_stop, own = (np.array(col)[:, None] for col in zip(*reach, strict=True))
        # token i sees its window's prefix and its own continuation's earlier tokens, never a later token
        col = index[None, :]
        visible = (((col >= first) & (col < prefix_stop)) | (col >= own)) & (col <= index[:, None])
        with threadpool_limits(self.threads):
            logprobs = self.model.token_logprobs(
                np.array(tokens, dtype=np.int64),
                np.array(positions, dtype=np.int64),
                visible,
                np.array(rows, dtype=np.int64),
                np.array(targets, dtype=np.int64),
            )
        self.tokens_run += n
        return {(p, t): [round(float(x), DIGITS) for x in logprobs[a:b]] for p, t, a, b in spans}
