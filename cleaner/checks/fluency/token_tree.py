"""Token sequences laid out as a prefix tree, so that every distinct run of tokens is computed once.

The windows of one sentence repeat each other: every continuation of a window
starts after the same left context, and the original words of one finding are
the left context of the next.  In a tree rooted at ``<|endoftext|>`` each
distinct token path is one node, i.e. one row of the forward pass, and a node
attends to its ancestors only: a real KV cache for the shared context, with
the attention limited to blocks of whole subtrees (a token never attends to
another sentence, so the cost is not quadratic in the batch).  The last token
of a sequence is only predicted, never fed in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

I64 = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]

BLOCK_TOKENS = 96
"""Subtrees are packed into attention blocks of about this many nodes: big enough that a pass has few
blocks (numpy's per-call cost), small enough that a block's square mask wastes little."""


@dataclass(frozen=True, slots=True)
class Block:
    """Nodes ``start:stop`` attend to the first ``context`` nodes and to each other, as ``visible`` says."""

    start: int
    stop: int
    context: int
    visible: Mask
    """(stop - start, context + stop - start): row i sees column j."""


@dataclass(frozen=True)
class TokenTree:
    """What one forward pass needs: the nodes, their attention blocks, and the (node, next token) pairs scored."""

    tokens: I64
    positions: I64
    blocks: tuple[Block, ...]
    rows: I64
    """Per scored pair, the node whose output predicts it."""
    targets: I64
    """Per scored pair, the predicted token."""
    pairs: tuple[tuple[int, ...], ...]
    """Per input sequence, the indices of its scored pairs, in order."""
    paths: tuple[tuple[int, ...], ...]
    """Per node, its tokens from the root on: the key under which a later pass finds what this one computed."""

    @property
    def size(self) -> int:
        return len(self.tokens)


class NodeCount:
    """The number of nodes :func:`build_tree` would make of the sequences added so far, kept as they come.

    A pass's memory and time grow with its nodes, not with the tokens of its sequences: the windows
    of one sentence (every word after its sentence so far) share nearly all their tokens.
    """

    def __init__(self) -> None:
        self._children: list[dict[int, int]] = [{}]

    @property
    def size(self) -> int:
        return len(self._children)

    def new_nodes(self, ids: Sequence[int]) -> int:
        """The nodes ``ids`` would add (its tokens fed in, all but the last, that no earlier path has)."""
        node = 0
        fed = ids[1:-1]
        for depth, t in enumerate(fed):
            child = self._children[node].get(t)
            if child is None:
                return len(fed) - depth
            node = child
        return 0

    def add(self, ids: Sequence[int]) -> None:
        node = 0
        for t in ids[1:-1]:
            child = self._children[node].get(t)
            if child is None:
                child = len(self._children)
                self._children[node][t] = child
                self._children.append({})
            node = child


def build_tree(sequences: Sequence[tuple[Sequence[int], int]], block_tokens: int = BLOCK_TOKENS) -> TokenTree:
    """The tree of ``sequences``, each (token ids, index of its first scored token ≥ 1); all share ``ids[0]``."""
    if not sequences:
        return _tree([0], [0], [-1], [(0,)], (), [], [], [])
    root_token = sequences[0][0][0]
    token: list[int] = [root_token]
    path_of: list[tuple[int, ...]] = [(root_token,)]
    depth: list[int] = [0]
    parent: list[int] = [-1]
    children: list[dict[int, int]] = [{}]
    pair_index: dict[tuple[int, int], int] = {}
    pair_node: list[int] = []
    pair_target: list[int] = []
    per_sequence: list[tuple[int, ...]] = []
    for ids, first in sequences:
        if not ids or ids[0] != root_token or first < 1:
            raise ValueError("every sequence must start with the same root token and score from index 1 on")
        path = [0]
        for t in ids[1:-1]:
            node = path[-1]
            child = children[node].get(t)
            if child is None:
                child = len(token)
                children[node][t] = child
                token.append(t)
                path_of.append((*path_of[node], t))
                depth.append(depth[node] + 1)
                parent.append(node)
                children.append({})
            path.append(child)
        scored = []
        for i in range(first, len(ids)):
            key = (path[i - 1], ids[i])
            if key not in pair_index:
                pair_index[key] = len(pair_node)
                pair_node.append(key[0])
                pair_target.append(key[1])
            scored.append(pair_index[key])
        per_sequence.append(tuple(scored))
    # depth-first order: each subtree of the root is contiguous and every ancestor comes before its descendants
    order: list[int] = [0]
    subtrees: list[tuple[int, int]] = []
    for top in children[0].values():
        begin = len(order)
        stack = [top]
        while stack:
            node = stack.pop()
            order.append(node)
            stack.extend(reversed(children[node].values()))
        subtrees.append((begin, len(order)))
    new_id = np.empty(len(order), dtype=np.int64)
    new_id[np.array(order, dtype=np.int64)] = np.arange(len(order))
    tokens = [token[n] for n in order]
    positions = [depth[n] for n in order]
    parents = [-1 if parent[n] < 0 else int(new_id[parent[n]]) for n in order]
    rows = [int(new_id[n]) for n in pair_node]
    paths = [path_of[n] for n in order]
    groups = _group(subtrees, block_tokens)
    return _tree(tokens, positions, parents, paths, tuple(per_sequence), rows, pair_target, groups)


def _group(subtrees: list[tuple[int, int]], block_tokens: int) -> list[tuple[int, int]]:
    """Consecutive subtrees merged into blocks of about ``block_tokens`` nodes (a big subtree stays whole)."""
    blocks: list[tuple[int, int]] = []
    for begin, end in subtrees:
        if blocks and end - blocks[-1][0] <= block_tokens:
            blocks[-1] = (blocks[-1][0], end)
        else:
            blocks.append((begin, end))
    return blocks


def _tree(
    tokens: list[int],
    positions: list[int],
    parents: list[int],
    paths: list[tuple[int, ...]],
    pairs: tuple[tuple[int, ...], ...],
    rows: list[int],
    targets: list[int],
    ranges: list[tuple[int, int]],
) -> TokenTree:
    root = Block(0, 1, 0, np.ones((1, 1), dtype=np.bool_))
    blocks = [root, *(_block(start, stop, parents) for start, stop in ranges)]
    return TokenTree(
        tokens=_ints(tokens),
        positions=_ints(positions),
        blocks=tuple(blocks),
        rows=_ints(rows),
        targets=_ints(targets),
        pairs=pairs,
        paths=tuple(paths),
    )


def _block(start: int, stop: int, parents: list[int]) -> Block:
    """Nodes start:stop after the root (column 0): each sees the root, its ancestors and itself."""
    n = stop - start
    visible = np.zeros((n, 1 + n), dtype=np.bool_)
    visible[:, 0] = True
    for i in range(n):
        p = parents[start + i]
        if p > 0:
            visible[i] = visible[p - start]
        visible[i, 1 + i] = True
    return Block(start, stop, 1, visible)


def _ints(values: Sequence[int] | Any) -> I64:
    return np.asarray(values, dtype=np.int64).reshape(-1)
