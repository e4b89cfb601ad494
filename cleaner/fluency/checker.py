"""The fluency engine: proposals in ``full`` mode (a Checker), the gate in ``gate`` and ``full`` (a post-merge step).

Opened once per run: the model is loaded (memory-mapped from the weight
cache) and the score cache opened; both are shared by every article.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from pathlib import Path

from cleaner.document import Document
from cleaner.findings import Finding
from cleaner.fluency import settings as fluency_settings
from cleaner.fluency.confusions import ConfusionTable, load_confusions
from cleaner.fluency.gate import gate_findings
from cleaner.fluency.gguf_weights import ModelError, packaged_model_path
from cleaner.fluency.propose import propose
from cleaner.fluency.score_cache import FILE_NAME
from cleaner.fluency.scorer import Scorer, free_cores
from cleaner.fluency.settings import FluencyOptions
from cleaner.paths import cache_dir
from cleaner.settings import Settings


class FluencyChecker:
    """Scores sentences with a small language model to judge and propose corrections."""

    name = "fluency"

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
        """Proposals (full mode only); the gate runs later, on the merged findings."""
        if self.mode != "full":
            return []
        return propose(doc, self.table, self.scorer, self.options, [])

    def refine(self, doc: Document, findings: Sequence[Finding]) -> list[Finding]:
        """The post-merge gate (see :mod:`cleaner.fluency.gate`)."""
        return gate_findings(doc, findings, self.scorer, self.options)

    def close(self) -> None:
        self.scorer.cache.close()


def open_fluency(settings: Settings, warn: Callable[[str], None], stack: contextlib.ExitStack) -> FluencyChecker | None:
    """The fluency engine these settings ask for, or None.

    An explicit mode (``gate``/``full``) requires the model: a missing or corrupt file
    raises ModelError (one line naming the file, exit 2).  ``auto`` warns once and
    runs without it.
    """
    if settings.fluency == "off":
        return None
    mode = fluency_settings.DEFAULT_MODE if settings.fluency == "auto" else settings.fluency
    if mode == "off":
        return None
    try:
        checker = FluencyChecker.open(mode, settings.fluency_options)
    except ModelError as exc:
        if settings.fluency != "auto":
            raise
        warn(f"warning: {exc}; continuing without fluency")
        return None
    stack.callback(checker.close)
    return checker
