"""Plain-text articles: everything is prose, each line a paragraph."""

from __future__ import annotations

from cleaner.document.document import Document
from cleaner.document.sources import Source


def load_plain(source: Source) -> Document:
    """A plain-text Document: all of it is prose, each line a paragraph."""
    return Document(path=source.path, text=source.text, format="text")
