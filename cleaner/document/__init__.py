"""The document stage: bytes → Source → Document (text, prose-only check_text, spans, tokens)."""

from cleaner.document.chunking import chunks
from cleaner.document.discovery import STDIN, DiscoverySettings, discover
from cleaner.document.document import Document, Region
from cleaner.document.formats import load_document
from cleaner.document.sources import Source, decode, read_source
from cleaner.document.spans import Span, SpanCover
from cleaner.document.tokens import NUMBER_NORM, Kind, Token, normalize_word, tokenize

__all__ = [
    "NUMBER_NORM",
    "STDIN",
    "DiscoverySettings",
    "Document",
    "Kind",
    "Region",
    "Source",
    "Span",
    "SpanCover",
    "Token",
    "chunks",
    "decode",
    "discover",
    "load_document",
    "normalize_word",
    "read_source",
    "tokenize",
]
