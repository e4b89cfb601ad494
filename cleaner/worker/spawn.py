"""Start a detached worker: a new session, no terminal, the same interpreter and import path as this process.

Why the import path is passed on: the worker must import the very package
this process would run (a checkout on ``PYTHONPATH``, a hook's virtualenv),
and its key is checked against this process's view of the files.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from cleaner.worker import keys
from cleaner.worker.lock import lock_is_held

IDLE_ENV = "CLEANER_WORKER_IDLE_TIMEOUT"
DEFAULT_IDLE_TIMEOUT = 900.0
"""Seconds a worker waits for its next request before it exits (15 minutes)."""

BOOT = (
    "import json, sys\n"
    "sys.path[:] = json.loads(sys.argv[1])\n"
    "from cleaner.worker.keys import current_key\n"
    "key = current_key()  # before the code it describes is imported\n"
    "from cleaner.worker.server import serve\n"
    "raise SystemExit(serve(**json.loads(sys.argv[2]), key=key))\n"
)


def idle_timeout(env: dict[str, str] | os._Environ[str] = os.environ) -> float:
    """``CLEANER_WORKER_IDLE_TIMEOUT`` seconds when it is a positive number, else the default."""
    try:
        value = float(env.get(IDLE_ENV, ""))
    except ValueError:
        return DEFAULT_IDLE_TIMEOUT
    return value if value > 0 else DEFAULT_IDLE_TIMEOUT


def import_path() -> list[str]:
    """This process's ``sys.path`` with the current folder spelled out (the worker runs from ``/``)."""
    cwd = Path.cwd()
    return [str(cwd / p) if not Path(p).is_absolute() else p for p in sys.path]


def spawn_detached(
    place: keys.Place, *, idle: float | None = None, wait_for_lock: bool = False
) -> subprocess.Popen[bytes] | None:
    """Start a worker in the background unless one holds the lock already (None then).

    ``wait_for_lock``: the running worker is on its way out (it refused a
    newer key), so the new one waits a few seconds for the lock instead of
    giving up at once.
    """
    keys.make_private_folder(place.folder)
    if not wait_for_lock and lock_is_held(place.lock):
        return None
    options = {"idle_timeout": idle or idle_timeout(), "detached": True, "wait_for_lock": wait_for_lock}
    return subprocess.Popen(
        [sys.executable, "-c", BOOT, json.dumps(import_path()), json.dumps(options)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd="/",
        start_new_session=True,
        close_fds=True,
    )
