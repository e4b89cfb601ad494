"""Surprising words: word-level quality estimation from the model's own surprise, for direct MT (opt-in).

Fluent-but-wrong machine translation has no replacement to propose: a wrong
sense, an odd collocation, a calque.  What the model can still say is that a
word is unexpected after the words before it in its sentence.  Each word of
running text (lower-case, no digits: names and numbers are the name checker's)
is scored once, in one chain per sentence, as −log p(word | sentence so far);
a word at least ``surprise`` nats surprising becomes an ``info`` finding with
no replacement.  On rated Chinese→English MT about half of such words sit in
an annotated error, where a word picked at random does 25–29 % of the time
(docs/evaluation.md, "Surprising words"), so these are hints to look at,
never fixes, and off by default: scoring every word costs a model pass over
the whole text.
"""

from __future__ import annotations

from collections.abc import Iterator

from cleaner.checks.fluency import SURPRISE_CATEGORY, SURPRISE_RULE_ID
from cleaner.checks.fluency.scorer import Scorer, Window
from cleaner.checks.fluency.windows import left_context, total
from cleaner.document import Document, Kind, Token
from cleaner.findings import Finding, Severity

GRID_WORDS = 32
MIN_LEFT_WORDS = 16
CONFIDENCE = 0.45
"""About the share of flagged words that raters marked as errors on the tuning documents."""


def word_surprise(doc: Document, scorer: Scorer) -> list[tuple[Token, float]]:
    """Each running-text word with its surprise in nats: −log p(word | its sentence so far)."""
    tokens = list(_scored_words(doc))
    if not tokens:
        return []
    scores = scorer.score([_window(doc, tok) for tok in tokens], same_text_next=True)
    return [(tok, -total(per_variant[0])) for tok, per_variant in zip(tokens, scores, strict=True)]


def surprising_words(doc: Document, scorer: Scorer, threshold: float) -> list[Finding]:
    """An ``info`` finding for each running-text word at least ``threshold`` nats surprising in its sentence."""
    findings: list[Finding] = []
    for tok, nats in word_surprise(doc, scorer):
        if nats < threshold:
            continue
        findings.append(
            Finding(
                span=tok.span,
                text=tok.text,
                rule_id=SURPRISE_RULE_ID,
                engine="fluency",
                category=SURPRISE_CATEGORY,
                severity=Severity.INFO,
                confidence=CONFIDENCE,
                message=(
                    f"the language model finds '{tok.text}' unexpected here ({nats:.1f} nats): "
                    "in machine translation such a word is often a wrong sense or an odd collocation"
                ),
            )
        )
    return findings


def _scored_words(doc: Document) -> Iterator[Token]:
    """Words of running text: starting lower-case, letters only (names, acronyms and numbers are left out)."""
    text = doc.check_text
    for tok in doc.tokens:
        if tok.kind is not Kind.WORD or not tok.text[:1].islower() or not tok.text.replace("'", "").isalpha():
            continue
        if tok.start and text[tok.start - 1].isdigit():  # the "rd" of "3rd"
            continue
        yield tok


def _window(doc: Document, tok: Token) -> Window:
    """The word after its sentence so far; the whitespace before it belongs to the word (the tokenizer's way).

    In a sentence of more than ``GRID_WORDS + MIN_LEFT_WORDS`` words the context starts at a grid point
    at least ``MIN_LEFT_WORDS`` before the word, so the words of one stretch share it and a sentence of
    thousands of words (a file without full stops) costs a bounded amount per word, not its length.
    """
    prefix, gap = left_context(doc, tok.start, GRID_WORDS, MIN_LEFT_WORDS)
    return Window(prefix, (gap + tok.text,))
