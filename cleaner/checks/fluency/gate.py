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
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from cleaner.checks.fluency.propose import proposal_confidence
from cleaner.checks.fluency.scorer import Scorer
from cleaner.checks.fluency.settings import FluencyOptions
from cleaner.checks.fluency.windows import total, window_for
from cleaner.document import Document
from cleaner.findings import Finding, Severity
from cleaner.fixes import DEFAULT_THRESHOLD

MAX_REPLACEMENTS = 3
ENGINE = "fluency"


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


def gains(
    doc: Document, findings: Sequence[Finding], scorer: Scorer, settled: Callable[[Finding], bool] | None = None
) -> list[Gain]:
    """The fluency gain of every finding the gate judges (another engine's, with a replacement) but ``settled`` ones."""
    todo = [
        i
        for i, f in enumerate(findings)
        if f.engine != ENGINE and f.replacements and f.text and not (settled and settled(f))
    ]
    windows = [
        window_for(doc, findings[i].span, (findings[i].text, *findings[i].replacements[:MAX_REPLACEMENTS]))
        for i in todo
    ]
    out: list[Gain] = []
    for i, per_variant in zip(todo, scorer.score(windows), strict=True):
        original = total(per_variant[0])
        deltas = [total(s) - original for s in per_variant[1:]]
        best = max(range(len(deltas)), key=lambda k: (deltas[k], -k))
        out.append(Gain(i, round(deltas[best], 3), best))
    return out


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
) -> list[Finding]:
    """The findings with gated confidences (and the most fluent replacement first); hopeless ones removed.

    Settled hints (:func:`_settled`) pass through as they are, unless ``hints_as_proposals`` (full
    mode): then the rule files' hints are scored and treated like the checker's own proposals, a
    dictionary's alternative that the model finds far more fluent: from ``hint_apply`` nats on, ``fix``
    applies it.
    """
    out = list(findings)
    dropped: set[int] = set()

    def promotable(f: Finding) -> bool:
        return hints_as_proposals and _dictionary_hint(f)

    for gain in gains(doc, findings, scorer, lambda f: _settled(f, options) and not promotable(f)):
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
