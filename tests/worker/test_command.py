"""``cleaner serve``: --status, --stop and --detach against real workers, and its usage errors."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cleaner.worker import keys
from cleaner.worker.lock import holder
from tests.support.article_kit import RULES
from tests.support.worker_kit import (
    Worker,
    copy_package,
    env_for,
    place_for,
    start_worker,
    stop_and_kill,
    wait_until_gone,
)


def _serve(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cleaner", "serve", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_package(tmp_path / "pkg", RULES)


@pytest.fixture
def place(tmp_path: Path, root: Path) -> Iterator[keys.Place]:
    found = place_for(tmp_path / "c", root)
    yield found
    stop_and_kill(found)
    assert wait_until_gone(found)


def test_flags_exclude_each_other(tmp_path: Path, root: Path) -> None:
    done = _serve(tmp_path, env_for(tmp_path / "c", root), "--stop", "--status")
    assert done.returncode == 2 and "exclude each other" in done.stderr


def test_status_and_stop_without_a_worker(tmp_path: Path, root: Path, place: keys.Place) -> None:
    env = env_for(tmp_path / "c", root)
    status = _serve(tmp_path, env, "--status")
    assert (status.returncode, status.stdout) == (1, "no worker is running\n")
    stop = _serve(tmp_path, env, "--stop")
    assert (stop.returncode, stop.stdout) == (0, "no worker was running\n")


@pytest.mark.slow
def test_status_and_stop_of_a_running_worker(
    tmp_path: Path, root: Path, place: keys.Place, workers: list[Worker]
) -> None:
    worker = start_worker(tmp_path / "c", tmp_path, root)
    workers.append(worker)
    env = env_for(tmp_path / "c", root)
    status = _serve(tmp_path, env, "--status")
    assert status.returncode == 0, status.stdout + status.stderr
    assert f"worker {worker.process.pid} is running" in status.stdout and place.socket in status.stdout
    stop = _serve(tmp_path, env, "--stop")
    assert (stop.returncode, stop.stdout) == (0, f"stopped the worker (pid {worker.process.pid})\n")
    assert worker.process.wait(timeout=30) == 0
    assert "exiting: stopped" in worker.log.read_text(encoding="utf-8")


@pytest.mark.slow
def test_status_names_a_stale_worker(tmp_path: Path, root: Path, place: keys.Place, workers: list[Worker]) -> None:
    workers.append(start_worker(tmp_path / "c", tmp_path, root, ["--idle-timeout", "300"]))
    with (root / "cleaner" / "errors.py").open("a", encoding="utf-8") as fh:
        fh.write("\n# an edit\n")
    status = _serve(tmp_path, env_for(tmp_path / "c", root), "--status")
    assert status.returncode == 1 and "is STALE" in status.stdout


@pytest.mark.slow
def test_detach_starts_a_background_worker_once(tmp_path: Path, root: Path, place: keys.Place) -> None:
    env = env_for(tmp_path / "c", root)
    started = _serve(tmp_path, env, "--detach", "--idle-timeout", "60")
    assert started.returncode == 0, started.stdout + started.stderr
    assert started.stdout.startswith("started the worker (pid ") and "idle timeout 60 s" in started.stdout
    pid = holder(place.lock)
    assert pid is not None and pid != os.getpid()
    again = _serve(tmp_path, env, "--detach")
    assert (again.returncode, again.stdout) == (0, f"a worker is already running (pid {pid})\n")
    assert "listening on" in Path(place.log).read_text(encoding="utf-8")
    assert _serve(tmp_path, env, "--stop").returncode == 0
    assert wait_until_gone(place)


def test_a_socket_path_too_long_for_unix_is_a_one_line_error(tmp_path: Path, root: Path) -> None:
    long_cache = tmp_path / ("c" * 100)
    done = _serve(tmp_path, env_for(long_cache, root))
    assert done.returncode == 2
    assert "socket path is too long" in done.stderr and "CLEANER_CACHE_DIR" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
