"""Vale-style vocabularies: accepted terms are never flagged as unknown words, rejected ones always are.

A newsroom knows words no engine does (its reporters' names, local places,
house spellings) and words it never wants printed.  Each term is a regular
expression, case-sensitive unless it says otherwise (``(?i)``), as in Vale's
``accept.txt`` and ``reject.txt``.  An accepted term drops every finding, of
any engine, whose flagged text is exactly that term (LanguageTool's spelling,
the untranslated-word checker, the names checker …); a rejected term, found
as a whole word, is one ``VOCAB_REJECT`` finding however the engines judged it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from cleaner.document import Document, Span
from cleaner.findings.finding import Finding, Severity

REJECT_RULE_ID = "VOCAB_REJECT"
ENGINE = "vocabulary"
CATEGORY = "vocabulary"


@dataclass(frozen=True)
class Vocabulary:
    """The accepted and rejected terms (regular expressions) of one configuration."""

    accept: tuple[str, ...] = field(default=())
    reject: tuple[str, ...] = field(default=())

    @cached_property
    def _accepted(self) -> re.Pattern[str] | None:
        return _alternation(self.accept)

    @cached_property
    def _rejected(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        return tuple((term, re.compile(rf"(?<!\w)(?:{_scoped(term)})(?!\w)")) for term in self.reject)

    def __bool__(self) -> bool:
        return bool(self.accept or self.reject)

    def accepts(self, text: str) -> bool:
        """True when ``text`` (a finding's flagged text) is exactly an accepted term."""
        accepted = self._accepted
        return accepted is not None and accepted.fullmatch(text.strip()) is not None

    def rejected_findings(self, doc: Document) -> Iterator[Finding]:
        """One finding per occurrence of a rejected term in the checked text (markup and code blanked)."""
        for term, pattern in self._rejected:
            for m in pattern.finditer(doc.check_text):
                if m.end() > m.start():
                    yield _reject_finding(doc, Span(m.start(), m.end()), term)


def _alternation(terms: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for all terms; each keeps its own inline flags by being compiled as a group of its own."""
    terms = tuple(terms)
    if not terms:
        return None
    return re.compile("|".join(f"(?:{_scoped(t)})" for t in terms))


def _scoped(term: str) -> str:
    """``(?i)word`` → ``(?i:word)``: global flags are only allowed at the start of a whole pattern."""
    m = re.match(r"\(\?([aiLmsux]+)\)", term)
    return f"(?{m.group(1)}:{term[m.end() :]})" if m else term


def check_term(term: str) -> str | None:
    """What is wrong with ``term`` as a vocabulary entry, or None when it compiles."""
    try:
        re.compile(_scoped(term))
    except re.error as exc:
        return f"not a valid regular expression ({exc})"
    if re.fullmatch(_scoped(term), ""):
        return "matches the empty string"
    return None


def filter_accepted(findings: Iterable[Finding], vocabulary: Vocabulary) -> Iterator[Finding]:
    """``findings`` without those whose flagged text is an accepted term."""
    if not vocabulary.accept:
        yield from findings
        return
    yield from (f for f in findings if not vocabulary.accepts(f.text))


def _reject_finding(doc: Document, span: Span, term: str) -> Finding:
    text = doc.text[span.start : span.end]
    shown = "" if term == text else f" (reject list: {term})"
    return Finding(
        span=span,
        text=text,
        rule_id=REJECT_RULE_ID,
        engine=ENGINE,
        category=CATEGORY,
        severity=Severity.MINOR,
        confidence=1.0,
        message=f"'{text}' is a rejected term{shown}",
    )
