"""Findings about spaces that are really markup.

Format loaders blank markup to spaces so that offsets stay put, so a checker reads
"the report    ." where the file says "the report</a>.". A finding whose flagged
blanks are all markup, and whose fix would only take them out, is about nothing a
reader sees, and its fix would delete the markup (a link's closing tag, an emphasis
mark). A real space next to the markup ("</a> .") still counts: that finding stays.
"""

from __future__ import annotations

from collections.abc import Iterable

from cleaner.document import Document
from cleaner.findings.finding import Finding

_BLANKS = " \t\u00a0\u202f"


def about_blanked_markup(doc: Document, finding: Finding) -> bool:
    """True when every blank in the finding's prose is markup and its fix only removes those blanks."""
    prose = doc.check_text[finding.start : finding.end]
    raw = doc.text[finding.start : finding.end]
    blanks = [i for i, c in enumerate(prose) if c in _BLANKS]
    if not blanks or any(raw[i].isspace() for i in blanks):
        return False
    squeezed = "".join(c for c in prose if c not in _BLANKS)
    return not finding.replacements or finding.replacements[0].strip() == squeezed


def without_markup_blanks(doc: Document, findings: Iterable[Finding]) -> list[Finding]:
    """``findings`` less those about markup that was blanked to spaces (plain text has none)."""
    if doc.check_text == doc.text:
        return list(findings)
    return [f for f in findings if not about_blanked_markup(doc, f)]
