"""Rules kept pickled one by one and decoded when first used.

Unpickling thousands of Rule objects (each with its Pattern, Elements and
Conditions) costs about 50 µs a rule on every run, while an article touches
only the few rules whose anchors occur in it.  The compiled-rules cache
therefore stores each rule as its own pickle and decodes it on first access;
the ids stay plain strings so ``--disable`` needs no decoding.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator, Sequence
from typing import overload

from cleaner.checks.rules.model import Rule


class LazyRules(Sequence[Rule]):
    """A read-only sequence of rules, each decoded from its own pickle on first access."""

    __slots__ = ("_blobs", "_decoded", "ids")

    def __init__(self, blobs: Sequence[bytes], ids: Sequence[str]) -> None:
        self._blobs = tuple(blobs)
        self.ids = tuple(ids)
        self._decoded: list[Rule | None] = [None] * len(self._blobs)

    @classmethod
    def of(cls, rules: Sequence[Rule]) -> LazyRules:
        return cls([pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL) for r in rules], [r.id for r in rules])

    def with_changes(self, changed: dict[int, Rule]) -> LazyRules:
        """A copy with the rules at these indices replaced; the others stay encoded, and undecoded."""
        blobs = list(self._blobs)
        for index, rule in changed.items():
            blobs[index] = pickle.dumps(rule, protocol=pickle.HIGHEST_PROTOCOL)
        out = LazyRules(blobs, self.ids)
        for index, rule in changed.items():
            out._decoded[index] = rule
        return out

    def __getstate__(self) -> tuple[tuple[bytes, ...], tuple[str, ...]]:
        return self._blobs, self.ids

    def __setstate__(self, state: tuple[tuple[bytes, ...], tuple[str, ...]]) -> None:
        self._blobs, self.ids = state
        self._decoded = [None] * len(self._blobs)

    def __len__(self) -> int:
        return len(self._blobs)

    @overload
    def __getitem__(self, index: int) -> Rule: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Rule]: ...

    def __getitem__(self, index: int | slice) -> Rule | Sequence[Rule]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        rule = self._decoded[index]
        if rule is None:
            rule = self._decoded[index] = pickle.loads(self._blobs[index])
        return rule

    def __iter__(self) -> Iterator[Rule]:
        return (self[i] for i in range(len(self)))
