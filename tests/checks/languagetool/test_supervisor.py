"""The supervisor's lifecycle, with a stand-in child process where the JVM would be (its job is any command).

The child writes the state file naming itself, as a started server's state names its JVM, so
the tests see whether the supervisor removes it (the JVM died or went idle) or leaves it to the
sender of a stop request.  ``main`` is only run where it fails before forking.
"""

from __future__ import annotations

import json
import signal
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import psutil
import pytest

from cleaner.checks.languagetool import supervisor
from cleaner.checks.languagetool.server import STATE_FILE, read_state, state_lock

CHILD = """
import json, os, sys, time
state = {"pid": os.getpid(), "supervisor_pid": os.getppid(), "port": 1, "version": "6.8", "started": 0}
with open(sys.argv[1] + ".tmp", "w") as fh:
    json.dump(state, fh)
os.replace(sys.argv[1] + ".tmp", sys.argv[1])
time.sleep(float(sys.argv[2]))
sys.exit(int(sys.argv[3]))
"""


def _child(state_dir: Path, seconds: float, code: int = 0) -> list[str]:
    return [sys.executable, "-c", CHILD, str(state_dir / STATE_FILE), str(seconds), str(code)]


@pytest.fixture
def log(tmp_path: Path) -> Iterator[TextIO]:
    with (tmp_path / "server.log").open("w+", encoding="utf-8") as fh:
        yield fh


def _text(log: TextIO) -> str:
    log.flush()
    return Path(log.name).read_text(encoding="utf-8")


def _started_pid(log: TextIO) -> int:
    return int(_text(log).split("started JVM ", 1)[1].split(";", 1)[0])


def _wait_for(condition, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_jvm_that_dies_takes_its_state_file_with_it(tmp_path: Path, log: TextIO) -> None:
    assert supervisor.supervise(tmp_path, 600, _child(tmp_path, 0, code=3), log) == 0
    assert read_state(tmp_path) is None
    assert "exited with code 3" in _text(log)


def test_a_state_file_naming_another_server_is_left_alone(tmp_path: Path, log: TextIO) -> None:
    command = [sys.executable, "-c", "import time; time.sleep(0.2)"]
    other = {"pid": 999999, "supervisor_pid": 2, "port": 3, "version": "6.8", "started": 0}
    (tmp_path / STATE_FILE).write_text(json.dumps(other), encoding="utf-8")
    assert supervisor.supervise(tmp_path, 600, command, log) == 0
    state = read_state(tmp_path)
    assert state is not None and state.pid == 999999  # a newer server's state is not ours to remove


def test_an_idle_server_is_stopped_and_forgotten(tmp_path: Path, log: TextIO) -> None:
    began = time.monotonic()
    assert supervisor.supervise(tmp_path, 1.0, _child(tmp_path, 120), log) == 0
    assert 1.0 <= time.monotonic() - began < 30
    assert not psutil.pid_exists(_started_pid(log))  # stopped and reaped
    assert read_state(tmp_path) is None and "; stopping" in _text(log)


def test_a_client_holding_the_lock_keeps_the_server_from_stopping(tmp_path: Path, log: TextIO) -> None:
    lock = state_lock(tmp_path, timeout=5)
    lock.acquire()
    try:
        worker = threading.Thread(target=supervisor.supervise, args=(tmp_path, 0.5, _child(tmp_path, 120), log))
        worker.start()
        _wait_for(lambda: "started JVM" in _text(log) and read_state(tmp_path) is not None)
        time.sleep(2.0)  # idle for four timeouts, but the lock says a client is starting or replacing it
        assert worker.is_alive() and psutil.pid_exists(_started_pid(log))
    finally:
        lock.release()
    worker.join(timeout=30)
    assert not worker.is_alive() and read_state(tmp_path) is None


def test_on_a_stop_request_the_jvm_stops_and_the_sender_keeps_the_state(
    tmp_path: Path, log: TextIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(supervisor, "_stop", threading.Event())  # the module's flag, fresh for this test
    worker = threading.Thread(target=supervisor.supervise, args=(tmp_path, 600, _child(tmp_path, 120), log))
    worker.start()
    _wait_for(lambda: "started JVM" in _text(log) and read_state(tmp_path) is not None)
    supervisor._on_signal(signal.SIGTERM, None)  # what SIGTERM runs in the detached supervisor
    worker.join(timeout=30)
    assert not worker.is_alive() and "stopping on request" in _text(log)
    state = read_state(tmp_path)
    assert state is not None and state.pid == _started_pid(log)  # the sender (stop) removes it under the lock
    assert not psutil.pid_exists(_started_pid(log))


def test_main_refuses_to_start_without_a_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--state-dir", str(tmp_path), "--idle-timeout", "1", "--log", str(tmp_path / "log")]
    for extra in ([], ["--"]):
        with pytest.raises(SystemExit) as info:
            supervisor.main([*args, *extra])
        assert info.value.code == 2
    assert "no JVM command given" in capsys.readouterr().err
