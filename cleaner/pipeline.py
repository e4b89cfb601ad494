"""The pipeline: Source → Document → Findings (every checker, merged) → FixPlan → ArticleResult.

Each stage takes the previous stage's value and returns a new one.  Checkers
are independent; if an optional one (LanguageTool) becomes unavailable the
run goes on without it and says so once, unless the settings require it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from cleaner.checkers import Checker, CheckerUnavailable
from cleaner.document import Document
from cleaner.findings import Finding, Severity, merge
from cleaner.fixes import FixPlan, corrected_text
from cleaner.formats import load_document
from cleaner.metrics import Readability, garble_score, readability
from cleaner.policy import apply_policy
from cleaner.prose_edits import plan_in_prose
from cleaner.settings import Settings
from cleaner.sources import Source
from cleaner.spans import Span
from cleaner.suppressions import suppress

CHUNK_CHARS = 1_000_000
"""Plain-text articles longer than this are checked in chunks, so memory stays bounded."""
READABILITY_CHARS = 200_000
"""Readability is computed on at most this much text (the score is an average anyway)."""

Warn = Callable[[str], None]


@dataclass(frozen=True)
class ArticleResult:
    """Everything known about one article after the pipeline ran: the report model."""

    source: Source
    document: Document
    findings: tuple[Finding, ...]
    plan: FixPlan
    readability_before: Readability
    corrected: str
    """The article with the plan's edits applied."""
    suppressed: int = 0
    engines: tuple[str, ...] = field(default=())

    @cached_property
    def readability_after(self) -> Readability:
        """Readability of the corrected article: computed only by the reports that show it."""
        if self.corrected == self.source.text:
            return self.readability_before
        after_doc = load_document(replace(self.source, text=self.corrected))
        return readability(after_doc.prose()[:READABILITY_CHARS])

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def words(self) -> int:
        return self.document.word_count

    @property
    def garble_score(self) -> float:
        return garble_score(self.findings, self.words)

    def failing(self, fail_on: Severity, after_fix: bool = False) -> list[Finding]:
        """Findings at or above ``fail_on`` (after fixing: only those not applied)."""
        pool = [s.finding for s in self.plan.suggestions] if after_fix else list(self.findings)
        return [f for f in pool if f.severity.at_least(fail_on)]


class Pipeline:
    """Runs a fixed set of checkers over articles with one Settings."""

    def __init__(self, checkers: Sequence[Checker], settings: Settings, warn: Warn) -> None:
        self.checkers = list(checkers)
        self.settings = settings
        self.warn = warn

    def analyze(self, source: Source) -> ArticleResult:
        """Run every checker over one article and plan its fixes."""
        document = load_document(source)
        findings: list[Finding] = []
        for offset, part in self._parts(source, document):
            found = merge(f for checker in list(self.checkers) for f in self._run(checker, part))
            findings.extend(_shifted(f, offset) if offset else f for f in found)
        findings = apply_policy(findings, self.settings)
        findings, suppressed = suppress(document, findings)
        plan = plan_in_prose(document, findings, self.settings.fix_threshold)
        before = readability(document.prose()[:READABILITY_CHARS])
        corrected = corrected_text(plan)
        return ArticleResult(
            source=source,
            document=document,
            findings=tuple(findings),
            plan=plan,
            readability_before=before,
            corrected=corrected,
            suppressed=suppressed,
            engines=tuple(c.name for c in self.checkers),
        )

    def _parts(self, source: Source, document: Document) -> Iterator[tuple[int, Document]]:
        if document.format != "text" or len(source.text) <= CHUNK_CHARS:
            yield 0, document
            return
        for start, end in _chunk_bounds(source.text, CHUNK_CHARS):
            yield start, Document.from_text(source.text[start:end], source.path)

    def _run(self, checker: Checker, doc: Document) -> list[Finding]:
        try:
            return list(checker.check(doc))
        except CheckerUnavailable as exc:
            if self.settings.languagetool == "required":
                raise
            self.warn(f"warning: {exc}; continuing without {checker.name}")
            self.checkers.remove(checker)
            return []


def _chunk_bounds(text: str, size: int) -> Iterator[tuple[int, int]]:
    """Cut points near every ``size`` characters, at a line break so no sentence is split."""
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            cut = text.rfind("\n", start + size // 2, end)
            end = cut + 1 if cut >= 0 else end
        yield start, end
        start = end


def _shifted(f: Finding, offset: int) -> Finding:
    return replace(f, span=Span(f.span.start + offset, f.span.end + offset))
