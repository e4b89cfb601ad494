"""Surprising words: word-level quality estimation from the model's own surprise, for direct MT.

Fluent-but-wrong machine translation has no replacement to propose: a wrong
sense, an odd collocation, a calque.  What the model can still say is that a
word is unexpected after the words before it in its sentence.  Each word of
running text (lower-case, no digits: names and numbers are the name checker's)
is scored once, in one chain per sentence, as −log p(word | sentence so far);
a word at least ``surprise`` nats surprising becomes an ``info`` finding with
no replacement.  On rated Chinese→English MT about half of such words sit in
an annotated error, where a word picked at random does 25–29 % of the time
(docs/evaluation.md, "Surprising words"), so these are hints to look at,
never fixes.  Full mode runs them by default (the proposals and the gate's
proposal-like windows then read their contexts from these chains, docs/fluency.md,
"Speed"); gate mode only when asked.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from cleaner.checks.fluency import SURPRISE_CATEGORY, SURPRISE_RULE_ID
from cleaner.checks.fluency.scorer import Scorer, Window
from cleaner.checks.fluency.windows import SENTENCE_GRID, left_context, total
from cleaner.document import Document, Kind, Token
from cleaner.findings import Finding, Severity

CONFIDENCE = 0.45
"""About the share of flagged words that raters marked as errors on the tuning documents."""


def surprise_windows(doc: Document) -> tuple[list[Token], list[Window]]:
    """The running-text words to score and their windows (each word after its sentence so far)."""
    tokens = list(_scored_words(doc))
    return tokens, [_window(doc, tok) for tok in tokens]


def word_surprise(doc: Document, scorer: Scorer) -> list[tuple[Token, float]]:
    """Each running-text word with its surprise in nats: −log p(word | its sentence so far)."""
    tokens, windows = surprise_windows(doc)
    return surprises(tokens, scorer.score(windows, same_text_next=True) if windows else [])


def surprises(tokens: Sequence[Token], scores: Sequence[Sequence[Sequence[float]]]) -> list[tuple[Token, float]]:
    """Each word with its surprise, given its window's scores."""
    return [(tok, -total(per_variant[0])) for tok, per_variant in zip(tokens, scores, strict=True)]


def surprising_words(doc: Document, scorer: Scorer, threshold: float) -> list[Finding]:
    """An ``info`` finding for each running-text word at least ``threshold`` nats surprising in its sentence."""
    return surprising(word_surprise(doc, scorer), threshold)


def surprising(scored: Sequence[tuple[Token, float]], threshold: float) -> list[Finding]:
    """An ``info`` finding for each scored word at least ``threshold`` nats surprising."""
    findings: list[Finding] = []
    for tok, nats in scored:
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

    In a sentence of more than 48 words the context starts at a point of ``SENTENCE_GRID``, so the words
    of one stretch share it and a sentence of thousands of words (a file without full stops) costs a
    bounded amount per word, not its length.
    """
    prefix, gap = left_context(doc, tok.start, SENTENCE_GRID)
    return Window(prefix, (gap + tok.text,))
