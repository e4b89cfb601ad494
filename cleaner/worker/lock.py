"""One worker per installation: an advisory lock held for the worker's whole life.

Why a lock and not the socket file: a worker that crashed leaves its socket
file behind, but the kernel drops its lock, so the next worker knows it may
take over, and a client knows not to start a second one while the first is
still warming up.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from pathlib import Path
from typing import IO


def try_lock(path: str, wait: float = 0.0) -> IO[str] | None:
    """The lock file, opened and exclusively locked with this process's pid in it; None if another holds it."""
    handle = Path(path).open("a+", encoding="ascii")  # noqa: SIM115 - held open for the worker's life
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                handle.close()
                return None
            time.sleep(0.05)
    handle.seek(0)
    handle.truncate()
    handle.write(f"{os.getpid()}\n")
    handle.flush()
    return handle


def lock_is_held(path: str) -> bool:
    """True when some process holds the lock (a worker running or starting)."""
    try:
        handle = Path(path).open(encoding="ascii")  # noqa: SIM115 - closed below
    except OSError:
        return False
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


def holder(path: str) -> int | None:
    """The pid written by the lock's holder, if it is still held."""
    if not lock_is_held(path):
        return None
    with contextlib.suppress(OSError, ValueError), Path(path).open(encoding="ascii") as handle:
        return int(handle.read().strip())
    return None
