"""Partitions: bounded by count and bytes; done items skipped as often as they are stored."""

from __future__ import annotations

from collections import Counter

from cleaner.batch.inputs import RECORD, Item
from cleaner.batch.keys import content_hash, item_key, short_key
from cleaner.batch.partition import Plan, partitions


def _items(*texts: bytes) -> list[Item]:
    return [Item(f"c.jsonl:{n}", RECORD, t) for n, t in enumerate(texts, start=1)]


def test_partitions_close_at_size_or_bytes() -> None:
    plan = Plan()
    parts = list(partitions(_items(b"a", b"b", b"c", b"d", b"e"), "fp", Counter(), plan, first_index=3, size=2))
    assert [p.index for p in parts] == [3, 4, 5]
    assert [len(p.items) for p in parts] == [2, 2, 1]
    assert plan.planned == 5 and plan.skipped == 0
    big = list(partitions(_items(b"x" * 10, b"y", b"z" * 10, b"w"), "fp", Counter(), Plan(), size=100, max_bytes=10))
    assert [len(p.items) for p in big] == [1, 2, 1]


def test_done_keys_are_skipped_once_each() -> None:
    items = _items(b"same", b"same", b"other")
    key = item_key(content_hash(items[0]), "fp")
    plan = Plan()
    parts = list(partitions(items, "fp", Counter({short_key(key): 1}), plan))
    assert [k.item.locator for p in parts for k in p.items] == ["c.jsonl:2", "c.jsonl:3"]
    assert plan.skipped == 1 and plan.planned == 2
    assert plan.wanted[short_key(key)] == 2
