"""LanguageTool results cached on disk, one entry per paragraph.

The key is a digest of the LanguageTool version, the settings that change its
answer and the paragraph's text, so re-linting an unchanged article asks the
server nothing (it need not even be running).  The store is SQLite in WAL
mode: several cleaner processes can read and write at once, each write is a
transaction, and a busy database is waited for, not corrupted.  The total size
is bounded; the least recently used entries go first.  A cache that cannot be
opened is switched off rather than failing the lint.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from cleaner.checks.languagetool.mapping import LTMatch

FORMAT = 1
FILE_NAME = "results.sqlite"
_EVICT_EVERY = 64
_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    size INTEGER NOT NULL,
    used REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS results_used ON results (used);
"""


def cache_key(version: str, fingerprint: str, text: str) -> str:
    """The entry key for ``text`` checked by LanguageTool ``version`` with settings ``fingerprint``."""
    h = hashlib.sha256(f"{FORMAT}\0{version}\0{fingerprint}\0".encode())
    h.update(text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


class ResultCache:
    """A bounded, process-safe map from cache key to the LanguageTool matches of one paragraph."""

    def __init__(self, path: Path, max_bytes: int) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self.hits = 0
        self.misses = 0
        self._lock = threading.Lock()
        self._puts = 0
        self._db: sqlite3.Connection | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(str(path), timeout=30, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(_SCHEMA)
            self._db = db
        except sqlite3.Error:
            self._db = None

    @property
    def enabled(self) -> bool:
        """False when the database could not be opened (every lookup then misses)."""
        return self._db is not None

    def get_many(self, keys: Sequence[str]) -> dict[str, list[LTMatch]]:
        """The cached matches of every key that has an entry."""
        found: dict[str, list[LTMatch]] = {}
        if self._db is None or not keys:
            self.misses += len(keys)
            return found
        unique = list(dict.fromkeys(keys))
        with self._lock:
            try:
                for i in range(0, len(unique), 500):
                    chunk = unique[i : i + 500]
                    marks = ",".join("?" * len(chunk))
                    rows = self._db.execute(f"SELECT key, value FROM results WHERE key IN ({marks})", chunk)
                    for key, value in rows:
                        with contextlib.suppress(ValueError, KeyError, TypeError):
                            found[key] = [LTMatch.from_json(m) for m in json.loads(value)]
                if found:
                    now = time.time()
                    self._db.executemany("UPDATE results SET used = ? WHERE key = ?", [(now, k) for k in found])
            except sqlite3.Error:
                pass
        self.hits += sum(1 for k in keys if k in found)
        self.misses += sum(1 for k in keys if k not in found)
        return found

    def get(self, key: str) -> list[LTMatch] | None:
        """The cached matches for ``key``, or None."""
        return self.get_many([key]).get(key)

    def put(self, key: str, matches: Iterable[LTMatch]) -> None:
        """Store the matches for ``key`` (and now and then evict the least recently used entries)."""
        if self._db is None:
            return
        value = json.dumps([m.to_json() for m in matches], ensure_ascii=False, separators=(",", ":"))
        with self._lock:
            try:
                self._db.execute(
                    "INSERT OR REPLACE INTO results (key, value, size, used) VALUES (?, ?, ?, ?)",
                    (key, value, len(value.encode()) + len(key) + 32, time.time()),
                )
            except sqlite3.Error:
                return
            self._puts += 1
            if self._puts % _EVICT_EVERY == 1:
                self._evict_locked()

    def size_bytes(self) -> int:
        """The accounted size of all entries."""
        if self._db is None:
            return 0
        with self._lock:
            row = self._db.execute("SELECT COALESCE(SUM(size), 0) FROM results").fetchone()
        return int(row[0])

    def __len__(self) -> int:
        if self._db is None:
            return 0
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM results").fetchone()[0])

    def evict(self) -> int:
        """Shrink to 80 % of the bound if over it; the number of entries removed."""
        with self._lock:
            return self._evict_locked()

    def _evict_locked(self) -> int:
        if self._db is None:
            return 0
        try:
            self._db.execute("BEGIN IMMEDIATE")
            total = int(self._db.execute("SELECT COALESCE(SUM(size), 0) FROM results").fetchone()[0])
            doomed: list[tuple[str]] = []
            if total > self.max_bytes:
                excess = total - int(self.max_bytes * 0.8)
                for key, size in self._db.execute("SELECT key, size FROM results ORDER BY used"):
                    if excess <= 0:
                        break
                    doomed.append((key,))
                    excess -= int(size)
                self._db.executemany("DELETE FROM results WHERE key = ?", doomed)
            self._db.execute("COMMIT")
            return len(doomed)
        except sqlite3.Error:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            return 0

    def clear(self) -> None:
        """Remove every entry."""
        if self._db is not None:
            with self._lock:
                self._db.execute("DELETE FROM results")

    def close(self) -> None:
        """Evict if needed and close the database."""
        if self._db is not None:
            self.evict()
            with self._lock:
                self._db.close()
                self._db = None


def open_cache(state_dir: Path, max_mb: float) -> ResultCache:
    """The result cache of a cache folder, bounded to ``max_mb`` megabytes."""
    return ResultCache(state_dir / FILE_NAME, int(max_mb * 1024 * 1024))
