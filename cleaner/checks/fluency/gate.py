"""The gate: every other engine's replacement re-scored in its sentence, its confidence set from the difference.

A post-merge step: it sees the merged findings (one per problem), so each
replacement is scored once.  Δ is the log-probability of the window with the
replacement minus that with the original (nats).  The new confidence is a
logistic function of Δ and of the finding's own confidence, fitted on the
tuning round trips and clean news (``scripts/calibrate_fluency.py``), so
``fix`` (threshold 0.8) applies only corrections that read clearly better.
Where the original is much more fluent the finding is dropped, unless it is a
hint (``info``, below the fix threshold): a hint neither fails a run nor is
applied, and on direct MT (fluent but wrong) the word it points at reads fluently
yet is often the error (docs/evaluation.md, MQM), so it stays, with the lowered
confidence, for the editor to judge.  A rule match
whose context words were missing (``unconfirmed``) is the gate's to decide: it
is kept, confirmed, only where its replacement is clearly more fluent (the
proposals' margin), since the sentence itself then says what the listed words
could not.

The gate has a budget (``gate-tokens`` per 1,000 words, docs/fluency.md,
"Budget"): its cost is a fixed pass plus about 3.5 ms a token, and a
garble-dense article has more findings than a second buys.  Findings are judged
in order of what a wrong decision costs (:func:`risk`) while their windows fit;
the rest keep the confidence their engine gave them, as with the checker off,
and unconfirmed matches left unjudged go (the pipeline drops them).  In full
mode the rule files' hints scored as proposals are the proposals' work, outside
the gate's budget.  The budget depends only on the text, never on the score
cache, so a run's findings do not depend on what an earlier run computed.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass, replace

from cleaner.checks.fluency.propose import proposal_confidence
from cleaner.checks.fluency.scorer import Scorer, Window
from cleaner.checks.fluency.settings import FluencyOptions
from cleaner.checks.fluency.windows import SPAN_GRID, Grid, total, window_for
from cleaner.document import Document
from cleaner.findings import Finding, Severity
from cleaner.fixes import DEFAULT_THRESHOLD

MAX_REPLACEMENTS = 3
ENGINE = "fluency"
MIN_GATE_TOKENS = 80
"""The budget of a short text at least: a headline or a paragraph still gets its few findings judged."""


def gate_confidence(delta: float, prior: float, options: FluencyOptions) -> float:
    """The calibrated probability that a correction with fluency gain ``delta`` is right."""
    p = min(max(prior, 0.01), 0.99)
    clipped = max(min(delta, options.gate_clip), -options.gate_clip)
    z = options.gate_slope * clipped + options.gate_offset + options.gate_prior * math.log(p / (1 - p))
    return round(1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0))), 3)


@dataclass(frozen=True, slots=True)
class Gain:
    """How much more fluent a finding's best replacement is than the original (nats), and which one it is."""

    index: int
    delta: float
    best: int


def judged(findings: Sequence[Finding], settled: Callable[[Finding], bool] | None = None) -> list[int]:
    """Indices of the findings the gate judges: another engine's, with a replacement, not ``settled``."""
    return [
        i
        for i, f in enumerate(findings)
        if f.engine != ENGINE and f.replacements and f.text and not (settled and settled(f))
    ]


def _window(doc: Document, f: Finding, grid: Grid = SPAN_GRID) -> Window:
    return window_for(doc, f.span, (f.text, *f.replacements[:MAX_REPLACEMENTS]), grid)


def gains(
    doc: Document, findings: Sequence[Finding], scorer: Scorer, settled: Callable[[Finding], bool] | None = None
) -> list[Gain]:
    """The fluency gain of every finding the gate judges (another engine's, with a replacement) but ``settled`` ones."""
    return gains_of(doc, findings, judged(findings, settled), scorer)


def gains_of(
    doc: Document,
    findings: Sequence[Finding],
    todo: Sequence[int],
    scorer: Scorer,
    grid_of: Callable[[Finding], Grid] = lambda f: SPAN_GRID,
) -> list[Gain]:
    """The fluency gain of the findings at ``todo``, scored in one call, each window cut on its ``grid_of``."""
    out: list[Gain] = []
    windows = [_window(doc, findings[i], grid_of(findings[i])) for i in todo]
    for i, per_variant in zip(todo, scorer.score(windows), strict=True):
        original = total(per_variant[0])
        deltas = [total(s) - original for s in per_variant[1:]]
        best = max(range(len(deltas)), key=lambda k: (deltas[k], -k))
        out.append(Gain(i, round(deltas[best], 3), best))
    return out


def gate_budget(doc: Document, options: FluencyOptions) -> int | None:
    """Model tokens the gate may spend on ``doc`` (None: no budget, ``gate-tokens = 0``)."""
    if options.gate_tokens <= 0:
        return None
    return max(MIN_GATE_TOKENS, round(options.gate_tokens * doc.word_count / 1000))


def risk(f: Finding) -> tuple[int, float]:
    """Where ``f`` comes in the gate's order when the budget is short: what a wrong decision costs most, first.

    1. A fix ``fix`` would apply, least sure first: an unjudged wrong one changes the text.
    2. A finding that fails a run (not ``info``), least sure first: an unjudged false one fails it.
    3. An unconfirmed match, most sure first: unjudged, it is lost, as with the checker off.
    4. A hint the gate could lift to a fix, most sure first: unjudged, it stays a hint.
    """
    if f.unconfirmed:
        return (2, -f.confidence)
    if f.confidence >= DEFAULT_THRESHOLD:
        return (0, f.confidence)
    if f.severity is not Severity.INFO:
        return (1, f.confidence)
    return (3, -f.confidence)


def within_budget(
    doc: Document,
    findings: Sequence[Finding],
    todo: Sequence[int],
    scorer: Scorer,
    budget: int,
    known: Set[tuple[int, ...]] = frozenset(),
) -> list[int]:
    """The findings of ``todo`` (in :func:`risk` order) whose windows fit in ``budget`` model tokens, in index order.

    A window costs the token paths it adds to those of the windows chosen before it and to ``known`` (the paths
    of the surprising words' chains, which the pass before the gate ran): the scorer runs each distinct path
    once (:mod:`cleaner.checks.fluency.token_tree`), so a context shared within a sentence is paid once.
    """
    chosen: list[int] = []
    paths: set[tuple[int, ...]] = set()
    left = budget
    for i in sorted(todo, key=lambda i: (risk(findings[i]), i)):
        new = scorer.paths([_window(doc, findings[i])]) - paths - known
        if len(new) <= left:
            chosen.append(i)
            paths |= new
            left -= len(new)
    return sorted(chosen)


def _hint(f: Finding) -> bool:
    """A confirmed ``info`` finding below the default fix threshold: it fails no run and changes no text."""
    return f.severity is Severity.INFO and f.confidence < DEFAULT_THRESHOLD and not f.unconfirmed


def _dictionary_hint(f: Finding) -> bool:
    """A rule file's hint: a pivot dictionary's or a rule's alternative, like the checker's own proposals.

    LanguageTool's hints are spelling and style suggestions, which the model would rate by how common
    the word is ("wilaya" → "Malaya"), so they are never promoted.
    """
    return _hint(f) and f.engine == "rules"


def _settled(f: Finding, options: FluencyOptions) -> bool:
    """A hint that no fluency gain could lift to the fix threshold: the model cannot change what happens to it.

    It is neither dropped (a hint) nor applied whatever Δ is, so it is not scored: on round-trip text
    these are most of the findings (the pivot lexicon's hints), and the gate's cost is per finding.
    """
    return _hint(f) and gate_confidence(options.gate_clip, f.confidence, options) < DEFAULT_THRESHOLD


def gate_findings(
    doc: Document,
    findings: Sequence[Finding],
    scorer: Scorer,
    options: FluencyOptions,
    hints_as_proposals: bool = False,
    budget: int | None = None,
    hint_grid: Grid = SPAN_GRID,
    known: Set[tuple[int, ...]] = frozenset(),
) -> list[Finding]:
    """The findings with gated confidences (and the most fluent replacement first); hopeless ones removed.

    Settled hints (:func:`_settled`) pass through as they are, unless ``hints_as_proposals`` (full
    mode): then the rule files' hints are scored and treated like the checker's own proposals, a
    dictionary's alternative that the model finds far more fluent: from ``hint_apply`` nats on, ``fix``
    applies it.  With a ``budget`` (model tokens), only the findings :func:`within_budget` picks are
    judged; promoted hints are outside it, and their windows are cut on ``hint_grid`` (the proposals').
    ``known`` token paths (the surprising words' chains, which the pass before ran) cost the budget nothing.
    """
    out = list(findings)
    dropped: set[int] = set()

    def promotable(f: Finding) -> bool:
        return hints_as_proposals and _dictionary_hint(f)

    todo = judged(findings, lambda f: _settled(f, options) and not promotable(f))
    if budget is not None:
        candidates = [i for i in todo if not promotable(findings[i])]
        chosen = set(within_budget(doc, findings, candidates, scorer, budget, known))
        todo = [i for i in todo if i in chosen or promotable(findings[i])]
    for gain in gains_of(doc, findings, todo, scorer, lambda f: hint_grid if promotable(f) else SPAN_GRID):
        f = findings[gain.index]
        if f.unconfirmed and gain.delta < options.propose_margin:
            continue
        if gain.delta <= options.drop_below and not _hint(f):
            dropped.add(gain.index)
            continue
        replacements = f.replacements
        if gain.best:
            head = f.replacements[gain.best]
            replacements = (head, *(r for r in f.replacements if r != head))
        confidence = gate_confidence(gain.delta, f.confidence, options)
        if promotable(f) and gain.delta >= options.hint_apply:
            confidence = max(confidence, proposal_confidence(gain.delta, options.hint_apply))
        out[gain.index] = replace(f, confidence=confidence, replacements=replacements, unconfirmed=False)
    return [f for i, f in enumerate(out) if i not in dropped]
