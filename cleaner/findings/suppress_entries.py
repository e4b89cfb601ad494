"""Suppressions kept in the configuration file: for copy that has no comment syntax (plain text) or must not change.

A ``[[tool.cleaner.suppress]]`` entry names the articles (``path``, a path
or glob relative to the configuration file's folder), the rule (``rule``, or
``"*"`` for every rule) and, optionally, where: ``text`` (a passage of the
article holding the flagged words; whitespace runs match any whitespace, so
a passage may wrap differently) and/or ``line`` (1-based).  With neither, the
rule is silenced in the whole article.  The copy itself stays untouched.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from pathlib import Path

from cleaner.document import Document, Span


@dataclass(frozen=True)
class SuppressEntry:
    """One ``[[suppress]]`` entry of the configuration."""

    path: str
    rule: str
    text: str | None = None
    line: int | None = None
    root: Path = Path()
    """The configuration file's folder, which ``path`` is relative to."""
    origin: str = ""
    """Where the entry is written (``pyproject.toml:14``), for warnings."""

    def applies_to(self, article: str) -> bool:
        """True when ``article`` (a path as checked) is one the entry names."""
        if article == "<stdin>":
            return False
        try:
            rel = Path(article).resolve().relative_to(self.root.resolve()).as_posix()
        except (ValueError, OSError):
            return False
        pattern = self.path.removeprefix("./")
        return rel == pattern or fnmatch.fnmatchcase(rel, pattern)

    def spans(self, doc: Document) -> list[Span]:
        """The parts of ``doc`` the entry covers (empty when its text or line is not there)."""
        if self.line is not None and not 1 <= self.line <= len(doc.line_starts):
            return []
        line = _line_span(doc, self.line) if self.line is not None else Span(0, len(doc.text))
        if self.text is None:
            return [line]
        words = [re.escape(w) for w in self.text.split()]
        pattern = re.compile(r"\s+".join(words))
        return [Span(m.start(), m.end()) for m in pattern.finditer(doc.text) if line.start <= m.start() < line.end]

    def describe(self) -> str:
        """``rule X, text "…"``: how the entry is named in a warning."""
        parts = [f"rule {self.rule}", f"path {self.path!r}"]
        if self.text is not None:
            parts.append(f"text {self.text!r}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        return ", ".join(parts)

    def as_config(self) -> dict[str, object]:
        """The entry as written in a configuration file (``cleaner config`` shows it)."""
        out: dict[str, object] = {"path": self.path, "rule": self.rule}
        if self.text is not None:
            out["text"] = self.text
        if self.line is not None:
            out["line"] = self.line
        return out


def _line_span(doc: Document, line: int) -> Span:
    starts = doc.line_starts
    end = starts[line] if line < len(starts) else len(doc.text)
    return Span(starts[line - 1], end)
