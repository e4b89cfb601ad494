"""The document stage: bytes → Source → Document (text, prose-only check_text, spans, tokens)."""

from cleaner.document.document import Document, Region
from cleaner.document.formats import load_document
from cleaner.document.sources import Source, read_source
from cleaner.document.spans import Span
from cleaner.document.tokens import Token

__all__ = ["Document", "Region", "Source", "Span", "Token", "load_document", "read_source"]
