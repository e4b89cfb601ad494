"""A real two-worker Dask cluster, and a few dozen development articles written to files."""

from __future__ import annotations

import gzip
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from cleaner.batch.cluster import QUIET_SCHEDULER
from tests.support.shared_data import DATA_ENV, REPO, shared_data_folder

CLEAN = Path("clean") / "clean_en_news.dev.docs.jsonl.gz"
ROUNDTRIP = Path("roundtrip") / "roundtrip_dev.jsonl.gz"


def shared_data() -> Path:
    """The shared development data: ``$CLEANER_SHARED_DATA``, or ``../shared/data`` beside the clone."""
    folder = shared_data_folder()
    if not (folder / CLEAN).is_file():
        pytest.fail(f"the shared development data is missing at {folder}; set {DATA_ENV}")
    return folder


def _records(path: Path, field: str, limit: int) -> list[tuple[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    return [(r["id"], r[field]) for r in rows[:limit]]


@pytest.fixture(scope="session")
def dev_articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """12 clean news articles and 24 round-trip garbled ones, one .txt file each."""
    data = shared_data()
    folder = tmp_path_factory.mktemp("dev-articles")
    for doc_id, text in _records(data / CLEAN, "text", 12) + _records(data / ROUNDTRIP, "garbled", 24):
        name = re.sub(r"[^\w.-]+", "_", doc_id)
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCluster]:
    """Two real worker processes; they inherit this test session's cache folder (rules, LanguageTool state)."""
    cache = tmp_path_factory.getbasetemp() / "cache"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CLEANER_CACHE_DIR", str(cache))
        mp.setenv("PYTHONPATH", os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
        with LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            scheduler_kwargs=QUIET_SCHEDULER,
            silence_logs=50,
        ) as local:
            yield local


@pytest.fixture
def client(cluster: LocalCluster) -> Iterator[Client]:
    with Client(cluster, set_as_default=False) as c:
        c.wait_for_workers(2, timeout=60)
        yield c
