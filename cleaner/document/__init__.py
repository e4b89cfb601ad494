"""The document stage: bytes → Source → Document (text, prose-only check_text, spans, tokens)."""

from cleaner.document.discovery import DiscoverySettings, discover
from cleaner.document.document import Document, Region
from cleaner.document.formats import load_document
from cleaner.document.sources import Source, decode, read_source
from cleaner.document.spans import Span
from cleaner.document.tokens import NUMBER_NORM, Kind, Token, tokenize

__all__ = [
    "NUMBER_NORM",
    "DiscoverySettings",
    "Document",
    "Kind",
    "Region",
    "Source",
    "Span",
    "Token",
    "decode",
    "discover",
    "load_document",
    "read_source",
    "tokenize",
]
