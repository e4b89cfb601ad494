"""On-disk cache of compiled rules, invalidated whenever a rule file changes.

The key is a hash of cleaner's version and every rule file's path and
bytes, so editing, adding or removing a rule file compiles afresh.  Entries
are written atomically; an unreadable entry is simply recompiled.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

from cleaner import __version__
from cleaner.checks.rules.compiler import CompiledRules
from cleaner.files import load_cache, store_cache

_FORMAT = 1


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


def cached_compile(folder: Path, files: Sequence[Path], build: Callable[[], CompiledRules]) -> CompiledRules:
    """Load the compiled rules for ``files`` from ``folder``, or build and store them."""
    entry = folder / f"rules-{cache_key(files)}.pickle"
    loaded = load_cache(entry, CompiledRules)
    if loaded is not None:
        return loaded
    compiled = build()
    store_cache(entry, compiled)
    if not entry.exists():
        return compiled
    for old in folder.glob("rules-*.pickle"):
        if old != entry and old.stat().st_mtime < entry.stat().st_mtime - 7 * 86400:
            old.unlink(missing_ok=True)
    return compiled
