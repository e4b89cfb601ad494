"""Format loaders: a Source in, a Document out; one module per format.

Each loader blanks out what is not prose (markup, code, URLs, front matter)
in ``check_text`` without changing its length, so offsets stay those of the
original file.  The registry is a plain dict from file suffix to loader.
The Markdown and HTML loaders are imported when a file of theirs is loaded,
so checking plain text never pays for markdown-it or BeautifulSoup.
"""

from __future__ import annotations

from collections.abc import Callable

from cleaner.document.document import Document
from cleaner.document.formats.plain import load_plain
from cleaner.document.sources import Source

Loader = Callable[[Source], Document]


def load_markdown(source: Source) -> Document:
    """:func:`cleaner.document.formats.markdown.load_markdown`, imported on first use."""
    from cleaner.document.formats.markdown import load_markdown as load

    return load(source)


def load_html(source: Source) -> Document:
    """:func:`cleaner.document.formats.html.load_html`, imported on first use."""
    from cleaner.document.formats.html import load_html as load

    return load(source)


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
