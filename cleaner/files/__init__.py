"""Every file cleaner writes: atomically, all of the new content or none of it; and its caches.

The bytes go to a temporary file in the target's folder, are flushed to disk,
and replace the target with one ``os.replace``; a reader (or a crash) sees
either the old file or the new one.  The file's permission bits, owner and
extended attributes are kept (:mod:`.permissions`), the temporary file has a
recognisable name that a later run can clean up after a crash
(:mod:`.leftovers`), and :func:`encode` gives the corrected text back the
encoding, BOM and newline style the article was read with.  Caches (compiled rules, the syllable table) are
pickles written the same way, best effort: a cache that cannot be written or
read is simply rebuilt.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import re
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from cleaner.errors import CleanerError
from cleaner.files.leftovers import temp_prefix
from cleaner.files.permissions import copy_extended_attributes, extended_attributes

if TYPE_CHECKING:
    from cleaner.document import Source

T = TypeVar("T")

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
    return ((_BOM if source.bom else "") + text).encode(source.encoding)  # a UTF-16/32 BOM encodes itself


def _uniform_newlines(text: str, newline: str) -> bool:
    return all(m.group() == newline for m in _NEWLINE.finditer(text))


def write_atomic(path: Path | str, data: bytes, *, durable: bool = True) -> None:
    """Replace the file at ``path`` (following symlinks) by ``data``, atomically.

    An existing file keeps its permission bits (and owner, where allowed); a
    new one gets the default permissions of the umask.  On any error the
    target is left as it was, the temporary file is removed, and
    :class:`WriteError` says why.  ``durable=False`` skips the flushes to
    disk (state and cache files, which are rebuilt if a crash loses them).
    """
    target = Path(os.path.realpath(path))
    owner: tuple[int, int] | None
    attrs: dict[str, bytes] = {}
    try:
        st = target.stat()
        mode, owner = stat.S_IMODE(st.st_mode), (st.st_uid, st.st_gid)
        attrs = extended_attributes(target)
    except FileNotFoundError:
        mode, owner = 0o666 & ~_umask(), None
    except OSError as exc:
        raise WriteError(path, exc.strerror or str(exc)) from None
    if target.is_dir():
        raise WriteError(path, "is a folder")
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=temp_prefix(target), suffix=".tmp")
    except OSError as exc:
        raise WriteError(path, exc.strerror or str(exc)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        if owner is not None and hasattr(os, "chown"):
            with contextlib.suppress(OSError):
                os.chown(tmp, *owner)
        copy_extended_attributes(attrs, Path(tmp))
        Path(tmp).chmod(mode)  # last: a read-only mode would stop setting attributes
        Path(tmp).replace(target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        if isinstance(exc, OSError):
            raise WriteError(path, exc.strerror or str(exc)) from None
        raise
    if durable:
        _fsync_dir(target.parent)


def write_text_atomic(path: Path | str, text: str, *, durable: bool = True) -> None:
    """Write ``text`` as UTF-8 (newlines as given) atomically."""
    write_atomic(path, text.encode("utf-8"), durable=durable)


def store_cache(path: Path, value: object) -> None:
    """Pickle ``value`` to ``path`` atomically, best effort (a cache that can't be written is rebuilt)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), durable=False)
    except (OSError, WriteError):
        pass


def load_cache(path: Path, kind: type[T]) -> T | None:
    """The ``kind`` pickled at ``path``, or None when it is missing, unreadable or of another kind.

    The garbage collector is paused meanwhile: unpickling makes hundreds of thousands of
    objects and no garbage, and the collections it set off took a third of the load time.
    """
    try:
        with path.open("rb") as fh, _collector_paused():
            loaded = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return loaded if isinstance(loaded, kind) else None


def load_or_build(path: Path, kind: type[T], build: Callable[[], T]) -> T:
    """The ``kind`` cached at ``path``; else ``build()``, stored there for the next process."""
    cached = load_cache(path, kind)
    if cached is not None:
        return cached
    value = build()
    store_cache(path, value)
    return value


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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
