from __future__ import annotations

from cleaner.checks.fluency.gguf_weights import LlamaWeights
from cleaner.checks.fluency.tokenizer import Tokenizer, _byte_alphabet


def _decode(tok: Tokenizer, ids: list[int]) -> str:
    inverse = {c: b for b, c in _byte_alphabet().items()}
    names = {i: t for t, i in tok.ids.items()}
    return bytes(inverse[ch] for i in ids for ch in names[i]).decode("utf-8")


def test_encoding_is_reversible_for_news_text(weights: LlamaWeights) -> None:
    tok = Tokenizer(weights.tokens, weights.merges)
    text = "Trump's 145% tariffs — on Chinese goods — don't “help”, said Xi Jinping in Zürich.\n  Next line"
    assert _decode(tok, tok.encode(text)) == text


def test_common_words_are_single_tokens_and_digits_split(weights: LlamaWeights) -> None:
    tok = Tokenizer(weights.tokens, weights.merges)
    assert len(tok.encode(" the")) == 1
    assert len(tok.encode(" trade")) == 1
    digits = tok.encode("2024")
    assert len(digits) == 4
    assert tok.encode("The capital") == tok.encode("The") + tok.encode(" capital")


def test_endoftext_is_the_document_separator(weights: LlamaWeights) -> None:
    tok = Tokenizer(weights.tokens, weights.merges)
    assert weights.tokens[tok.endoftext] == "<|endoftext|>"
