"""Byte-level BPE (the GPT-2 scheme) from a GGUF file's vocabulary and merges.

SmolLM2's pre-tokenizer splits every digit on its own, then applies the GPT-2
word pattern; each piece's UTF-8 bytes are mapped to printable characters and
merged by rank.  Only encoding is needed: the model scores text, it never
writes any.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import regex

_DIGIT = regex.compile(r"\p{N}")
_WORD = regex.compile(r"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+")


def _byte_alphabet() -> dict[int, str]:
    """GPT-2's reversible map from bytes to printable characters."""
    printable = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1), *range(ord("®"), ord("ÿ") + 1)]
    chars = list(printable)
    n = 0
    for b in range(256):
        if b not in printable:
            printable.append(b)
            chars.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(printable, chars, strict=True)}


class Tokenizer:
    """Text → token ids, exactly as the model saw text in training (up to the pre-tokenizer)."""

    def __init__(self, tokens: Sequence[str], merges: Sequence[str]) -> None:
        self.ids = {t: i for i, t in enumerate(tokens)}
        self.ranks: dict[tuple[str, str], int] = {}
        for rank, merge in enumerate(merges):
            left, _, right = merge.partition(" ")
            self.ranks[(left, right)] = rank
        self._bytes = _byte_alphabet()
        self.endoftext = self.ids.get("<|endoftext|>", 0)

    def encode(self, text: str) -> list[int]:
        """The token ids of ``text`` (no special tokens added)."""
        out: list[int] = []
        for piece in _pieces(text):
            out.extend(self._word(piece))
        return out

    @functools.lru_cache(maxsize=65536)  # noqa: B019 - one tokenizer per process; words repeat
    def _word(self, piece: str) -> tuple[int, ...]:
        symbols = [self._bytes[b] for b in piece.encode("utf-8")]
        while len(symbols) > 1:
            best = min(range(len(symbols) - 1), key=lambda i: self.ranks.get((symbols[i], symbols[i + 1]), 1 << 30))
            if (symbols[best], symbols[best + 1]) not in self.ranks:
                break
            symbols[best : best + 2] = [symbols[best] + symbols[best + 1]]
        return tuple(self.ids[s] for s in symbols)


def _pieces(text: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for m in _DIGIT.finditer(text):
        if m.start() > start:
            pieces.extend(_WORD.findall(text[start : m.start()]))
        pieces.append(m.group())
        start = m.end()
    if start < len(text):
        pieces.extend(_WORD.findall(text[start:]))
    return pieces
