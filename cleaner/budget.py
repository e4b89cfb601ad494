"""A time budget per article: an article that takes too long is an input error, not a hang.

Every stage of the pipeline marks itself with :func:`stage`; when an article
runs past its budget, the stage it is in at that moment is interrupted and
the article is reported as ``path: took longer than its 60 s time budget (in
stage "check: rules")`` — the rest of the batch goes on.

How the interruption works, and what it can and cannot bound:

- In the main thread (every ``cleaner`` command) a ``SIGALRM`` timer raises
  an exception at the deadline.  Python runs signal handlers between
  bytecodes, so any pure-Python stage is bounded; it also interrupts blocking
  system calls (a LanguageTool request), and both ``re`` and the ``regex``
  module check for signals inside their matching loops (measured on
  CPython 3.11: ``(a+)+$`` cut after 1.0 s), so a runaway pattern is bounded
  too.  An earlier ``SIGALRM`` timer (pytest-timeout's) is kept:
  whichever deadline comes first fires, and the old timer is re-armed after.
- In any other thread (a worker of a thread pool) a watchdog thread raises
  the exception in the article's thread with ``PyThreadState_SetAsyncExc``;
  that is delivered between bytecodes only, so it bounds pure-Python stages.
- C code that never returns to the interpreter is not interrupted by the
  watchdog, and in the main thread only if it checks for signals: a regex
  match in a worker thread, or a C extension's long loop.  Such matching must
  bound itself (the rule engine's regex timeouts and load-time refusal of
  catastrophic patterns, issue 9), and this budget fires as soon as control
  comes back.

Sections that must not be cut in half (starting the shared LanguageTool
server, which holds a lock and spawns processes) run :func:`shielded`: the
deadline waits for them, and their time is not counted against the article.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import FrameType
from typing import Any

from cleaner.errors import InputError

DEFAULT_SECONDS = 60.0
"""Budget of an article up to 1 MiB; a bigger one gets this much per MiB."""
PER_BYTES = 1 << 20


class BudgetExceeded(InputError):
    """An article that ran past its time budget; names the stage it was in."""

    def __init__(self, path: str, seconds: float, stage_name: str) -> None:
        super().__init__(
            path,
            f"took longer than its {seconds:.3g} s time budget (in stage {stage_name!r}); skipped. "
            "Raise time-budget in [tool.cleaner] or pass --time-budget SECONDS (0: no limit)",
        )
        self.seconds = seconds
        self.stage = stage_name


class _Overrun(BaseException):
    """Raised asynchronously at the deadline; a BaseException so ``except Exception`` cannot swallow it."""


@dataclass
class _ThreadState:
    stages: list[str] = field(default_factory=list)
    shield_depth: int = 0
    pending: bool = False
    timer: _Timer | None = None


_local = threading.local()


def _state() -> _ThreadState:
    st: _ThreadState | None = getattr(_local, "state", None)
    if st is None:
        st = _ThreadState()
        _local.state = st
    return st


def current_stage() -> str:
    """The innermost stage the calling thread is in ("start" before the first)."""
    stages = _state().stages
    return stages[-1] if stages else "start"


@contextlib.contextmanager
def stage(name: str) -> Iterator[None]:
    """Mark the calling thread as being in pipeline stage ``name`` (for the budget's message)."""
    stages = _state().stages
    stages.append(name)
    try:
        yield
    finally:
        stages.pop()


@contextlib.contextmanager
def shielded() -> Iterator[None]:
    """Run a section the deadline must not interrupt; its time is not counted against the article."""
    st = _state()
    st.shield_depth += 1
    started = time.monotonic()
    try:
        yield
    finally:
        st.shield_depth -= 1
        if st.shield_depth == 0 and st.timer is not None:
            st.timer.extend(time.monotonic() - started)


class _Timer:
    """One armed deadline for the calling thread; fires at most once."""

    def __init__(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds
        self.fired = False
        self.where = "start"
        """The stage the article was in when the deadline fired."""
        self._lock = threading.Lock()
        self._ident = threading.get_ident()
        self._main = threading.current_thread() is threading.main_thread()
        self._watchdog: threading.Timer | None = None
        self._previous_handler: Any = None
        self._previous_deadline: float | None = None

    # -- arming -----------------------------------------------------------------------------

    def start(self) -> None:
        if self._main:
            self._previous_handler = signal.signal(signal.SIGALRM, self._on_alarm)
            remaining, _interval = signal.getitimer(signal.ITIMER_REAL)
            if remaining > 0:
                self._previous_deadline = time.monotonic() + remaining
        self._arm()

    def _arm(self) -> None:
        wait = max(self.deadline - time.monotonic(), 0.001)
        if self._main:
            if self._previous_deadline is not None:
                wait = min(wait, max(self._previous_deadline - time.monotonic(), 0.001))
            signal.setitimer(signal.ITIMER_REAL, wait)
        else:
            if self._watchdog is not None:
                self._watchdog.cancel()
            self._watchdog = threading.Timer(wait, self._on_watchdog)
            self._watchdog.daemon = True
            self._watchdog.start()

    def extend(self, seconds: float) -> None:
        """Move the deadline (a shielded section ended) and fire now if a firing was held back."""
        with self._lock:
            if self.fired:
                return
            self.deadline += seconds
            st = _state()
            held, st.pending = st.pending, False
        if held and time.monotonic() >= self.deadline:
            self._fire_here()
        self._arm()

    def stop(self) -> None:
        with self._lock:
            self.fired = True  # nothing may fire from now on
        if self._main:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous_handler)
            if self._previous_deadline is not None:
                signal.setitimer(signal.ITIMER_REAL, max(self._previous_deadline - time.monotonic(), 0.001))
        else:
            if self._watchdog is not None:
                self._watchdog.cancel()
            # An exception set by the watchdog but not yet delivered must not escape the article.
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self._ident), None)

    # -- firing -----------------------------------------------------------------------------

    def _due(self) -> bool:
        return time.monotonic() >= self.deadline - 0.0005

    def _on_alarm(self, signum: int, frame: FrameType | None) -> None:
        previous = self._previous_deadline
        if previous is not None and time.monotonic() >= previous - 0.0005 and previous <= self.deadline:
            self._previous_deadline = None
            handler = self._previous_handler
            if callable(handler):
                handler(signum, frame)
            self._arm()
            return
        if not self._due():
            self._arm()
            return
        self._fire_here()

    def _fire_here(self) -> None:
        with self._lock:
            if self.fired:
                return
            if _state().shield_depth:
                _state().pending = True
                return
            self.fired = True
            self.where = current_stage()
        raise _Overrun

    def _on_watchdog(self) -> None:
        with self._lock:
            if self.fired:
                return
            if not self._due():
                self._arm()
                return
            # The shield is the article thread's own state; it is only read here, never changed.
            st: _ThreadState | None = _states.get(self._ident)
            if st is not None and st.shield_depth:
                st.pending = True
                return
            self.fired = True
            if st is not None and st.stages:
                self.where = st.stages[-1]
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self._ident), ctypes.py_object(_Overrun))


_states: dict[int, _ThreadState] = {}
"""Each article thread's state, by thread id, for the watchdog (which runs in another thread)."""


def budget_for(seconds: float | None, size_bytes: int | None) -> float | None:
    """The budget of an article: ``seconds`` per started MiB (at least ``seconds``); None: no limit."""
    if not seconds or seconds <= 0 or math.isinf(seconds):
        return None
    mib = max(1.0, (size_bytes or 0) / PER_BYTES)
    return seconds * mib


@contextlib.contextmanager
def article_budget(path: str, seconds: float | None) -> Iterator[None]:
    """Run one article's stages within ``seconds``; past it, raise :class:`BudgetExceeded`."""
    if seconds is None:
        yield
        return
    st = _state()
    if st.timer is not None:  # nested: the outer budget already bounds this article
        yield
        return
    timer = _Timer(seconds)
    st.timer, st.pending = timer, False
    _states[threading.get_ident()] = st
    stages_before = len(st.stages)
    try:
        timer.start()
        try:
            yield
        finally:
            timer.stop()
    except _Overrun:
        raise BudgetExceeded(path, seconds, timer.where) from None
    finally:
        del st.stages[stages_before:]
        st.timer, st.pending = None, False
        _states.pop(threading.get_ident(), None)
