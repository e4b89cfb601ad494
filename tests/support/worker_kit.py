"""Real workers for the worker tests: ``cleaner serve`` subprocesses, always stopped afterwards.

A worker is started in the foreground as a child of the test (so teardown can
always reap it), in a given cache folder, for the package of this checkout or
for a copy of it (the stale-key tests edit the copy).  ``cleaner(...)`` runs
the real front door (``python -m cleaner``) as a subprocess and returns its
exit code and output bytes.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from cleaner.worker import control, keys
from cleaner.worker.lock import holder, lock_is_held

REPO = Path(__file__).resolve().parents[2]
START_WAIT = 300.0
"""Seconds a worker may take to answer (a fresh cache folder compiles the built-in rules first)."""
ENGINES = ("--no-languagetool", "--fluency", "off")


@dataclass(frozen=True)
class Ran:
    code: int
    out: bytes
    err: bytes


def env_for(cache: Path, root: Path = REPO, **extra: str) -> dict[str, str]:
    """The environment of a cleaner subprocess: this cache folder, the package under ``root``, no CI."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLEANER_WORKER") and k != "CI"}
    env.update({"CLEANER_CACHE_DIR": str(cache), "PYTHONPATH": str(root), "NO_COLOR": "1"})
    env.update(extra)
    return env


def cleaner(args: Sequence[str], cwd: Path, env: dict[str, str], worker: str = "auto") -> Ran:
    """Run ``python -m cleaner ARGS`` (the front door) with CLEANER_WORKER set to ``worker``."""
    run_env = {**env, "CLEANER_WORKER": worker}
    done = subprocess.run(
        [sys.executable, "-m", "cleaner", *args], cwd=cwd, env=run_env, capture_output=True, timeout=600, check=False
    )
    return Ran(done.returncode, done.stdout, done.stderr)


def place_for(cache: Path, root: Path = REPO) -> keys.Place:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(keys.CACHE_ENV, str(cache))
        return keys.place(str(root / "cleaner"))


@dataclass
class Worker:
    """A running worker and what it takes to talk to it."""

    process: subprocess.Popen[bytes]
    place: keys.Place
    env: dict[str, str]
    root: Path
    log: Path

    def status(self) -> dict[str, object] | None:
        return control.ask(self.place, "status")

    def served(self) -> int:
        answer = self.status()
        assert answer is not None, self.log.read_text(encoding="utf-8", errors="replace")
        return int(str(answer["served"]))

    def stop(self) -> None:
        """Ask it to stop, then make sure: SIGTERM, SIGKILL, and reap."""
        if self.process.poll() is None:
            control.stop(self.place, wait=10.0)
        for kill in (self.process.terminate, self.process.kill):
            if self.process.poll() is not None:
                break
            kill()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                continue
        self.process.wait(timeout=10)


def start_worker(cache: Path, logs: Path, root: Path = REPO, options: Sequence[str] = ()) -> Worker:
    """A foreground ``cleaner serve`` for the package under ``root``, once it answers."""
    env = env_for(cache, root)
    log = logs / f"worker-{time.monotonic_ns()}.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "cleaner", "serve", *options],
            cwd=logs,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    worker = Worker(process, place_for(cache, root), env, root, log)
    deadline = time.monotonic() + START_WAIT
    while worker.status() is None:
        if process.poll() is not None or time.monotonic() > deadline:
            worker.stop()
            pytest.fail(f"the worker did not start:\n{log.read_text(encoding='utf-8', errors='replace')}")
        time.sleep(0.2)
    return worker


def stop_and_kill(place: keys.Place) -> None:
    """Ask whatever worker runs at ``place`` to stop, and kill the lock's holder if it is still there."""
    control.stop(place, wait=10.0)
    pid = holder(place.lock)
    if pid:
        os.kill(pid, signal.SIGKILL)


def wait_until_gone(place: keys.Place, wait: float = 60.0) -> bool:
    """True once no process holds the worker's lock (polled; bounded, so a test never hangs)."""
    deadline = time.monotonic() + wait
    while lock_is_held(place.lock):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def copy_package(dest: Path, rules_yaml: str) -> Path:
    """A copy of the cleaner package whose built-in rules are ``rules_yaml`` plus the name classes (fast to compile)."""
    shutil.copytree(REPO / "cleaner", dest / "cleaner", ignore=shutil.ignore_patterns("__pycache__"))
    (dest / "rules").mkdir()
    shutil.copy2(REPO / "rules" / "classes.yaml", dest / "rules" / "classes.yaml")
    (dest / "rules" / "test.yaml").write_text(rules_yaml, encoding="utf-8")
    return dest
