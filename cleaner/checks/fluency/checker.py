"""The fluency engine: proposals in ``full`` mode (a Checker), the gate in ``gate`` and ``full`` (a post-merge step).

Opened once per run: the model is loaded (memory-mapped from the weight
cache) and the score cache opened; both are shared by every article.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path

from cleaner.checks.checker import CheckerUnavailable
from cleaner.checks.fluency import SURPRISE_RULE_ID
from cleaner.checks.fluency.confusions import ConfusionTable, load_confusions
from cleaner.checks.fluency.gate import gate_budget, gate_findings
from cleaner.checks.fluency.gguf_weights import ModelError, packaged_model_path
from cleaner.checks.fluency.propose import RULE_ID, candidates, proposal_windows, proposals
from cleaner.checks.fluency.score_cache import FILE_NAME
from cleaner.checks.fluency.scorer import Scorer, free_cores
from cleaner.checks.fluency.settings import FluencyOptions
from cleaner.checks.fluency.surprise import surprise_windows, surprises, surprising
from cleaner.checks.fluency.windows import SENTENCE_GRID, SPAN_GRID, Grid
from cleaner.document import Document
from cleaner.findings import Finding
from cleaner.paths import cache_dir


class FluencyChecker:
    """Scores sentences with a small language model to judge and propose corrections."""

    name = "fluency"
    rule_ids = (RULE_ID, SURPRISE_RULE_ID)

    def __init__(self, scorer: Scorer, table: ConfusionTable, mode: str, options: FluencyOptions) -> None:
        self.scorer = scorer
        self.table = table
        self.mode = mode
        self.options = options

    @classmethod
    def open(cls, mode: str, options: FluencyOptions) -> FluencyChecker:
        """Load the model (raises ModelError naming the file when it is missing or corrupt)."""
        model: Path = options.model if options.model is not None else packaged_model_path()
        cache = cache_dir() / "fluency" / FILE_NAME if options.cache else None
        threads = options.threads if options.threads is not None else free_cores()
        return cls(Scorer.open(model, cache, threads), load_confusions(), mode, options)

    def check(self, doc: Document) -> list[Finding]:
        """Proposals and surprising words (full mode; surprising words in gate mode only when asked for), scored in
        one pass; the gate runs later, on the merged findings."""
        if len(doc.text) > self.options.max_chars:
            return []
        chosen = candidates(doc, self.table, self.options.max_candidates, []) if self.mode == "full" else []
        windows = proposal_windows(doc, chosen, self._grid)
        words, chains = surprise_windows(doc) if self._surprise else ([], [])
        # one tree for both (their contexts are the same sentence beginnings), kept for the gate to reuse
        scores = self.scorer.score([*windows, *chains], same_text_next=True) if windows or chains else []
        proposed = proposals(chosen, scores[: len(windows)], self.options)
        if not self._surprise:
            return proposed
        # a word with a proposal already has the better message: an alternative
        taken = {f.span for f in proposed}
        scored = surprises(words, scores[len(windows) :])
        return proposed + [f for f in surprising(scored, self._threshold) if f.span not in taken]

    def refine(self, doc: Document, findings: Sequence[Finding]) -> list[Finding]:
        """The post-merge gate (see :mod:`cleaner.checks.fluency.gate`); a very long text is left as it is."""
        if len(doc.text) > self.options.max_chars:
            return list(findings)
        budget = gate_budget(doc, self.options)
        # the surprising words' chains ran just before: what the gate's windows share with them is paid
        known = self.scorer.paths(surprise_windows(doc)[1]) if self._surprise and budget is not None else frozenset()
        return gate_findings(
            doc,
            findings,
            self.scorer,
            self.options,
            hints_as_proposals=self.mode == "full",
            budget=budget,
            hint_grid=self._grid,
            known=known,
        )

    @property
    def _threshold(self) -> float:
        return self.options.surprise_in(self.mode)

    @property
    def _surprise(self) -> bool:
        return self._threshold > 0

    @property
    def _grid(self) -> Grid:
        """The proposals' windows: on the surprising words' grid when they run, so that their contexts and original
        words are nodes of those chains.  The gate keeps its short windows, which judge fixes better (on the MQM
        quick slice its windows on the sentence grid cost 0.6 points of span F1 and 0.04 of fix's chrF gain)."""
        return SENTENCE_GRID if self._surprise else SPAN_GRID

    def close(self) -> None:
        self.scorer.cache.close()


class _Unavailable:
    """Stands in for an optional fluency checker whose model cannot load: the pipeline warns once and drops it."""

    name = "fluency"

    def __init__(self, problem: str) -> None:
        self.problem = problem

    def check(self, doc: Document) -> list[Finding]:
        raise CheckerUnavailable(self.problem)


def open_fluency(options: FluencyOptions, required: bool, stack: contextlib.ExitStack) -> FluencyChecker | _Unavailable:
    """The fluency engine for a run, in ``options.kind`` (gate or full).

    A required checker (``--fluency gate|full``) needs the model: a missing or corrupt
    file raises ModelError (one line naming the file, exit 2).  An optional one stands
    aside instead, and the run goes on without it after one warning.
    """
    try:
        checker = FluencyChecker.open(options.kind, options)
    except ModelError as exc:
        if required:
            raise
        return _Unavailable(str(exc))
    stack.callback(checker.close)
    return checker
