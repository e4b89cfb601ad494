"""Writing files atomically: all of the new content or none of it.

The bytes go to a temporary file in the target's folder, are flushed to disk,
and replace the target with one ``os.replace``; a reader (or a crash) sees
either the old file or the new one.  The file's permission bits are kept, and
:func:`encode` gives the corrected text back the BOM and newline style the
article was read with.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from pathlib import Path

from cleaner.errors import CleanerError
from cleaner.sources import Source

_BOM = "\ufeff"
_NEWLINE = re.compile(r"\r\n|\r|\n")


class WriteError(CleanerError):
    """A file that could not be written; the original (if any) is unchanged."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: cannot write: {problem}")
        self.path = str(path)
        self.problem = problem


def encode(text: str, source: Source) -> bytes:
    """``text`` as the bytes of a file like ``source``: UTF-8, its BOM, its newline style.

    Source text keeps its newlines as read, so a corrected text already has
    them; only when the original used one style throughout are newlines that
    an edit introduced converted to that style.
    """
    if _uniform_newlines(source.text, source.newline):
        text = _NEWLINE.sub(source.newline, text)
    return ((_BOM if source.bom else "") + text).encode("utf-8")


def _uniform_newlines(text: str, newline: str) -> bool:
    return all(m.group() == newline for m in _NEWLINE.finditer(text))


def write_atomic(path: Path | str, data: bytes) -> None:
    """Replace the file at ``path`` (following symlinks) by ``data``, atomically.

    An existing file keeps its permission bits (and owner, where allowed); a
    new one gets the default permissions of the umask.  On any error the
    target is left as it was, the temporary file is removed, and
    :class:`WriteError` says why.
    """
    target = Path(os.path.realpath(path))
    owner: tuple[int, int] | None
    try:
        st = target.stat()
        mode, owner = stat.S_IMODE(st.st_mode), (st.st_uid, st.st_gid)
    except FileNotFoundError:
        mode, owner = 0o666 & ~_umask(), None
    except OSError as exc:
        raise WriteError(path, exc.strerror or str(exc)) from None
    if target.is_dir():
        raise WriteError(path, "is a folder")
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise WriteError(path, exc.strerror or str(exc)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).chmod(mode)
        if owner is not None and hasattr(os, "chown"):
            with contextlib.suppress(OSError):
                os.chown(tmp, *owner)
        Path(tmp).replace(target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        if isinstance(exc, OSError):
            raise WriteError(path, exc.strerror or str(exc)) from None
        raise
    _fsync_dir(target.parent)


def write_text_atomic(path: Path | str, text: str) -> None:
    """Write ``text`` as UTF-8 (newlines as given) atomically."""
    write_atomic(path, text.encode("utf-8"))


def _umask() -> int:
    # Read, not set-and-restore, where the system allows: setting it races with other threads writing files.
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable (best effort: not every platform can open folders)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
