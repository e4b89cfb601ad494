"""Word tokens with normalized forms, shared by every checker that reads words.

Normalization is what makes matching robust to typography: case is folded,
curly apostrophes and quotes become straight ones, and number tokens are
recognised so rules can say "a number" without listing digits.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from typing import NamedTuple

from cleaner.document.spans import Span


class Kind(StrEnum):
    """What a token is made of."""

    WORD = "word"
    NUMBER = "number"
    PUNCT = "punct"


class Token(NamedTuple):
    """One token of the checked text: its span, the text as written, its normalized form.

    A NamedTuple rather than a dataclass: documents have hundreds of thousands of
    tokens and tuple construction is several times cheaper.
    """

    start: int
    end: int
    text: str
    norm: str
    kind: Kind

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


_APOSTROPHES = "\u2019\u2018\u02bc\u2032`\u00b4"
_WORD = r"[^\W\d_](?:[\w]|['\u2019\u02bc](?=[^\W\d_]))*"
_NUMBER = r"\d+(?:[.,\u00a0\u202f]\d{3})*(?:[.,]\d+)?"
_TOKEN_RE = re.compile(rf"(?P<number>{_NUMBER})|(?P<word>{_WORD})|(?P<punct>[^\s\w])", re.UNICODE)
_TRANSLATE = str.maketrans(
    {
        **dict.fromkeys(_APOSTROPHES, "'"),
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
    }
)

NUMBER_NORM = "<num>"


def normalize_word(word: str) -> str:
    """The form used for matching: NFKC, case-folded, straight apostrophes and quotes."""
    return unicodedata.normalize("NFKC", word).translate(_TRANSLATE).casefold()


_KINDS = {"number": Kind.NUMBER, "word": Kind.WORD, "punct": Kind.PUNCT}


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split ``text`` into word, number and punctuation tokens; offsets shifted by ``offset``."""
    folded = text.translate(_TRANSLATE).lower()
    same_length = len(folded) == len(text)
    tokens: list[Token] = []
    append = tokens.append
    for m in _TOKEN_RE.finditer(text):
        kind = _KINDS[m.lastgroup or "punct"]
        start, end = m.span()
        raw = m.group()
        if kind is Kind.NUMBER:
            norm = NUMBER_NORM
        elif same_length and raw.isascii():
            norm = folded[start:end]
        else:
            norm = normalize_word(raw)
        append(Token(start + offset, end + offset, raw, norm, kind))
    return tokens
