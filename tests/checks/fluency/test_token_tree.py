"""The token tree: shared runs of tokens become one node, each node sees exactly its ancestors."""

from __future__ import annotations

import numpy as np
import pytest

from cleaner.checks.fluency.token_tree import NodeCount, build_tree

ROOT = 0


def _ancestors(tree, node: int) -> set[int]:
    """Nodes on the path from the root to ``node``, by walking positions back (the tree keeps no parents)."""
    for block in tree.blocks:
        if block.start <= node < block.stop:
            row = block.visible[node - block.start]
            keys = [*range(block.context), *range(block.start, block.stop)]
            return {k for k, seen in zip(keys, row, strict=True) if seen}
    raise AssertionError(f"node {node} is in no block")


def test_shared_prefixes_are_one_node_and_last_tokens_are_never_fed_in() -> None:
    tree = build_tree([([ROOT, 5, 6, 7], 2), ([ROOT, 5, 6, 8], 2), ([ROOT, 5, 9], 1)])
    # nodes: root, 5, 6 (shared by the first two), and nothing for the final tokens 7, 8, 9
    assert sorted(tree.tokens.tolist()) == [ROOT, 5, 6]
    assert tree.size == 3
    node_of = {int(t): i for i, t in enumerate(tree.tokens)}
    assert tree.positions[node_of[6]] == 2
    assert tree.paths[node_of[6]] == (ROOT, 5, 6)  # what a later pass looks the node up by
    first, second, third = tree.pairs
    assert [(tree.rows[k], tree.targets[k]) for k in first] == [(node_of[5], 6), (node_of[6], 7)]
    assert first[0] == second[0]  # "6 after root 5" is one scored pair, asked by two sequences
    assert [(tree.rows[k], tree.targets[k]) for k in third] == [(node_of[ROOT], 5), (node_of[5], 9)]


def test_a_node_sees_its_ancestors_and_itself_only() -> None:
    sequences = [([ROOT, 1, 2, 3, 4], 1), ([ROOT, 1, 2, 5, 6], 1), ([ROOT, 7, 8, 9], 1), ([ROOT, 1, 10, 11], 1)]
    tree = build_tree(sequences, block_tokens=2)
    tokens = tree.tokens.tolist()
    for ids, _ in sequences:
        path = [0]
        for t in ids[1:-1]:
            path.append(next(i for i in range(1, tree.size) if tokens[i] == t and i > path[-1]))
        for depth, node in enumerate(path):
            assert _ancestors(tree, node) == set(path[: depth + 1])
            assert tree.positions[node] == depth


def test_subtrees_are_packed_into_blocks_without_splitting_one() -> None:
    sequences = [([ROOT, 1, 2, 3, 4], 1), ([ROOT, 5, 6], 1), ([ROOT, 7, 8], 1), ([ROOT, 9, 10, 11, 12, 13], 1)]
    tree = build_tree(sequences, block_tokens=4)
    spans = [(b.start, b.stop) for b in tree.blocks]
    assert spans[0] == (0, 1)  # the root alone; every other block attends to it as context
    assert all(b.context == 1 for b in tree.blocks[1:])
    # subtrees of 3, 1, 1 and 4 nodes: 3+1 fit in four, then 1 alone (1+4 would not), then the 4
    assert spans[1:] == [(1, 5), (5, 6), (6, 10)]
    assert np.array_equal(tree.blocks[1].visible[3], [True, False, False, False, True])  # token 5 sees the root


def test_sequences_must_share_the_root() -> None:
    with pytest.raises(ValueError, match="root"):
        build_tree([([ROOT, 1, 2], 1), ([3, 1, 2], 1)])


def test_node_count_follows_the_tree_as_sequences_are_added() -> None:
    rng = np.random.default_rng(7)
    sequences = [([ROOT, *rng.integers(1, 4, size=int(rng.integers(1, 7))).tolist()], 1) for _ in range(40)]
    count = NodeCount()
    for k, (ids, _) in enumerate(sequences):
        new = count.new_nodes(ids)
        count.add(ids)
        assert count.size == build_tree(sequences[: k + 1]).size
        assert count.new_nodes(ids) == 0 <= new  # a path already there adds nothing
