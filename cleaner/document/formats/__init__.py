"""Format loaders: a Source in, a Document out; one module per format.

Each loader blanks out what is not prose (markup, code, URLs, front matter)
in ``check_text`` without changing its length, so offsets stay those of the
original file.  The registry is a plain dict from file suffix to loader.
"""

from __future__ import annotations

from collections.abc import Callable

from cleaner.document.document import Document
from cleaner.document.formats.html import load_html
from cleaner.document.formats.markdown import load_markdown
from cleaner.document.formats.plain import load_plain
from cleaner.document.sources import Source

Loader = Callable[[Source], Document]

LOADERS: dict[str, Loader] = {
    ".txt": load_plain,
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".html": load_html,
    ".htm": load_html,
}


def load_document(source: Source) -> Document:
    """The Document for ``source``, chosen by its suffix (plain text by default)."""
    return LOADERS.get(source.suffix, load_plain)(source)
