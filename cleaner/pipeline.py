"""The pipeline: Source → Document → Findings (every checker, merged) → FixPlan → ArticleResult.

Each stage takes the previous stage's value and returns a new one, and gets
only its own section of the settings.  Checkers are independent; one that
becomes unavailable is dropped with one warning, unless it is required (its
mode in the checker registry).  The configuration's vocabulary sits beside
them: accepted terms are taken out of every checker's findings before the
merge, and rejected terms join the merge as findings that win it; both
happen before ``--select`` / ``--ignore``, which see ``VOCAB_REJECT`` (engine
``vocabulary``) like any other rule.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from cleaner.budget import stage
from cleaner.checks.checker import Checker, CheckerUnavailable, FindingsRefiner, Prefetching, RenamesRules
from cleaner.checks.registry import PRECEDENCE, known_ids
from cleaner.config import Settings
from cleaner.document import Document, Source, Span, chunks, load_document
from cleaner.findings import (
    VOCABULARY_ENGINE,
    Finding,
    KnownIds,
    Policy,
    Severity,
    SuppressEntry,
    Vocabulary,
    apply_policy,
    apply_suppressions,
    directive_warnings,
    entry_accounted_for,
    filter_accepted,
    known_patterns,
    merge,
    numbered,
    patterns_hit,
    without_markup_blanks,
)
from cleaner.fixes import FixPlan, corrected_text, plan_fixes
from cleaner.metrics import Readability, garble_score, readability

ENGINE_PRECEDENCE = (VOCABULARY_ENGINE, *PRECEDENCE)
"""Which engine's finding wins a merge: a rejected term first, then the registry's order."""

CHUNK_CHARS = 1_000_000
"""Articles longer than this (any format) are checked in chunks, so memory stays bounded."""
READABILITY_CHARS = 200_000
"""Readability is computed on at most this much text (the score is an average anyway)."""

Warn = Callable[[str], None]
Progress = Callable[[str, int, int], None]
"""``(path, characters checked, characters in all)``, called as an article's chunks are checked."""


@dataclass(frozen=True)
class ArticleResult:
    """Everything known about one article after the pipeline ran: the report model."""

    source: Source
    document: Document
    findings: tuple[Finding, ...]
    plan: FixPlan
    corrected: str
    """The article with the plan's edits applied."""
    suppressed: int = 0
    engines: tuple[str, ...] = field(default=())
    fail_on: Severity = Severity.MINOR
    """The threshold of this article's own configuration (a run's files may have different ones)."""
    config_suppressions: tuple[tuple[SuppressEntry, bool], ...] = ()
    """The configuration's ``[[suppress]]`` entries that apply to this article, each with False when it silenced
    nothing here although its rule is sound and its engine ran (a run warns about entries False everywhere)."""
    selection_hits: frozenset[str] = frozenset()
    """``--select`` / ``--ignore`` patterns known to this article's run: naming an engine or a known rule
    id (:class:`KnownIds`), or matching one of the article's findings before selection (LanguageTool's ids)."""

    @cached_property
    def readability_before(self) -> Readability:
        """Readability of the article: computed only by the outputs that show it (not plain ``lint``)."""
        return readability(self.document.prose()[:READABILITY_CHARS])

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
    """Runs a fixed set of checkers over articles with one Settings.

    ``required`` names the checkers whose unavailability stops the run
    (the registry decides that from their modes); any other is dropped.
    With ``known`` (the rule ids the run knows), suppression comments that
    are misspelled, name unknown ids or silence nothing are warned about;
    without it the same ids are worked out from the checkers, for
    ``--select`` / ``--ignore`` alone.  Old rule ids a checker's rules took
    over (``replaces:``) work in the settings, the selection and suppressions.
    """

    def __init__(
        self,
        checkers: Sequence[Checker],
        settings: Settings,
        warn: Warn,
        required: Collection[str] = (),
        known: KnownIds | None = None,
    ) -> None:
        self.checkers = list(checkers)
        self.settings = settings
        self.warn = warn
        self.required = frozenset(required)
        self.known = known
        self.on_progress: Progress | None = None
        """Told after every chunk of an article (the progress display sets it)."""

    def analyze(self, source: Source) -> ArticleResult:
        """Run every checker over one article and plan its fixes."""
        with stage("load"):
            document = load_document(source)
        findings: list[Finding] = []
        total = len(source.text)
        if self.on_progress is not None:
            self.on_progress(source.path, 0, total)
        aliases = self._aliases()
        policy = self.settings.policy.renamed(aliases)
        vocabulary = self.settings.vocabulary
        hits: frozenset[str] = frozenset()
        for offset, part in self._parts(source, document):
            raw = [*vocabulary.rejected_findings(part), *self._checked(part, vocabulary)]
            raw, hits = self._select(without_markup_blanks(part, raw), policy, hits)
            found = self._judged(part, raw)
            findings.extend(_shifted(f, offset) if offset else f for f in found)
            if self.on_progress is not None:
                self.on_progress(source.path, offset + len(part.text), total)
        with stage("policy and suppressions"):
            findings = apply_policy(findings, policy)
            entries = [e for e in policy.suppressions if e.applies_to(source.path)]
            outcome = apply_suppressions(document, findings, entries, aliases)
            ran = self._engines_ran
            if self.known is not None:
                for warning in directive_warnings(source.path, outcome, self.known, ran):
                    self.warn(warning)
            used = outcome.used_entries()
            accounted = tuple((e, entry_accounted_for(e, e in used, self.known, ran)) for e in entries)
            findings = numbered(outcome.kept)
        with stage("fix planning"):
            plan = plan_fixes(document, findings, self.settings.fix_threshold)
            corrected = corrected_text(plan)
        return ArticleResult(
            source=source,
            document=document,
            findings=tuple(findings),
            plan=plan,
            corrected=corrected,
            suppressed=outcome.dropped,
            engines=tuple(c.name for c in self.checkers),
            fail_on=self.settings.fail_on,
            config_suppressions=accounted,
            selection_hits=self._known_patterns | hits if policy.selection.active else frozenset(),
        )

    def _select(
        self, found: list[Finding], policy: Policy, hits: frozenset[str]
    ) -> tuple[list[Finding], frozenset[str]]:
        """The findings ``--select`` / ``--ignore`` keep, and the patterns hit so far (these findings' too)."""
        selection = policy.selection
        if not selection.active:
            return found, hits
        return [f for f in found if selection.keeps(f)], hits | patterns_hit(selection.patterns, found)

    @cached_property
    def _known_patterns(self) -> frozenset[str]:
        """Patterns naming an engine of the registry or a prefix of a rule id the run knows."""
        known = self.known if self.known is not None else known_ids(self.checkers, self.settings)
        return known_patterns(self.settings.policy.selection.patterns, known.engines, ENGINE_PRECEDENCE)

    @property
    def _engines_ran(self) -> frozenset[str]:
        """The engines of this run: the checkers, and the vocabulary when it rejects terms."""
        vocabulary = (VOCABULARY_ENGINE,) if self.settings.vocabulary.reject else ()
        return frozenset((*(c.name for c in self.checkers), *vocabulary))

    def _checked(self, part: Document, vocabulary: Vocabulary) -> Iterator[Finding]:
        """Every checker's findings on ``part``, less those on accepted terms.

        Checkers that wait on a server are started on ``part`` first, so it works while the others run.
        """
        for checker in self.checkers:
            if isinstance(checker, Prefetching):
                with stage(f"prefetch: {checker.name}"):
                    checker.prefetch(part)
        for checker in list(self.checkers):
            yield from filter_accepted(self._run(checker, part), vocabulary)

    def _parts(self, source: Source, document: Document) -> Iterator[tuple[int, Document]]:
        yield from chunks(document, CHUNK_CHARS)

    def _judged(self, part: Document, raw: list[Finding]) -> list[Finding]:
        """Merged, refined findings: unconfirmed ones stay out of the merge and live only if a refiner confirms them."""
        pending = [f for f in raw if f.unconfirmed]
        found = merge([f for f in raw if not f.unconfirmed], ENGINE_PRECEDENCE)
        if not pending:
            return self._refine(part, found)
        refined = self._refine(part, sorted([*found, *pending], key=Finding.sort_key))
        return merge([f for f in refined if not f.unconfirmed], ENGINE_PRECEDENCE)

    def _refine(self, doc: Document, findings: list[Finding]) -> list[Finding]:
        """The post-merge step: checkers that judge other engines' findings (the fluency gate) revise them."""
        for checker in self.checkers:
            if isinstance(checker, FindingsRefiner):
                findings = sorted(checker.refine(doc, findings), key=Finding.sort_key)
        return findings

    def _aliases(self) -> dict[str, str]:
        """Old rule ids the checkers' rules took over, so settings and suppressions naming them still work."""
        table: dict[str, str] = {}
        for checker in self.checkers:
            if isinstance(checker, RenamesRules):
                table.update(checker.aliases)
        return table

    def _run(self, checker: Checker, doc: Document) -> list[Finding]:
        try:
            with stage(f"check: {checker.name}"):
                return list(checker.check(doc))
        except CheckerUnavailable as exc:
            if checker.name in self.required:
                raise
            self.warn(f"warning: {exc}; continuing without {checker.name}")
            self.checkers.remove(checker)
            return []


def _shifted(f: Finding, offset: int) -> Finding:
    return replace(f, span=Span(f.span.start + offset, f.span.end + offset))
