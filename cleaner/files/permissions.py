"""What ``fix`` may rewrite, and what a rewritten file keeps.

A file without any write permission bit (``chmod a-w``, mode 0444: published,
under legal hold) is read-only to ``fix`` unless ``--force`` says otherwise.
The decision reads the mode bits, not ``access(2)``: root may write anything,
and the atomic rewrite needs only the folder's rights, so neither would stop
it.  A rewritten file keeps its mode, owner and extended attributes (ACLs,
SELinux labels and user tags live there).
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH


def read_only_reason(path: Path) -> str | None:
    """Why ``fix`` must not rewrite ``path`` without ``--force`` (None when it may)."""
    try:
        st = path.stat()
    except OSError:
        return None  # the write itself will report it
    mode = stat.S_IMODE(st.st_mode)
    if not mode & WRITE_BITS:
        return f"read-only (mode {mode:04o})"
    if not os.access(path, os.W_OK, effective_ids=os.access in os.supports_effective_ids):
        return f"not writable by this user (mode {mode:04o}, owner uid {st.st_uid})"
    return None


def extended_attributes(path: Path) -> dict[str, bytes]:
    """Every extended attribute of ``path`` that can be read (empty where the system has none)."""
    if not hasattr(os, "listxattr"):
        return {}
    try:
        names = os.listxattr(path)
    except OSError:
        return {}
    found: dict[str, bytes] = {}
    for name in names:
        with contextlib.suppress(OSError):
            found[name] = os.getxattr(path, name)
    return found


def copy_extended_attributes(attrs: dict[str, bytes], target: Path) -> list[str]:
    """Set ``attrs`` on ``target``; return the names that could not be set."""
    lost: list[str] = []
    for name, value in attrs.items():
        try:
            os.setxattr(target, name, value)
        except OSError:
            lost.append(name)
    return lost
