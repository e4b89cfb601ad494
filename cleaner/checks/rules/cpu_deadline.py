"""Stop a Python ``re`` search that uses more than its share of CPU time.

Python's ``re`` engine checks for signals while it backtracks, so a handler
that raises ends a runaway search.  The timer counts this process's CPU time
(``ITIMER_VIRTUAL`` / ``SIGVTALRM``), not wall time: a machine busy with other
work never makes a healthy search look slow, and a real-time timer someone
else set (a per-article budget) is left alone.  Signals reach only the main
thread, so elsewhere :func:`available` is false and callers use the ``regex``
module's own timeout instead.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType


class _Expired(TimeoutError):
    """The CPU-time bound ran out."""


def _expire(signum: int, frame: FrameType | None) -> None:
    raise _Expired("regular expression ran out of CPU time")


def available() -> bool:
    """True when a CPU-time timer can interrupt this thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


_installed = False


@contextlib.contextmanager
def cpu_deadline(seconds: float) -> Iterator[None]:
    """Raise ``TimeoutError`` inside the block once it has used ``seconds`` of CPU time.

    The handler is installed once (nothing else in cleaner uses SIGVTALRM); each
    block only arms and disarms the timer, two system calls.
    """
    global _installed
    if not _installed:
        signal.signal(signal.SIGVTALRM, _expire)
        _installed = True
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
