"""Running cleaner over round-trip pairs: every engine together and each engine alone, in one pass.

Each checker runs once per distinct text; its findings are remembered
(:class:`RememberingChecker`) and reused by every engine combination, so
"rules alone", "LanguageTool alone" and "all engines" cost one LanguageTool
call per text, not three.  Each combination still goes through the real
:class:`~cleaner.pipeline.Pipeline` (merge, policy, suppressions, fix plan),
so its numbers are those of ``cleaner lint``/``cleaner fix`` with those engines.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from cleaner.checks.checker import Checker, Prefetching
from cleaner.config.settings import Settings
from cleaner.document import Document, Source
from cleaner.evaluation.predict import Flag, to_flag
from cleaner.evaluation.roundtrip import RoundTripPair
from cleaner.findings import Finding
from cleaner.pipeline import Pipeline, Warn


class RememberingChecker:
    """A checker that answers a text it has seen before from memory (findings depend on the text only).

    Whatever else the inner checker is stays visible (the fluency gate's ``refine``, the
    rule engine's ``aliases``), so the pipeline treats the wrapper as it would the checker.
    """

    def __init__(self, inner: Checker) -> None:
        self.inner = inner
        self.name = inner.name
        self._seen: dict[str, tuple[Finding, ...]] = {}

    def __getattr__(self, name: str) -> Any:
        if name == "inner":  # not set yet (copying, unpickling): no recursion
            raise AttributeError(name)
        return getattr(self.inner, name)

    def prefetch(self, doc: Document) -> None:
        """The inner checker's prefetch, for a text it will really be asked about."""
        if doc.text not in self._seen and isinstance(self.inner, Prefetching):
            self.inner.prefetch(doc)

    def check(self, doc: Document) -> Iterable[Finding]:
        if doc.text not in self._seen:
            self._seen[doc.text] = tuple(self.inner.check(doc))
        return self._seen[doc.text]


@dataclass(frozen=True)
class EngineSet:
    """A named combination of engines whose pipeline is scored on its own."""

    label: str
    engines: tuple[str, ...]


def engine_sets(engines: Sequence[str]) -> list[EngineSet]:
    """All the engines together, then each one alone (just the one when only one is selected)."""
    if len(engines) == 1:
        return [EngineSet(engines[0], tuple(engines))]
    alone = [EngineSet(name, (name,)) for name in engines]
    return [EngineSet("all (" + "+".join(engines) + ")", tuple(engines)), *alone]


@dataclass(frozen=True)
class PairPrediction:
    """What one engine combination did with one pair: findings and corrections of the garble, alarms on the original."""

    pair: RoundTripPair
    flags: tuple[Flag, ...]
    """Findings on ``garbled``, in its document offsets."""
    fixed: str
    """``garbled`` after ``cleaner fix`` (the confident, non-overlapping edits)."""
    first_replaced: str
    """``garbled`` with every finding's first replacement applied (left to right, overlaps skipped)."""
    original_flags: tuple[Flag, ...]
    """Findings on ``original``: each a false alarm."""


def apply_first_replacements(text: str, findings: Iterable[Finding]) -> str:
    """``text`` with each finding's first replacement, earliest (then longest) first, skipping overlaps.

    A finding without a replacement, or whose text is no longer what the
    article holds at its span, changes nothing.
    """
    chosen: list[Finding] = []
    pos = 0
    for f in sorted(findings, key=lambda f: (f.span.start, -len(f.span), f.rule_id)):
        best = f.best_replacement
        if best is None or f.span.start < pos or f.span.slice(text) != f.text:
            continue
        chosen.append(f)
        pos = f.span.end
    parts: list[str] = []
    pos = 0
    for f in chosen:
        parts.append(text[pos : f.span.start])
        parts.append(f.best_replacement or "")
        pos = f.span.end
    parts.append(text[pos:])
    return "".join(parts)


class RoundTripPredictor:
    """One pipeline per engine combination, over shared remembering checkers."""

    def __init__(self, checkers: Sequence[Checker], sets: Sequence[EngineSet], settings: Settings, warn: Warn) -> None:
        remembering = {c.name: RememberingChecker(c) for c in checkers}
        self.sets = [s for s in sets if all(name in remembering for name in s.engines)]
        self.pipelines = {s.label: Pipeline([remembering[n] for n in s.engines], settings, warn) for s in self.sets}

    def predict(self, pair: RoundTripPair) -> dict[str, PairPrediction]:
        """Every engine combination's prediction for one pair."""
        out: dict[str, PairPrediction] = {}
        for s in self.sets:
            pipeline = self.pipelines[s.label]
            garbled = pipeline.analyze(Source(path=f"{pair.id}.garbled.txt", text=pair.garbled))
            original = pipeline.analyze(Source(path=f"{pair.id}.original.txt", text=pair.original))
            out[s.label] = PairPrediction(
                pair=pair,
                flags=tuple(to_flag(f) for f in garbled.findings),
                fixed=garbled.corrected,
                first_replaced=apply_first_replacements(pair.garbled, garbled.findings),
                original_flags=tuple(to_flag(f) for f in original.findings),
            )
        return out


def predict_pairs(
    pipeline: Pipeline, pairs: Sequence[RoundTripPair], show_progress: bool | None = None
) -> tuple[list[EngineSet], dict[str, list[PairPrediction]]]:
    """Every engine combination of ``pipeline``'s checkers over the pairs: (the sets, predictions per set)."""
    from cleaner.progress import progress

    sets = engine_sets([c.name for c in pipeline.checkers])
    predictor = RoundTripPredictor(pipeline.checkers, sets, pipeline.settings, pipeline.warn)
    runs: dict[str, list[PairPrediction]] = {s.label: [] for s in predictor.sets}
    for pair in progress(pairs, len(pairs), "round-trip pairs", show_progress):
        for label, pred in predictor.predict(pair).items():
            runs[label].append(pred)
    return predictor.sets, runs
