"""Build real ArticleResults for report tests from a fake checker with regex rules."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from cleaner.config.settings import Settings
from cleaner.document.document import Document
from cleaner.document.sources import decode
from cleaner.document.spans import Span
from cleaner.findings.finding import Finding, Severity
from cleaner.pipeline import ArticleResult, Pipeline


@dataclass(frozen=True)
class FakeRule:
    pattern: str
    replacements: tuple[str, ...] = ()
    rule_id: str = "FAKE_RULE"
    confidence: float = 0.9
    severity: Severity = Severity.MAJOR
    category: str = "mistranslation"
    message: str = "A fake rule."


class FakeChecker:
    """A checker over regular expressions: one finding per match."""

    def __init__(self, rules: Sequence[FakeRule], name: str = "rules") -> None:
        self.rules = list(rules)
        self.name = name

    def check(self, doc: Document) -> Iterator[Finding]:
        for r in self.rules:
            for m in re.finditer(r.pattern, doc.text):
                yield Finding(
                    span=Span(m.start(), m.end()),
                    text=m.group(),
                    rule_id=r.rule_id,
                    engine=self.name,
                    category=r.category,
                    severity=r.severity,
                    confidence=r.confidence,
                    message=r.message,
                    replacements=r.replacements,
                )


def analyze(
    text: str,
    rules: Sequence[FakeRule],
    threshold: float = 0.8,
    path: str = "article.txt",
    other: Sequence[FakeRule] = (),
) -> ArticleResult:
    """Run the real pipeline (policy, fix plan, readability) with fake checkers."""
    settings = Settings(fix_threshold=threshold)
    checkers = [FakeChecker(rules)] + ([FakeChecker(other, "languagetool")] if other else [])
    return Pipeline(checkers, settings, warn=lambda message: None).analyze(decode(path, text.encode("utf-8")))


TRADE_TEXT = (
    "China and the United States accepted more pricing talks, said Trump.\n"
    "\n"
    "Trump and Chinese chief Xi Jinping spoke. It was hard to conclude an agreement.\n"
    "\n"
    "Trump reduced his 145% prices on Chinese products to 30%.\n"
)

TRADE_RULES = (
    FakeRule(
        r"pricing talks",
        ("trade talks",),
        "T_PRICING_TALKS",
        0.9,
        Severity.MAJOR,
        "mistranslation",
        "French 'tarif' means tariff.",
    ),
    FakeRule(
        r"Chinese chief",
        ("Chinese leader", "Chinese President"),
        "T_CHIEF",
        0.85,
        Severity.MAJOR,
        "title",
        "'chief' for a head of state.",
    ),
    FakeRule(
        r"conclude an agreement",
        ("reach an agreement",),
        "T_CONCLUDE",
        0.6,
        Severity.MINOR,
        "calque",
        "'conclure un accord' is 'reach an agreement'.",
    ),
    FakeRule(
        r"145% prices", ("145% tariffs",), "T_PRICES", 0.9, Severity.MAJOR, "mistranslation", "'tarifs' are tariffs."
    ),
)


@cache
def trade_result(threshold: float = 0.8, path: str = "trade.txt") -> ArticleResult:
    """Three applied edits (one with an alternative) and one suggestion below the threshold."""
    return analyze(TRADE_TEXT, TRADE_RULES, threshold, path)
