"""Fixtures of the worker tests: one real worker for this checkout, and workers a test starts itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.worker_kit import Worker, start_worker


@pytest.fixture(scope="module")
def repo_worker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Worker]:
    """A worker for this checkout's package, in the session's cache folder (its compiled rules are shared)."""
    cache = tmp_path_factory.getbasetemp() / "cache"
    worker = start_worker(cache, tmp_path_factory.mktemp("worker-logs"))
    yield worker
    worker.stop()


@pytest.fixture
def workers() -> Iterator[list[Worker]]:
    """Workers a test starts itself are appended here and stopped after it, whatever happens."""
    started: list[Worker] = []
    yield started
    for worker in started:
        worker.stop()


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    """A fresh, short cache folder (socket paths must stay under 104 bytes)."""
    return tmp_path / "c"
