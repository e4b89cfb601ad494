"""Word tokens with normalized forms, shared by every checker that reads words.

Normalization is what makes matching robust to typography: case is folded,
curly apostrophes and quotes become straight ones, and number tokens are
recognised so rules can say "a number" without listing digits.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from cleaner.spans import Span


class Kind(str, Enum):
    """What a token is made of."""

    WORD = "word"
    NUMBER = "number"
    PUNCT = "punct"


@dataclass(frozen=True, slots=True)
class Token:
    """One token of the checked text: its span, the text as written, its normalized form."""

    start: int
    end: int
    text: str
    norm: str
    kind: Kind

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def is_capitalized(self) -> bool:
        return self.text[:1].isupper()


_APOSTROPHES = "\u2019\u2018\u02bc\u2032`\u00b4"
_WORD = r"[^\W\d_](?:[\w]|['\u2019\u02bc](?=[^\W\d_]))*"
_NUMBER = r"\d+(?:[.,\u00a0\u202f]\d{3})*(?:[.,]\d+)?"
_TOKEN_RE = re.compile(rf"(?P<number>{_NUMBER})|(?P<word>{_WORD})|(?P<punct>[^\s\w])", re.UNICODE)
_TRANSLATE = str.maketrans(
    {
        **{c: "'" for c in _APOSTROPHES},
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


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split ``text`` into word, number and punctuation tokens; offsets shifted by ``offset``."""
    tokens: list[Token] = []
    for m in _TOKEN_RE.finditer(text):
        kind = Kind(m.lastgroup or "punct")
        raw = m.group()
        norm = NUMBER_NORM if kind is Kind.NUMBER else normalize_word(raw)
        tokens.append(Token(m.start() + offset, m.end() + offset, raw, norm, kind))
    return tokens
