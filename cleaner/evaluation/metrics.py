"""Scoring functions: pure, small, and checked by hand in tests/evaluation.

The definitions follow the data README (§5):

- *Span level, any overlap*: a prediction and a gold span match when they
  share a character; a zero-length prediction matches a span containing its
  position.  Recall = gold spans hit / gold spans; precision = predictions
  hitting a gold span / predictions.  The "lenient" precision counts a hit on
  any Major/Minor annotation, because raters stop at five errors per segment.
- *Character level*: precision and recall over the sets of flagged and gold
  characters; reported with the mean predicted span length, because any-overlap
  matching rewards long spans.
- *Segment level*: "flagged at least once" against "has a target error".
- *Correction*: sacrebleu defaults (chrF: character order 6, β = 2; BLEU: 13a
  tokenisation), corpus scores of corrected minus uncorrected MT, per-segment
  chrF win/tie/loss over the changed segments, and a paired bootstrap test.
- *Document level*: Pearson r and Kendall τ-b (scipy.stats).
- *Chance*: the same predicted spans moved to random word starts of their own
  segments (same count, same lengths).  Any-overlap scores grow with the
  number of flags whatever they point at (about 27 % of MT words sit in a
  target span), so a detector is worth what it scores above this.
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cleaner.document import Span

BOOTSTRAP_SAMPLES = 1000
BOOTSTRAP_SEED = 12345
"""sacrebleu's default seed, so the test is reproducible."""


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision and recall as counts (so they can be summed and checked), plus F1."""

    p_hits: int
    p_total: int
    r_hits: int
    r_total: int

    @property
    def precision(self) -> float:
        return self.p_hits / self.p_total if self.p_total else 0.0

    @property
    def recall(self) -> float:
        return self.r_hits / self.r_total if self.r_total else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(
            self.p_hits + other.p_hits,
            self.p_total + other.p_total,
            self.r_hits + other.r_hits,
            self.r_total + other.r_total,
        )

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "p_hits": self.p_hits,
            "p_total": self.p_total,
            "r_hits": self.r_hits,
            "r_total": self.r_total,
        }


ZERO = PRF(0, 0, 0, 0)


def hits(pred: Span, gold: Span) -> bool:
    """Any-overlap match; a zero-length prediction (an insertion point) hits a span containing it."""
    if pred.start == pred.end:
        return gold.start <= pred.start < gold.end
    return pred.start < gold.end and gold.start < pred.end


def span_prf(predicted: Sequence[Span], gold: Sequence[Span], precision_gold: Sequence[Span] | None = None) -> PRF:
    """Span-level counts for one segment; ``precision_gold`` (default ``gold``) decides precision hits."""
    pgold = gold if precision_gold is None else precision_gold
    return PRF(
        p_hits=sum(any(hits(p, g) for g in pgold) for p in predicted),
        p_total=len(predicted),
        r_hits=sum(any(hits(p, g) for p in predicted) for g in gold),
        r_total=len(gold),
    )


CHANCE_DRAWS = 5
CHANCE_SEED = 20201
_WORD_START = re.compile(r"\b\w")


def chance_spans(predicted: Sequence[Span], text: str, rng: random.Random) -> list[Span]:
    """``predicted`` moved to random word starts of ``text``, each keeping its length."""
    starts = [m.start() for m in _WORD_START.finditer(text)] or [0]
    out = []
    for p in predicted:
        start = rng.choice(starts)
        out.append(Span(start, min(len(text), start + len(p))))
    return out


def chance_prf(segments: Iterable[tuple[Sequence[Span], Sequence[Span], str]], draws: int = CHANCE_DRAWS) -> PRF:
    """Span counts of the predictions moved at random (summed over ``draws`` seeded draws), per
    (predicted, gold, segment text): the score of flagging as much as the detector does, anywhere."""
    rng = random.Random(CHANCE_SEED)
    total = ZERO
    for predicted, gold, text in segments:
        for _ in range(draws):
            total += span_prf(chance_spans(predicted, text, rng), gold)
    return total


def _chars(spans: Iterable[Span]) -> set[int]:
    return {i for s in spans for i in range(s.start, s.end)}


def char_prf(predicted: Sequence[Span], gold: Sequence[Span]) -> PRF:
    """Character-level counts for one segment: flagged vs gold character sets."""
    pred, ref = _chars(predicted), _chars(gold)
    both = len(pred & ref)
    return PRF(both, len(pred), both, len(ref))


def segment_prf(cases: Iterable[tuple[bool, bool]]) -> PRF:
    """Segment-level counts from (flagged, has a gold error) pairs."""
    flagged = errors = both = 0
    for f, e in cases:
        flagged += f
        errors += e
        both += f and e
    return PRF(both, flagged, both, errors)


def mean_length(spans: Iterable[Span]) -> float:
    """Mean length in characters (0 when there are none)."""
    lengths = [len(s) for s in spans]
    return sum(lengths) / len(lengths) if lengths else 0.0


# -- document level --------------------------------------------------------


def correlation(xs: Sequence[float], ys: Sequence[float]) -> dict[str, float | int | None]:
    """Pearson r and Kendall τ-b (None where undefined: fewer than 2 points or a constant side)."""
    from scipy import stats

    n = len(xs)
    if n < 2 or len(set(xs)) < 2 or len(set(ys)) < 2:
        return {"n": n, "pearson": None, "kendall_tau_b": None}
    pearson = float(stats.pearsonr(xs, ys).statistic)
    kendall = float(stats.kendalltau(xs, ys, variant="b").statistic)
    return {"n": n, "pearson": _finite(pearson), "kendall_tau_b": _finite(kendall)}


def _finite(x: float) -> float | None:
    return x if math.isfinite(x) else None


# -- correction ---------------------------------------------------------------


@dataclass(frozen=True)
class CorrectionScores:
    """Corpus chrF and BLEU before and after the fixes, and how the changed segments fared."""

    chrf_before: float
    chrf_after: float
    bleu_before: float
    bleu_after: float
    changed: int
    wins: int
    ties: int
    losses: int
    chrf_p_value: float | None
    """Paired bootstrap: how likely a chrF difference this large is by chance (None: nothing changed)."""

    @property
    def chrf_delta(self) -> float:
        return self.chrf_after - self.chrf_before

    @property
    def bleu_delta(self) -> float:
        return self.bleu_after - self.bleu_before

    def as_dict(self) -> dict[str, Any]:
        return {
            "chrf_before": self.chrf_before,
            "chrf_after": self.chrf_after,
            "chrf_delta": self.chrf_delta,
            "bleu_before": self.bleu_before,
            "bleu_after": self.bleu_after,
            "bleu_delta": self.bleu_delta,
            "changed_segments": self.changed,
            "wins": self.wins,
            "ties": self.ties,
            "losses": self.losses,
            "chrf_p_value": self.chrf_p_value,
        }


def sentence_chrf(hypothesis: str, reference: str) -> float:
    """chrF of one segment (sacrebleu defaults)."""
    from sacrebleu.metrics.chrf import CHRF

    return float(CHRF().sentence_score(hypothesis, [reference]).score)


def correction_scores(
    before: Sequence[str], after: Sequence[str], references: Sequence[str], *, samples: int = BOOTSTRAP_SAMPLES
) -> CorrectionScores:
    """Corpus chrF/BLEU of ``after`` and ``before`` against ``references``, segment by segment."""
    from sacrebleu.metrics.bleu import BLEU
    from sacrebleu.metrics.chrf import CHRF

    if not (len(before) == len(after) == len(references)):
        raise ValueError("before, after and references must have the same length")
    refs = [list(references)]
    chrf, bleu = CHRF(), BLEU()
    changed = [i for i, (b, a) in enumerate(zip(before, after, strict=True)) if a != b]
    wins = ties = losses = 0
    for i in changed:
        delta = sentence_chrf(after[i], references[i]) - sentence_chrf(before[i], references[i])
        if abs(delta) < 1e-9:
            ties += 1
        elif delta > 0:
            wins += 1
        else:
            losses += 1
    chrf_stats_before = chrf._extract_corpus_statistics(list(before), refs)
    chrf_stats_after = chrf._extract_corpus_statistics(list(after), refs)
    chrf_before = float(chrf._aggregate_and_compute(chrf_stats_before).score)
    chrf_after = float(chrf._aggregate_and_compute(chrf_stats_after).score)
    p_value = (
        paired_bootstrap(chrf, chrf_stats_before, chrf_stats_after, chrf_after - chrf_before, samples)
        if changed and samples
        else None
    )
    return CorrectionScores(
        chrf_before=chrf_before,
        chrf_after=chrf_after,
        bleu_before=float(bleu.corpus_score(list(before), refs).score),
        bleu_after=float(bleu.corpus_score(list(after), refs).score),
        changed=len(changed),
        wins=wins,
        ties=ties,
        losses=losses,
        chrf_p_value=p_value,
    )


def paired_bootstrap(
    metric: Any, stats_a: Sequence[Any], stats_b: Sequence[Any], observed: float, samples: int
) -> float:
    """sacrebleu's paired bootstrap test (Moses style), counting resamples instead of copying them.

    Both systems are scored on the same resampled segment sets; the p-value is
    the share of resamples whose centred difference is at least the observed
    one, with sacrebleu's +1 smoothing.
    """
    import numpy as np

    a = np.asarray(stats_a, dtype="float64")
    b = np.asarray(stats_b, dtype="float64")
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    diffs = np.empty(samples)
    for k in range(samples):
        counts = np.bincount(rng.integers(0, len(a), size=len(a)), minlength=len(a)).astype("float64")
        score_a = metric._compute_score_from_stats(counts @ a).score
        score_b = metric._compute_score_from_stats(counts @ b).score
        diffs[k] = abs(score_b - score_a)
    centred = diffs - diffs.mean()
    return float((np.sum(centred > abs(observed)) + 1) / (samples + 1))


# -- clean corpus --------------------------------------------------------------


def per_thousand(count: int | float, words: int) -> float:
    """A rate per 1,000 words."""
    return 1000.0 * count / words if words else 0.0


def rates(counts: Mapping[str, int], words: int) -> dict[str, float]:
    """Each count as a rate per 1,000 words, largest first."""
    return {k: per_thousand(v, words) for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))}


def distribution(values: Sequence[float]) -> dict[str, float]:
    """Mean, median, 90th percentile and maximum (nearest-rank percentile)."""
    if not values:
        return {"mean": 0.0, "median": 0.0, "p90": 0.0, "max": 0.0}
    ordered = sorted(values)
    n = len(ordered)
    mid = n // 2
    median = ordered[mid] if n % 2 else (ordered[mid - 1] + ordered[mid]) / 2
    return {
        "mean": sum(ordered) / n,
        "median": median,
        "p90": ordered[max(math.ceil(0.9 * n) - 1, 0)],
        "max": ordered[-1],
    }


def top(counts: Counter[str], n: int) -> list[tuple[str, int]]:
    """The ``n`` largest counts, ties broken by key."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
