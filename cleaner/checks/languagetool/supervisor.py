"""The detached process that owns the LanguageTool JVM and stops it when idle.

Started by :func:`cleaner.checks.languagetool.server.start_server` as
``python -m cleaner.checks.languagetool.supervisor --state-dir D --idle-timeout S --log F -- JAVA...``.
It forks once (the parent prints the child's pid and exits, so the cleaner
process that started it has nothing left to reap), starts the JVM as its own
child, and then watches: when the ``activity`` file is older than the idle
timeout, or on SIGTERM, it removes the state file under the lock and stops the
JVM; when the JVM dies on its own, it removes the state file too.  POSIX only.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from filelock import Timeout

from cleaner.checks.languagetool.server import last_activity, remove_state, state_lock, touch_activity

_stop = threading.Event()


def _log(fh: TextIO, message: str) -> None:
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    print(f"{stamp} [cleaner supervisor {os.getpid()}] {message}", file=fh, flush=True)


def _on_signal(signum: int, _frame: object) -> None:
    _stop.set()


def _stop_jvm(jvm: subprocess.Popen[bytes], grace: float = 15.0) -> None:
    if jvm.poll() is not None:
        return
    jvm.terminate()
    try:
        jvm.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        jvm.kill()
        jvm.wait(timeout=grace)


def _forget(state_dir: Path, jvm_pid: int, log: TextIO) -> None:
    """Remove the state file if it still names our JVM (under the lock, but never wait long)."""
    try:
        with state_lock(state_dir, timeout=10):
            remove_state(state_dir, jvm_pid)
    except Timeout:
        _log(log, "state lock busy; leaving the state file for the next client to discard")


def supervise(state_dir: Path, idle_timeout: float, command: Sequence[str], log: TextIO) -> int:
    """Run the JVM until it exits, is idle for ``idle_timeout`` seconds, or we are told to stop.

    On SIGTERM the sender (``stop``, or a client replacing a stale server) owns
    the state file; here we only stop the JVM.  When the JVM dies by itself or
    goes idle, we remove the state file, under the lock.
    """
    touch_activity(state_dir)  # idle time counts from our start, not from a missing file
    jvm = subprocess.Popen(list(command), stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
    _log(log, f"started JVM {jvm.pid}; idle timeout {idle_timeout:.0f} s")
    interval = min(30.0, max(0.5, idle_timeout / 10))
    next_idle_check = 0.0
    try:
        while not _stop.is_set():
            if jvm.poll() is not None:
                _log(log, f"JVM {jvm.pid} exited with code {jvm.returncode}")
                _forget(state_dir, jvm.pid, log)
                return 0
            now = time.monotonic()
            if now >= next_idle_check:
                next_idle_check = now + interval
                if time.time() - last_activity(state_dir) >= idle_timeout and _stopped_when_idle(
                    state_dir, idle_timeout, jvm, log
                ):
                    return 0
            _stop.wait(0.5)
        _log(log, "stopping on request")
        return 0
    finally:
        _stop_jvm(jvm)
        _log(log, f"JVM {jvm.pid} stopped")


def _stopped_when_idle(state_dir: Path, idle_timeout: float, jvm: subprocess.Popen[bytes], log: TextIO) -> bool:
    """Stop the JVM if it is still idle once we hold the lock (no client can start using it then).

    The lock is only tried briefly: whoever holds it is starting, replacing or
    stopping a server, and a stop request must never wait behind our attempt.
    """
    try:
        with state_lock(state_dir, timeout=0.5):
            idle = time.time() - last_activity(state_dir)
            if idle < idle_timeout:
                return False
            _log(log, f"idle for {idle:.0f} s; stopping")
            remove_state(state_dir, jvm.pid)
            _stop_jvm(jvm)
            return True
    except Timeout:
        return False  # a client is starting or replacing a server: not idle


def main(argv: Sequence[str] | None = None) -> int:
    """Fork, report the child's pid on stdout, and supervise in the child."""
    parser = argparse.ArgumentParser(prog="python -m cleaner.checks.languagetool.supervisor")
    parser.add_argument("--state-dir", type=Path, required=True)
    parser.add_argument("--idle-timeout", type=float, required=True)
    parser.add_argument("--log", type=Path, required=True)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no JVM command given")
    pid = os.fork()
    if pid > 0:
        print(pid, flush=True)
        os._exit(0)  # the starter reads our pid and is done; nothing else of ours must run here
    os.setsid()
    devnull = os.open(os.devnull, os.O_RDWR)
    with args.log.open("a", encoding="utf-8") as log:
        for fd in (0, 1, 2):
            os.dup2(devnull if fd == 0 else log.fileno(), fd)
        os.close(devnull)
        signal.signal(signal.SIGTERM, _on_signal)
        signal.signal(signal.SIGINT, _on_signal)
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        try:
            return supervise(args.state_dir, args.idle_timeout, command, log)
        except Exception as e:  # the log is the only place anyone will see it
            _log(log, f"failed: {e!r}")
            return 1


if __name__ == "__main__":
    sys.exit(main())
