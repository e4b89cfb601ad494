"""Proposals: words a pivot round trip confuses, replaced where the model finds an alternative clearly more fluent.

Candidates are the article's words that have confusion-set entries; the ones
the tuning round trips confused most often come first, up to a per-article
bound that keeps full mode within its time budget.  A candidate is reported
when its best alternative beats the original by ``propose_margin`` nats; the
message names the pivot word that carries both senses.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from cleaner.checks.fluency import PROPOSE_CATEGORY, PROPOSE_RULE_ID
from cleaner.checks.fluency.confusions import Confusion, ConfusionTable
from cleaner.checks.fluency.scorer import Scorer, Window
from cleaner.checks.fluency.settings import FluencyOptions
from cleaner.checks.fluency.windows import SPAN_GRID, Grid, total, window_for
from cleaner.document import Document, Kind, Span, Token
from cleaner.findings import Finding, Severity

RULE_ID = PROPOSE_RULE_ID
CATEGORY = PROPOSE_CATEGORY
MAX_ALTERNATIVES = 3


@dataclass(frozen=True, slots=True)
class Candidate:
    token: Token
    confusions: tuple[Confusion, ...]

    @property
    def priority(self) -> tuple[int, int, int]:
        """Substitutions the tuning round trips made most often first, then longer (rarer) words."""
        return (-max(c.seen for c in self.confusions), -len(self.token.text), self.token.start)


def candidates(doc: Document, table: ConfusionTable, limit: int, taken: list[Span]) -> list[Candidate]:
    """The words worth trying, most promising first; words inside another finding are left to the gate."""
    found: list[Candidate] = []
    sentence_starts = {s.start for s in doc.sentences}
    for tok in doc.tokens:
        if tok.kind is not Kind.WORD or len(tok.text) < 3:
            continue
        if tok.text[0].isupper() and tok.start not in sentence_starts:
            continue
        if tok.text.isupper():  # an acronym or a label in capitals ("SHOW", "NATO"), not a word in running text
            continue
        confusions = tuple(c for c in table.get(tok.text) if usable(c))[:MAX_ALTERNATIVES]
        if not confusions or any(s.start < tok.end and tok.start < s.end for s in taken):
            continue
        found.append(Candidate(tok, confusions))
    found.sort(key=lambda c: c.priority)
    return sorted(found[:limit], key=lambda c: c.token.start)


def usable(c: Confusion) -> bool:
    """Apertium's curated senses always; FreeDict's long sense lists only where a round trip made that swap."""
    return c.seen > 0 or c.source == "apertium"


def _cased(word: str, like: str) -> str:
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def proposal_windows(doc: Document, chosen: Sequence[Candidate], grid: Grid = SPAN_GRID) -> list[Window]:
    """Each candidate's window: its word, then its alternatives, in the word's place."""
    return [window_for(doc, c.token.span, (c.token.text, *_alternatives(c)), grid) for c in chosen]


def _alternatives(c: Candidate) -> tuple[str, ...]:
    return tuple(_cased(x.alternative, c.token.text) for x in c.confusions)


def propose(
    doc: Document,
    table: ConfusionTable,
    scorer: Scorer,
    options: FluencyOptions,
    taken: list[Span],
    grid: Grid = SPAN_GRID,
) -> list[Finding]:
    """Findings where a confused alternative reads clearly better than the word the article has."""
    chosen = candidates(doc, table, options.max_candidates, taken)
    # the gate scores this text next, and its windows share sentence beginnings with these
    return proposals(chosen, scorer.score(proposal_windows(doc, chosen, grid), same_text_next=True), options)


def proposals(
    chosen: Sequence[Candidate], scores: Sequence[Sequence[Sequence[float]]], options: FluencyOptions
) -> list[Finding]:
    """The candidates whose best alternative gains ``propose_margin`` nats, given their windows' scores."""
    findings: list[Finding] = []
    for cand, per_variant in zip(chosen, scores, strict=True):
        original = total(per_variant[0])
        gains = [total(s) - original for s in per_variant[1:]]
        best = max(range(len(gains)), key=lambda k: (gains[k], -k))
        delta = gains[best]
        if delta < options.propose_margin:
            continue
        conf = cand.confusions[best]
        word = _cased(conf.alternative, cand.token.text)
        # a sense swap the tuning round trips really made is a failing finding; one only the
        # dictionary knows is reported as a note (it still counts for `fix` by its confidence)
        findings.append(
            Finding(
                span=cand.token.span,
                text=cand.token.text,
                rule_id=RULE_ID,
                engine="fluency",
                category=CATEGORY,
                severity=Severity.MINOR if conf.seen > 0 else Severity.INFO,
                confidence=proposal_confidence(delta, options.propose_apply),
                message=(
                    f"{conf.language} '{conf.pivot}' is both '{cand.token.text.lower()}' and '{conf.alternative}'; "
                    f"'{conf.alternative}' reads more fluently here ({delta:+.1f} nats)"
                ),
                replacements=(word,),
            )
        )
    return findings


def proposal_confidence(delta: float, apply_at: float) -> float:
    """0.8 (the fix threshold) at ``apply_at`` nats, rising slowly beyond."""
    z = (delta - apply_at) * 0.8 + math.log(4)
    return round(1.0 / (1.0 + math.exp(-z)), 3)
