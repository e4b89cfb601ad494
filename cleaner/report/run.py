"""The run-level Report: every article's result, the input errors, totals and the exit code, built once.

Every output (text, JSON, SARIF, GitHub, the ``fix`` summary) reads its
numbers from here; none of them counts findings on its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from cleaner.checks.rules import Rule
from cleaner.errors import ExitCode, InputError
from cleaner.findings import Finding, Severity
from cleaner.pipeline import ArticleResult
from cleaner.report.model import Counts, counts, total


@dataclass(frozen=True)
class Report:
    """One run of ``lint``, ``fix`` or ``report`` over its articles."""

    articles: tuple[ArticleResult, ...]
    errors: tuple[InputError, ...] = ()
    fail_on: Severity | None = Severity.MINOR
    """The run's threshold; None: each article's own (``ArticleResult.fail_on``, from its configuration)."""
    after_fix: bool = False
    """Judge the exit code on what is left after fixing (``cleaner fix``)."""
    colour: bool = False
    """Outputs for a terminal may use colour."""
    rules: Mapping[str, Rule] = field(default_factory=dict)
    """The rule engine's rules by id, for outputs that document them (SARIF's rule help); may be empty."""
    show_source: bool = False
    """The text output shows each finding's line, with the flagged span underlined."""
    quiet: bool = False
    """The text output prints the findings only, without the summary line."""
    required_engines: frozenset[str] = frozenset()
    """Engines that were asked for as required although they are optional by default (``--require-languagetool``)."""

    @cached_property
    def engines(self) -> tuple[str, ...]:
        """The engines that ran on at least one article, in the order the pipeline runs them."""
        seen: dict[str, None] = {}
        for a in self.articles:
            seen.update(dict.fromkeys(a.engines))
        return tuple(seen)

    @cached_property
    def rule_statistics(self) -> tuple[RuleCount, ...]:
        """How often each rule fired in the run, most frequent first (``--statistics``)."""
        by_rule: dict[str, list[Finding]] = {}
        for a in self.articles:
            for f in a.findings:
                by_rule.setdefault(f.rule_id, []).append(f)
        rows = [RuleCount.of(rule_id, found) for rule_id, found in by_rule.items()]
        return tuple(sorted(rows, key=lambda r: (-r.count, r.rule_id)))

    @cached_property
    def per_article(self) -> tuple[Counts, ...]:
        """Each article's counts, in the order of ``articles``."""
        return tuple(counts(a) for a in self.articles)

    @cached_property
    def totals(self) -> Counts:
        """The counts of the whole run."""
        return total(self.per_article)

    @property
    def suppressed(self) -> int:
        return sum(a.suppressed for a in self.articles)

    @property
    def changed_files(self) -> int:
        """Articles with at least one edit."""
        return sum(1 for c in self.per_article if c.applied)

    @property
    def exit_code(self) -> ExitCode:
        """2 if any input failed, else 1 if a finding reaches ``fail_on`` (the article's own when None), else 0."""
        if self.errors:
            return ExitCode.ERROR
        if any(a.failing(self.fail_on or a.fail_on, self.after_fix) for a in self.articles):
            return ExitCode.FINDINGS
        return ExitCode.OK

    def summary(self) -> str:
        """``N findings (a major, b minor, c info) in F files, S suppressed; E input errors``."""
        t = self.totals
        sev = t.by_severity
        text = (
            f"{_plural(t.findings, 'finding')} ({sev['major']} major, {sev['minor']} minor, {sev['info']} info) "
            f"in {_plural(len(self.articles), 'file')}"
        )
        if self.suppressed:
            text += f", {self.suppressed} suppressed"
        if self.errors:
            text += f"; {_plural(len(self.errors), 'input error')}"
        if self.engines:
            text += f"; engines: {self.engine_list()}"
        return text

    def engine_list(self) -> str:
        """``rules, names, languagetool (required), untranslated``: what checked the articles."""
        return ", ".join(f"{e} (required)" if e in self.required_engines else e for e in self.engines)


@dataclass(frozen=True)
class RuleCount:
    """One row of ``--statistics``: a rule, how often it fired, its (worst) severity and (commonest) message."""

    count: int
    rule_id: str
    engine: str
    severity: Severity
    message: str

    @classmethod
    def of(cls, rule_id: str, found: list[Finding]) -> RuleCount:
        worst = max((f.severity for f in found), key=lambda s: s.rank)
        message, _ = Counter(" ".join(f.message.split()) for f in found).most_common(1)[0]
        return cls(len(found), rule_id, found[0].engine, worst, message)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
