"""Items into partitions: the unit of work sent to a Dask worker, never one task per article.

A partition closes at ``size`` items or ``max_bytes`` bytes, whichever comes
first, so a few huge articles do not make one huge task.  Items whose key is
already in the output are skipped here, on the client, as many times as they
are stored (two identical corpus lines are two articles).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from cleaner.batch.inputs import Item
from cleaner.batch.keys import content_hash, item_key, short_key

DEFAULT_SIZE = 200
DEFAULT_MAX_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Keyed:
    """An item with its content hash and resume key."""

    item: Item
    content: str
    key: str


@dataclass(frozen=True, slots=True)
class Partition:
    """Items linted together by one task; ``index`` names its output file."""

    index: int
    items: tuple[Keyed, ...]


@dataclass
class Plan:
    """What planning saw: every key of this run's input, and how many items were skipped."""

    wanted: Counter[int] = field(default_factory=Counter)
    """Short keys (:func:`short_key`) of every input item, with their counts."""
    planned: int = 0
    skipped: int = 0


def partitions(
    items: Iterable[Item],
    run_fingerprint: str,
    done: Counter[int],
    plan: Plan,
    *,
    first_index: int = 0,
    size: int = DEFAULT_SIZE,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Partition]:
    """Group the items still to do into partitions, numbered from ``first_index``.

    ``done`` (short keys already in the output, with their counts) is consumed;
    ``plan`` is filled in as the items stream past.
    """
    batch: list[Keyed] = []
    nbytes = 0
    index = first_index
    for item in items:
        content = content_hash(item)
        key = item_key(content, run_fingerprint)
        short = short_key(key)
        plan.wanted[short] += 1
        if done[short] > 0:
            done[short] -= 1
            plan.skipped += 1
            continue
        plan.planned += 1
        batch.append(Keyed(item, content, key))
        nbytes += item.size
        if len(batch) >= size or nbytes >= max_bytes:
            yield Partition(index, tuple(batch))
            index += 1
            batch, nbytes = [], 0
    if batch:
        yield Partition(index, tuple(batch))
