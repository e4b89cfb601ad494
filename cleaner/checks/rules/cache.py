"""On-disk cache of compiled rules, invalidated whenever a rule file changes.

The key is a hash of cleaner's version and every rule file's path and
bytes, so editing, adding or removing a rule file compiles afresh.  Entries
are written atomically; an unreadable entry is simply recompiled.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from cleaner import __version__
from cleaner.checks.rules.compiler import CompiledRules
from cleaner.checks.rules.lazy_rules import LazyRules
from cleaner.files import load_cache, store_cache

_FORMAT = 2
KEEP = 8
"""Compiled rule sets kept in the cache folder (the most recently used); older ones are deleted."""


@functools.cache
def _code_fingerprint() -> str:
    """A digest of the code that shapes compiled rules, so a changed engine never reads a stale cache."""
    h = hashlib.sha256()
    package = Path(__file__).resolve().parent
    tokens = package.parents[1] / "document" / "tokens.py"
    for source in sorted([*package.rglob("*.py"), tokens]):
        h.update(source.read_bytes())
    return h.hexdigest()


def cache_key(files: Sequence[Path]) -> str:
    """A digest of the rule files' contents (and names), the code version and the engine's code."""
    h = hashlib.sha256(f"{__version__}:{_FORMAT}:{_code_fingerprint()}".encode())
    for path in files:
        h.update(str(path.resolve()).encode())
        h.update(b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()[:32]


def cached_compile(
    folder: Path, files: Sequence[Path], build: Callable[[], CompiledRules], *, key: str | None = None
) -> CompiledRules:
    """Load the compiled rules for ``files`` from ``folder``, or build and store them.

    Rules are stored one pickle each (:class:`LazyRules`), so loading costs
    little more than reading the file; an entry's modification time is its
    last use, and only the :data:`KEEP` most recently used entries are kept.
    ``key`` is :func:`cache_key` of ``files`` when the caller has it already.
    """
    entry = folder / f"rules-{key or cache_key(files)}.pickle"
    loaded = load_cache(entry, CompiledRules)
    if loaded is not None:
        with contextlib.suppress(OSError):
            os.utime(entry)
        return loaded
    compiled = build()
    store_cache(entry, replace(compiled, rules=LazyRules.of(compiled.rules)))
    with contextlib.suppress(OSError):
        _evict(folder)
    return compiled


def _evict(folder: Path) -> None:
    """Delete all but the :data:`KEEP` most recently used entries, and temp files of crashed writes."""
    entries: list[tuple[float, Path]] = []
    for path in folder.glob("rules-*.pickle"):
        with contextlib.suppress(OSError):
            entries.append((path.stat().st_mtime, path))
    for _, old in sorted(entries, reverse=True)[KEEP:]:
        old.unlink(missing_ok=True)
    for tmp in folder.glob(".rules-*.tmp"):
        with contextlib.suppress(OSError):
            if tmp.stat().st_mtime < time.time() - 3600:
                tmp.unlink()
