"""``--select`` / ``--ignore``: which findings a run reports, by rule id, rule-id prefix or engine, as ruff does.

A pattern matches a finding when it is the finding's engine (``languagetool``)
or a prefix of its rule id (``TITLE_`` matches ``TITLE_CASE``; the whole id
is a prefix of itself); case does not matter.  When both lists match, the
more specific pattern wins (``--select TITLE_ --ignore TITLE_CASE`` drops only
TITLE_CASE; ``--ignore TITLE_ --select TITLE_CASE`` keeps only it), and an
engine name is less specific than any rule-id prefix.  On a tie ``ignore`` wins.
Selection runs on each checker's own findings, before they are merged, so
ignoring one engine's rule never hides another engine's finding folded into it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from cleaner.findings.finding import Finding


@dataclass(frozen=True)
class Selection:
    """The patterns of ``--select`` and ``--ignore``; empty ``select`` selects everything."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return bool(self.select or self.ignore)

    @property
    def patterns(self) -> tuple[str, ...]:
        return (*self.select, *self.ignore)

    def keeps(self, finding: Finding) -> bool:
        """Whether ``finding`` is reported under these patterns."""
        chosen = _specificity(self.select, finding) if self.select else 0
        dropped = _specificity(self.ignore, finding)
        return chosen is not None and (dropped is None or chosen > dropped)

    def renamed(self, aliases: Mapping[str, str]) -> Selection:
        """The selection with a pattern that is an old rule id (``replaces:``) also naming its successor."""
        folded = {old.casefold(): new for old, new in aliases.items()}
        if not folded or not self.active:
            return self

        def more(patterns: tuple[str, ...]) -> tuple[str, ...]:
            successors = [folded[p.casefold()] for p in patterns if p.casefold() in folded]
            return tuple(dict.fromkeys([*patterns, *successors]))

        return Selection(more(self.select), more(self.ignore))


def _specificity(patterns: Sequence[str], finding: Finding) -> int | None:
    """How specific the best of ``patterns`` matching ``finding`` is (None: none matches).

    An engine name scores 0 and a rule-id prefix its length, so even a one-letter prefix beats an engine.
    """
    best: int | None = None
    rule, engine = finding.rule_id.casefold(), finding.engine.casefold()
    for pattern in patterns:
        key = pattern.casefold()
        score = len(key) if rule.startswith(key) else 0 if key == engine else None
        if score is not None and (best is None or score > best):
            best = score
    return best


def matches_id(pattern: str, rule_id: str) -> bool:
    """Whether ``pattern`` is a prefix of ``rule_id`` (ignoring case)."""
    return rule_id.casefold().startswith(pattern.casefold())


def patterns_hit(patterns: Iterable[str], findings: Iterable[Finding]) -> frozenset[str]:
    """The patterns that match at least one of ``findings`` (by rule-id prefix or engine)."""
    waiting = set(patterns)
    hit: set[str] = set()
    for f in findings:
        if not waiting:
            break
        for pattern in list(waiting):
            if matches_id(pattern, f.rule_id) or pattern.casefold() == f.engine.casefold():
                hit.add(pattern)
                waiting.discard(pattern)
    return frozenset(hit)


def known_patterns(patterns: Iterable[str], rule_ids: Iterable[str], engines: Iterable[str]) -> frozenset[str]:
    """The patterns that name one of ``engines`` or are a prefix of one of ``rule_ids``."""
    waiting = set(patterns)
    names = {e.casefold() for e in engines}
    known = {p for p in waiting if p.casefold() in names}
    waiting -= known
    for rule_id in rule_ids:
        if not waiting:
            break
        found = {p for p in waiting if matches_id(p, rule_id)}
        known |= found
        waiting -= found
    return frozenset(known)
