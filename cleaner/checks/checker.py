"""The Checker protocol: anything that turns a Document into Findings.

Checkers know nothing of each other; the pipeline runs them and merges what
they find.  A new checker is a new module plus one entry where the pipeline
assembles its checkers, not an edit to the others.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol, runtime_checkable

from cleaner.document import Document
from cleaner.errors import CleanerError
from cleaner.findings import Finding


class CheckerUnavailable(CleanerError):
    """An optional checker (LanguageTool) cannot work right now; the run may go on without it."""


@runtime_checkable
class FindingsRefiner(Protocol):
    """A checker that also revises the merged findings of all engines (the fluency gate)."""

    def refine(self, doc: Document, findings: Sequence[Finding]) -> list[Finding]:
        """The findings, some with new confidences or replacements, some removed."""
        ...


@runtime_checkable
class RenamesRules(Protocol):
    """A checker whose rules took over older rule ids (the rule engine's ``replaces:``)."""

    @property
    def aliases(self) -> Mapping[str, str]:
        """Old rule id → the id now reporting its findings."""
        ...


@runtime_checkable
class Prefetching(Protocol):
    """A checker that waits on another process (LanguageTool's server): it may start on a text early.

    The pipeline calls :meth:`prefetch` on every such checker before it runs any
    checker on the text, so the server works while Python runs the others; the
    checker's own ``check`` of the same text then collects the answers.  A
    prefetch that cannot start (no server, a failure) does nothing: ``check``
    meets the problem itself and reports it as it always does.
    """

    def prefetch(self, doc: Document) -> None:
        """Start the work for ``doc`` in the background; never raises for the checker's own failures."""
        ...


class Checker(Protocol):
    """Turns a Document into Findings; must not print, filter or sort."""

    name: str

    def check(self, doc: Document) -> Iterable[Finding]:
        """Every finding of this checker in ``doc``."""
        ...
