"""Language-model scores cached on disk, keyed by a digest of the model and the scored text.

Re-linting an unchanged article costs no forward pass.  Like the LanguageTool
cache it is SQLite in WAL mode (several processes at once, one transaction per
write); a cache that cannot be opened is switched off rather than failing the run.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

FORMAT = 1
FILE_NAME = "scores.sqlite"
_SCHEMA = "CREATE TABLE IF NOT EXISTS scores (key TEXT PRIMARY KEY, value TEXT NOT NULL)"


def score_key(model_id: str, prefix: str, continuation: str) -> str:
    """The entry for ``continuation`` scored after ``prefix`` by the model ``model_id``."""
    h = hashlib.sha256(f"{FORMAT}\0{model_id}\0".encode())
    h.update(prefix.encode("utf-8", "surrogatepass") + b"\0" + continuation.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


class ScoreCache:
    """A process-safe map from :func:`score_key` to the per-token log-probabilities of a continuation."""

    def __init__(self, path: Path | None) -> None:
        self.hits = 0
        self.misses = 0
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(str(path), timeout=30, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(_SCHEMA)
            self._db = db
        except (OSError, sqlite3.Error):
            self._db = None

    def get_many(self, keys: Sequence[str]) -> dict[str, list[float]]:
        found: dict[str, list[float]] = {}
        if self._db is not None and keys:
            with self._lock, contextlib.suppress(sqlite3.Error):
                for start in range(0, len(keys), 500):
                    chunk = list(keys[start : start + 500])
                    marks = ",".join("?" * len(chunk))
                    rows = self._db.execute(f"SELECT key, value FROM scores WHERE key IN ({marks})", chunk)
                    found.update((k, json.loads(v)) for k, v in rows)
        self.hits += len(found)
        self.misses += len(keys) - len(found)
        return found

    def put_many(self, items: Iterable[tuple[str, list[float]]]) -> None:
        rows = [(k, json.dumps([round(x, 4) for x in v])) for k, v in items]
        if self._db is None or not rows:
            return
        with self._lock, contextlib.suppress(sqlite3.Error):
            self._db.execute("BEGIN")
            self._db.executemany("INSERT OR REPLACE INTO scores (key, value) VALUES (?, ?)", rows)
            self._db.execute("COMMIT")

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None
