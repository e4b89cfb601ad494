"""LanguageToolChecker: LanguageTool's matches as cleaner Findings, one paragraph at a time.

Each paragraph of ``doc.check_text`` is one request (and one cache entry), so
an edit to one paragraph re-checks only that paragraph; an article's uncached
paragraphs go to the server a few at a time (it checks them in parallel, one
per core), and come back in paragraph order.  The checker receives a
client, never the server: tests hand it a fake, the lint hands it an
:class:`~cleaner.checks.languagetool.client.LTClient`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TypeVar, cast

from cleaner.checks.languagetool.cache import ResultCache, cache_key, open_cache
from cleaner.checks.languagetool.client import MatchSource, managed, request_threads
from cleaner.checks.languagetool.custom_rules import is_custom_rule
from cleaner.checks.languagetool.mapping import LTMatch, to_finding
from cleaner.checks.languagetool.selection import keep_match
from cleaner.checks.languagetool.settings import LanguageToolSettings
from cleaner.checks.languagetool.spelling import graded
from cleaner.document import Document
from cleaner.findings import Finding


class LanguageToolChecker:
    """The LanguageTool engine of the pipeline (raises LanguageToolUnavailable when it cannot run)."""

    name = "languagetool"

    def __init__(self, client: MatchSource, settings: LanguageToolSettings, cache: ResultCache | None = None) -> None:
        self.client = client
        self.settings = settings
        self.cache = cache

    def check(self, doc: Document) -> list[Finding]:
        """Every LanguageTool finding in ``doc``; all or nothing (no partial results on failure)."""
        paragraphs = [(p, doc.check_text[p.start : p.end]) for p in doc.paragraphs]
        results = self.matches([text for _, text in paragraphs])
        findings: list[Finding] = []
        for (para, text), matches in zip(paragraphs, results, strict=True):
            for m in matches:
                if self._keep(m, text, doc, para.start):
                    finding = self.to_finding(m, para.start, doc.text)
                    kept = graded(finding) if self.settings.grade_spelling else finding
                    if kept is not None:
                        findings.append(kept)
        return findings

    def run_notes(self) -> list[str]:
        """What the run summary must say about this checker: server restarts, once."""
        restarts = getattr(self.client, "restarts", 0)
        if not restarts:
            return []
        causes = getattr(self.client, "restart_causes", [])
        state_dir = self.settings.state_dir()
        times = "once" if restarts == 1 else f"{restarts} times"
        cause = f" (first failure: {causes[0]})" if causes else ""
        return [
            f"note: the LanguageTool server stopped answering and was restarted {times} during this run{cause}; "
            f"log: {state_dir / 'server.log'}"
        ]

    def matches(self, texts: list[str]) -> list[list[LTMatch]]:
        """LanguageTool's matches for each text, from the cache where possible; the rest asked for at once."""
        if self.cache is None:
            return list(self._ask(texts))
        fingerprint = self.settings.fingerprint()
        version = self.client.version
        keys = [cache_key(version, fingerprint, t) for t in texts]
        cached = self.cache.get_many(keys)
        missing = {key: text for key, text in zip(keys, texts, strict=True) if key not in cached}
        for key, found in zip(missing, self._ask(list(missing.values())), strict=True):
            cached[key] = found
            self.cache.put(key, found)
        return [cached[key] for key in keys]

    def _ask(self, texts: list[str]) -> Iterator[list[LTMatch]]:
        """The client's matches for ``texts`` in order: several requests in flight when it can take them."""
        check_all = getattr(self.client, "check_all", None)
        if check_all is None:  # a client of one request at a time (the tests' fakes)
            return (self.client.check(t) for t in texts)
        return cast(Iterator[list[LTMatch]], check_all(texts, threads=request_threads()))

    def to_finding(self, m: LTMatch, base: int, text: str) -> Finding:
        """The Finding for one match (the pivot checker maps its own rules differently)."""
        return to_finding(m, base, text)

    def _keep(self, m: LTMatch, text: str, doc: Document, base: int) -> bool:
        if is_custom_rule(m.rule_id, m.category) != self.settings.wants_custom_rules:
            return False  # stock LanguageTool never reports cleaner's XML rules, and vice versa
        start, end = base + m.start, base + m.end
        if doc.text[start:end] != doc.check_text[start:end]:
            return False  # the match touches blanked markup, code or a URL
        return keep_match(
            m.rule_id,
            text[m.start : m.end],
            m.replacements,
            self.settings.rule_prefixes(),
            skip_names=self.settings.skip_names_in_spelling,
            skip_british=self.settings.skip_british_spelling,
            accepted=self.settings.vocabulary.accepts if self.settings.vocabulary.accept else None,
        )


C = TypeVar("C", bound=LanguageToolChecker)


@contextlib.contextmanager
def opened(kind: type[C], settings: LanguageToolSettings, *, use_cache: bool = True) -> Iterator[C]:
    """A checker of ``kind`` for one run: the managed client (lazy server start) plus the result cache."""
    cache = open_cache(settings.state_dir(), settings.cache_max_mb) if use_cache else None
    try:
        with managed(settings) as client:
            yield kind(client, settings, cache)
    finally:
        if cache is not None:
            cache.close()
