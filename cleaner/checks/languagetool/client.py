"""The client side: language_tool_python in ``remote_server`` mode against our local server.

An :class:`LTClient` connects lazily (a fully cached lint never starts the
server), bounds every request with a timeout, and on a failed request restarts
the server once and retries once; after that it reports
:class:`LanguageToolUnavailable` and stays failed for the rest of the run, so a
run over many files does not wait on a dead server again and again.

language_tool_python 3.4.0 is not safe to share across threads (``Match``
keeps its offset table in class attributes), so every call into it holds one
process-wide lock, except the HTTP request itself: :meth:`LTClient.check_all`
sends a batch of paragraphs over a few threads at once (the server checks them
in parallel), and only building the library's ``Match`` objects is serialized.
"""

from __future__ import annotations

import contextlib
import os
import threading
import urllib.parse
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol

from cleaner.budget import shielded
from cleaner.checks.languagetool.custom_rules import with_custom_rules
from cleaner.checks.languagetool.errors import LanguageToolError, LanguageToolUnavailable, NotInstalled
from cleaner.checks.languagetool.install import Installation, require_installation
from cleaner.checks.languagetool.mapping import LTMatch, astral_positions, from_library
from cleaner.checks.languagetool.server import ServerState, ensure_server, touch_activity
from cleaner.checks.languagetool.settings import LanguageToolSettings

_LIBRARY_LOCK = threading.Lock()
MAX_THREADS = 4
"""At most this many requests of one batch in flight (the server runs up to 10 at once, its default)."""


def _splittable(tool: Any) -> bool:
    """Whether ``tool`` has the language_tool_python 3.4 internals that let the request run outside the lock."""
    return all(hasattr(tool, name) for name in ("_query_server", "_create_params", "_url"))


def request_threads() -> int:
    """Requests of one batch in flight at once: the cores this process may use, 1 to MAX_THREADS.

    The server's checking is CPU-bound; more requests than cores only queue up in the JVM.
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(MAX_THREADS, cores))


class MatchSource(Protocol):
    """What the checker needs: LanguageTool's matches for one text, and the version that made them."""

    @property
    def version(self) -> str:
        """The LanguageTool version (part of the cache key)."""
        ...

    def check(self, text: str) -> list[LTMatch]:
        """Every match in ``text``, offsets in code points of ``text``."""
        ...


def _failures() -> tuple[type[BaseException], ...]:
    """What a failed request raises (imported late: language_tool_python is slow to import)."""
    from language_tool_python.exceptions import LanguageToolError as LibraryError

    return (LibraryError, OSError, LanguageToolUnavailable)


class LTClient:
    """A language_tool_python client bound to the shared local server of ``settings``."""

    def __init__(self, settings: LanguageToolSettings, installation: Installation | None = None) -> None:
        self.settings = settings
        self._installation = installation
        self._tool: Any = None
        self._state: ServerState | None = None
        self._failed: str | None = None
        self.requests = 0
        """Check requests sent (tests use it to prove cache hits)."""
        self.restarts = 0
        """Times the server stopped answering during this run and was restarted."""
        self.restart_causes: list[str] = []
        self._generation = 0
        """Bumped by each restart: a request sent before it is retried without another restart."""
        self._count_lock = threading.Lock()

    @property
    def installation(self) -> Installation:
        """The installation this client runs (found on first use)."""
        if self._installation is None:
            self._installation = require_installation(self.settings)
        self._installation = with_custom_rules(self._installation, self.settings.state_dir())
        return self._installation

    @property
    def version(self) -> str:
        """The LanguageTool version of the installation, with the digest of cleaner's XML rules."""
        found = self.installation
        return f"{found.version}+{found.custom_rules}" if found.custom_rules else found.version

    @property
    def state(self) -> ServerState | None:
        """The server this client talks to, once connected."""
        return self._state

    def connect(self) -> ServerState:
        """Make sure the server runs and a language_tool_python client is bound to it."""
        with _LIBRARY_LOCK:
            return self._connect()

    def _connect(self) -> ServerState:
        from language_tool_python import LanguageTool

        with shielded():  # a time budget must not cut a server start (lock, spawned JVM) in half
            state = ensure_server(self.settings, self.installation)
        try:
            tool: Any = LanguageTool(self.settings.language, remote_server=state.url)
        except ValueError as e:  # an unknown language code: a configuration mistake, not an outage
            raise LanguageToolError(f"LanguageTool language {self.settings.language!r}: {e}") from e
        # 3.4.0 has no timeout parameter; its requests use this attribute (300 s by default).
        tool._TIMEOUT = self.settings.request_timeout
        tool.disabled_rules = set(self.settings.server_disabled_rules())
        tool.disabled_categories = set(self.settings.server_disabled_categories())
        tool.enabled_rules = set(self.settings.enabled_rules)
        tool.enabled_categories = set(self.settings.enabled_categories)
        tool.enabled_rules_only = self.settings.enabled_only
        self._tool, self._state = tool, state
        return state

    def check(self, text: str) -> list[LTMatch]:
        """LanguageTool's matches for ``text``: one restart and one retry, then LanguageToolUnavailable."""
        return next(self.check_all([text], threads=1))

    def check_all(self, texts: Sequence[str], threads: int = 1) -> Iterator[list[LTMatch]]:
        """LanguageTool's matches for each of ``texts``, in order, up to ``threads`` requests in flight.

        Each request fails and recovers as :meth:`check`'s does (a restart, one retry); requests
        already in flight when the server went away are retried on the restarted server without
        restarting it again, so one outage is one restart.
        """
        if self._failed is not None:
            raise LanguageToolUnavailable(self._failed)
        if threads <= 1 or len(texts) <= 1:
            for text in texts:
                yield self._settle(text, *self._attempt(text, connect=True))
            return
        pending = list(texts)
        if self._tool is None:
            # Connect (perhaps start the server) in this thread, where the start is shielded from the
            # article's time budget; a failure is the first request's, recovered as check() would.
            generation = self._generation
            try:
                self._bound_tool(connect=True)
            except _failures() as e:
                yield self._settle(pending.pop(0), generation, e)
        with ThreadPoolExecutor(min(threads, len(pending)), thread_name_prefix="languagetool") as pool:
            attempts = [pool.submit(self._attempt, text, False) for text in pending]
            try:
                for text, attempt in zip(pending, attempts, strict=True):
                    yield self._settle(text, *attempt.result())
            finally:
                for attempt in attempts:
                    attempt.cancel()

    def _attempt(self, text: str, connect: bool) -> tuple[int, list[LTMatch] | BaseException]:
        """One request (in any thread): its matches or its failure, with the server generation it went to."""
        generation = self._generation
        try:
            return generation, self._check_once(text, connect)
        except _failures() as e:
            return generation, e

    def _settle(self, text: str, generation: int, outcome: list[LTMatch] | BaseException) -> list[LTMatch]:
        """The matches of one attempt; after a failure, restart (unless done since it was sent) and retry once."""
        if not isinstance(outcome, BaseException):
            return outcome
        if self._failed is not None:
            raise LanguageToolUnavailable(self._failed) from outcome
        if isinstance(outcome, NotInstalled):  # nothing to restart: say how to install, once
            self._failed = str(outcome)
            raise outcome
        first = outcome
        try:
            with _LIBRARY_LOCK:
                if generation == self._generation:
                    self._tool = None
                    self.restarts += 1
                    self.restart_causes.append(_short(first))
                    self._connect()
                    self._generation += 1
            return self._check_once(text, connect=True)
        except _failures() as second:
            self._failed = f"LanguageTool failed twice ({_short(first)}; after a restart: {_short(second)})"
            raise LanguageToolUnavailable(self._failed) from second

    def _bound_tool(self, connect: bool) -> Any:
        """The library client; ``connect``: connect first if there is none (never from a pool thread)."""
        tool = self._tool
        if tool is None:
            with _LIBRARY_LOCK:  # a restart in progress holds it
                if self._tool is None:
                    if not connect:
                        raise LanguageToolUnavailable(self._failed or "the LanguageTool server is not connected")
                    self._connect()
                tool = self._tool
        return tool

    def _check_once(self, text: str, connect: bool) -> list[LTMatch]:
        """One request (``connect``: as for :meth:`_bound_tool`)."""
        tool = self._bound_tool(connect)
        touch_activity(self.settings.state_dir())
        with self._count_lock:
            self.requests += 1
        if not _splittable(tool):  # a library version without the internals below: the whole call under the lock
            with _LIBRARY_LOCK:
                matches = tool.check(text)
        else:
            # LanguageTool.check of language_tool_python 3.4, with only its Match objects built under the lock.
            url = urllib.parse.urljoin(tool._url, "check")
            answer = tool._query_server(url, tool._create_params(text), method="post")
            from language_tool_python.match import Match

            with _LIBRARY_LOCK:
                matches = [Match(m, text) for m in answer["matches"]]
        astral = astral_positions(text)
        return [from_library(m, text, astral) for m in matches]

    def close(self) -> None:
        """Drop the library client (the server keeps running for the next invocation)."""
        with _LIBRARY_LOCK:
            if self._tool is not None:
                with contextlib.suppress(Exception):
                    self._tool.close()
                self._tool = None


def _short(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return (text[0] if text else type(error).__name__)[:300]


@contextlib.contextmanager
def managed(settings: LanguageToolSettings) -> Iterator[LTClient]:
    """A client for the run; the server it starts outlives the run and stops when idle."""
    client = LTClient(settings)
    try:
        yield client
    finally:
        client.close()
