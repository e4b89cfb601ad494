"""Temporary files of atomic writes: a recognisable name, and cleaning up after crashes.

Every temporary file cleaner writes next to an article is called
``.<name>.cleaner-<pid>-<random>.tmp``.  A process killed between writing
it and renaming it over the article (``kill -9``, a power cut) leaves it
behind; the article itself is untouched.  The next ``fix`` in that folder
removes such leftovers: those whose process is gone, and any older than an
hour (the pid may have been reused).  Files of a live ``fix`` are left alone.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from pathlib import Path

MARK = "cleaner"
STALE_SECONDS = 3600.0
_NAME = re.compile(r"^\.(?P<target>.+)\.cleaner-(?P<pid>\d+)-[A-Za-z0-9_]+\.tmp$")


def temp_prefix(target: Path) -> str:
    """The ``mkstemp`` prefix for a temporary copy of ``target`` (the suffix is ``.tmp``)."""
    return f".{target.name}.{MARK}-{os.getpid()}-"


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def is_leftover(path: Path, now: float | None = None) -> bool:
    """True for a temporary file of ours whose writer is gone (or that is over an hour old)."""
    m = _NAME.match(path.name)
    if m is None:
        return False
    try:
        age = (now if now is not None else time.time()) - path.lstat().st_mtime
    except OSError:
        return False
    return age > STALE_SECONDS or not _pid_alive(int(m["pid"]))


def sweep(folder: Path) -> list[Path]:
    """Remove the leftovers in ``folder``; return what was removed (unreadable folders: nothing)."""
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        if is_leftover(entry, now):
            with contextlib.suppress(OSError):
                entry.unlink()
                removed.append(entry)
    return removed
