"""Fix planning that never breaks markup: edits of Markdown/HTML touch prose characters only.

A finding's span may run across blanked markup (``*Chinese* chief``,
``Chinese</em> chief``, a ``>`` at the start of a wrapped quote line).  Its
replacement was written for the prose, so splicing it over the whole span
would delete the markup.  Here each such edit is narrowed to the words that
really change (a word-level diff of the prose and the replacement); when the
changed words themselves contain markup the finding stays a suggestion.
Edits over a line break are narrowed the same way, so fixing a hard-wrapped
paragraph keeps its lines.  The result is where the edit goes and what it
puts there; the finding itself is never rewritten (the planner's Edit keeps
pointing at it).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from cleaner.document import Document, Span
from cleaner.findings import Finding

_WORD = re.compile(r"\S+")
_LINE_BREAK = re.compile(r"[\r\n]")
CROSSES_MARKUP = "the replacement would change markup"


def fit_to_prose(doc: Document, f: Finding, replacement: str) -> tuple[Span, str] | None:
    """Where ``f``'s edit to ``replacement`` goes and what it inserts, touching prose only; None if it can't."""
    pure = _is_prose(doc, f.span)
    if pure and not _LINE_BREAK.search(doc.text, f.start, f.end):
        return f.span, replacement
    narrowed = _narrowed(doc, f, replacement)
    return narrowed if narrowed is not None or not pure else (f.span, replacement)


def _narrowed(doc: Document, f: Finding, best: str) -> tuple[Span, str] | None:
    """The one run of words of ``f`` its replacement changes, and their replacement, if that run is prose."""
    old = [Span(f.start + m.start(), f.start + m.end()) for m in _WORD.finditer(f.span.slice(doc.check_text))]
    new = list(_WORD.finditer(best))
    ops = SequenceMatcher(None, [w.slice(doc.text) for w in old], [m.group() for m in new], autojunk=False)
    changes = [op for op in ops.get_opcodes() if op[0] != "equal"]
    if len(changes) != 1:
        return None
    tag, i1, i2, j1, j2 = changes[0]
    inserted = best[new[j1].start() : new[j2 - 1].end()] if j2 > j1 else ""
    if tag == "replace":
        span, after = Span(old[i1].start, old[i2 - 1].end), inserted
    elif tag == "delete" and i1 > 0:
        span, after = Span(old[i1 - 1].end, old[i2 - 1].end), ""
    elif tag == "delete" and i2 < len(old):
        span, after = Span(old[i1].start, old[i2].start), ""
    elif tag == "insert" and i1 > 0:
        span, after = Span(old[i1 - 1].end, old[i1 - 1].end), " " + inserted
    elif tag == "insert" and i1 < len(old):
        span, after = Span(old[i1].start, old[i1].start), inserted + " "
    else:
        return None
    if not _is_prose(doc, span):
        return None
    return span, after


def _is_prose(doc: Document, span: Span) -> bool:
    return span.slice(doc.text) == span.slice(doc.check_text)
