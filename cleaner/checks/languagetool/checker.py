"""LanguageToolChecker: LanguageTool's matches as cleaner Findings, one paragraph at a time.

Each paragraph of ``doc.check_text`` is one request (and one cache entry), so
an edit to one paragraph re-checks only that paragraph; an article's uncached
paragraphs go to the server a few at a time (it checks them in parallel, one
per core), and come back in paragraph order.  The pipeline sends them ahead
(:meth:`LanguageToolChecker.prefetch`) before any checker runs on the text,
so the server checks while Python runs the rule engine and the language
model, and :meth:`~LanguageToolChecker.check` only collects what came back.  The checker receives a
client, never the server: tests hand it a fake, the lint hands it an
:class:`~cleaner.checks.languagetool.client.LTClient`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar, cast

from cleaner.budget import BudgetExceeded
from cleaner.checks.languagetool.cache import ResultCache, cache_key, open_cache
from cleaner.checks.languagetool.client import MatchSource, managed, request_threads
from cleaner.checks.languagetool.custom_rules import is_custom_rule
from cleaner.checks.languagetool.mapping import LTMatch, to_finding
from cleaner.checks.languagetool.selection import keep_match
from cleaner.checks.languagetool.settings import LanguageToolSettings
from cleaner.checks.languagetool.spelling import graded
from cleaner.document import Document, Span
from cleaner.findings import Finding


@dataclass(frozen=True)
class _Lookup:
    """A text's paragraphs against the result cache: a key for each, the answers found, the rest to ask for."""

    keys: tuple[str, ...]
    found: dict[str, list[LTMatch]]
    missing: dict[str, str]
    """Key → paragraph text, in paragraph order, for the paragraphs the cache has no answer for."""


@dataclass(frozen=True)
class _Sent:
    """Paragraphs sent ahead of their check (see :meth:`LanguageToolChecker.prefetch`)."""

    texts: tuple[str, ...]
    lookup: _Lookup
    answers: Future[list[list[LTMatch]]] | None
    """None when the cache had every paragraph: nothing was sent, and check() need not look again."""


class LanguageToolChecker:
    """The LanguageTool engine of the pipeline (raises LanguageToolUnavailable when it cannot run)."""

    name = "languagetool"

    def __init__(self, client: MatchSource, settings: LanguageToolSettings, cache: ResultCache | None = None) -> None:
        self.client = client
        self.settings = settings
        self.cache = cache
        self._sent: _Sent | None = None
        self._cannot_connect = False
        """A prefetch failed to reach the server once: later ones leave the work to check() too."""

    def prefetch(self, doc: Document) -> None:
        """Send ``doc``'s uncached paragraphs to the server now, in a background thread.

        The server start, if one is needed, happens here in the calling thread, where the
        article's time budget shields it; a client that cannot connect leaves the work to
        :meth:`check`, which reports the failure as it always does.  The answers are taken by
        the ``check`` of the same paragraphs (the cache is written there, in the calling thread).
        """
        self._sent = None
        if self._cannot_connect:
            return
        texts = tuple(text for _, text in _paragraphs(doc))
        try:
            lookup = self._look_up(texts)  # finds the installation: it may be missing
            if not lookup.missing:
                self._sent = _Sent(texts, lookup, None)
                return
            self._connect()
        except BudgetExceeded:
            raise
        except Exception:  # check() meets the same failure and reports it
            self._cannot_connect = True
            return
        missing = list(lookup.missing.values())
        ahead = ThreadPoolExecutor(1, thread_name_prefix="languagetool-ahead")
        answers = ahead.submit(lambda: list(self._ask(missing)))
        ahead.shutdown(wait=False)  # the thread ends with its one task
        self._sent = _Sent(texts, lookup, answers)

    def check(self, doc: Document) -> list[Finding]:
        """Every LanguageTool finding in ``doc``; all or nothing (no partial results on failure)."""
        paragraphs = _paragraphs(doc)
        results = self._collected(tuple(text for _, text in paragraphs))
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

    def matches(self, texts: Sequence[str]) -> list[list[LTMatch]]:
        """LanguageTool's matches for each text, from the cache where possible; the rest asked for at once."""
        lookup = self._look_up(texts)
        return self._completed(lookup, self._ask(list(lookup.missing.values())))

    def _collected(self, texts: tuple[str, ...]) -> list[list[LTMatch]]:
        """The matches for ``texts``: the answers sent for ahead when they are these paragraphs', else asked now."""
        sent, self._sent = self._sent, None
        if sent is None or sent.texts != texts:
            return self.matches(texts)
        return self._completed(sent.lookup, sent.answers.result() if sent.answers is not None else [])

    def _look_up(self, texts: Sequence[str]) -> _Lookup:
        if self.cache is None:
            keys = tuple(f"#{n}" for n in range(len(texts)))
            return _Lookup(keys, {}, dict(zip(keys, texts, strict=True)))
        fingerprint = self.settings.fingerprint()
        version = self.client.version
        keys = tuple(cache_key(version, fingerprint, t) for t in texts)
        found = self.cache.get_many(list(keys))
        return _Lookup(keys, found, {key: text for key, text in zip(keys, texts, strict=True) if key not in found})

    def _completed(self, lookup: _Lookup, answers: Iterable[list[LTMatch]]) -> list[list[LTMatch]]:
        """Every paragraph's matches: the cache's and the server's (each new answer stored as it comes)."""
        found = dict(lookup.found)
        for key, matches in zip(lookup.missing, answers, strict=True):
            found[key] = matches
            if self.cache is not None:
                self.cache.put(key, matches)
        return [found[key] for key in lookup.keys]

    def _connect(self) -> None:
        """Bind the client to the server (starting it if need be) in this thread, so requests can go out from
        another; a client that needs no connection (the tests' fakes) or is already bound is left alone."""
        connect = getattr(self.client, "connect", None)
        if connect is not None and getattr(self.client, "state", None) is None:
            connect()

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


def _paragraphs(doc: Document) -> list[tuple[Span, str]]:
    """Each paragraph of ``doc`` with its text as LanguageTool is asked it (one request each)."""
    return [(p, doc.check_text[p.start : p.end]) for p in doc.paragraphs]


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
