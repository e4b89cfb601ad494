"""A small batch runs in the worker's own warm process instead of a new process pool.

Why: with ``--jobs`` left to its default (one process per free core), two
small articles would start a pool whose processes each import cleaner and
load the rules (about a second), where the warm worker checks both in tens of
milliseconds.  The output is the same for any number of jobs (results keep
the order of the files), so only the time changes.  Folders, and batches
over :data:`SMALL_BATCH_BYTES`, keep the default.
"""

from __future__ import annotations

from pathlib import Path

SMALL_BATCH_BYTES = 64 * 1024
"""About 10,000 words: checked serially in well under the time a pool takes to start."""


def with_serial_jobs(argv: list[str]) -> list[str]:
    """``argv`` with ``--jobs 1`` when it leaves jobs to the default and names only a few small files.

    Paths are relative to the current folder (the client's, during a request).
    """
    if not argv or any(_names_jobs(a) for a in argv):
        return argv
    total = 0
    for arg in argv[1:]:
        if arg == "--":
            continue
        path = Path(arg)
        try:
            if path.is_dir():
                return argv  # a folder: as many articles as it holds
            if path.is_file():
                total += path.stat().st_size
        except (OSError, ValueError):
            continue
    if total > SMALL_BATCH_BYTES:
        return argv
    return [argv[0], "--jobs", "1", *argv[1:]]  # right after the command: a dangling option keeps its error


def _names_jobs(arg: str) -> bool:
    return arg in ("--jobs", "-j") or arg.startswith(("--jobs=", "-j"))
