"""The worker's lock: one holder, seen by others, released when its file closes."""

from __future__ import annotations

import os
from pathlib import Path

from cleaner.worker.lock import holder, lock_is_held, try_lock


def test_one_holder_at_a_time(tmp_path: Path) -> None:
    path = str(tmp_path / "w.lock")
    assert not lock_is_held(path) and holder(path) is None
    first = try_lock(path)
    assert first is not None
    try:
        assert lock_is_held(path) and holder(path) == os.getpid()
        assert try_lock(path, wait=0.2) is None
    finally:
        first.close()
    assert not lock_is_held(path)
    second = try_lock(path)
    assert second is not None
    second.close()
