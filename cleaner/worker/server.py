"""The resident worker: rules, configuration code and checkers loaded once, commands run on request.

Requests run one at a time on the main thread (article time budgets use
``SIGALRM``, which only the main thread gets); a second client arriving
meanwhile is told "busy" at once by the thread that accepts connections, and
runs in its own process.  A request whose key is not this worker's is
refused; when the files on disk have changed since the worker started
(checked on such a request and every :data:`CHECK_EVERY` seconds) the worker
exits, so a stale worker never answers.  It also exits after ``idle_timeout``
seconds without a request, on ``--stop`` and on SIGTERM/SIGINT.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import signal
import socket
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from cleaner.worker import keys, protocol
from cleaner.worker.client import interpreter
from cleaner.worker.jobs import with_serial_jobs
from cleaner.worker.lock import holder, try_lock
from cleaner.worker.streams import as_client, text_stream

CHECK_EVERY = 10.0
"""Seconds between checks, while idle, that the code and rules on disk still match the key."""
HEARTBEAT_EVERY = 2.0
ADMIT_TIMEOUT = 5.0
"""Seconds a client has to send its request after connecting."""
SEND_TIMEOUT = 300.0
"""A client that reads nothing for this long is dropped (its run's remaining output is discarded)."""
LOCK_WAIT = 0.5
"""A client probing the lock holds it for microseconds; a starting worker waits this long for it."""
REPLACE_WAIT = 10.0
"""How long a replacement waits for the stale worker it replaces to let go of the lock."""

Run = Callable[[list[str]], int]
"""Run the CLI on argv and return the exit code (``cleaner.cli.main``)."""


class _Stop(BaseException):
    """SIGTERM or SIGINT: stop serving (a BaseException, so no ``except Exception`` in a run swallows it)."""


@dataclass
class _Job:
    conn: socket.socket
    request: dict[str, Any]


@dataclass
class _State:
    key: str
    idle_timeout: float
    started: float = field(default_factory=time.time)
    served: int = 0
    last_active: float = field(default_factory=time.monotonic)
    busy: threading.Lock = field(default_factory=threading.Lock)
    jobs: queue.Queue[_Job | None] = field(default_factory=queue.Queue)
    closing: threading.Event = field(default_factory=threading.Event)


def serve(
    idle_timeout: float,
    detached: bool = False,
    wait_for_lock: bool = False,
    run: Run | None = None,
    key: str | None = None,
) -> int:
    """Serve this installation's worker socket until idle, stale, stopped or signalled; the exit code.

    ``key``: :func:`keys.current_key` taken before this process imported cleaner's modules (the
    front door and the detached boot do), so code changed while it started can only make it stale.
    """
    place = keys.place()
    if len(os.fsencode(place.socket)) > keys.SOCKET_MAX:
        _say(f"error: the worker's socket path is too long ({place.socket}); set CLEANER_CACHE_DIR to a shorter folder")
        return 2
    try:
        keys.make_private_folder(place.folder)
    except OSError as exc:
        _say(f"error: {place.folder}: {exc}")
        return 2
    lock = try_lock(place.lock, REPLACE_WAIT if wait_for_lock else LOCK_WAIT)
    if lock is None:
        if not detached:
            _say(f"error: a worker already serves this installation (pid {holder(place.lock)}); cleaner serve --stop")
        return 0 if detached else 2
    with lock:
        if detached:
            _detach(place.log)
        return _serve_locked(place, idle_timeout, run, key or keys.current_key())


def _serve_locked(place: keys.Place, idle_timeout: float, run: Run | None, key: str) -> int:
    if run is None:
        from cleaner.cli import main as run_cli

        run = run_cli
    from cleaner.checks.rules import keep_checkers_loaded

    keep_checkers_loaded()
    _warm_up(run)
    if keys.current_key() != key:
        _say("the code or rules changed while the worker started; exiting")
        return 0
    state = _State(key, idle_timeout)
    previous = {s: signal.signal(s, _on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        listener = _listen(place.socket)
    except OSError as exc:
        _say(f"error: cannot listen on {place.socket}: {exc.strerror or exc}")
        return 2
    bound = Path(place.socket).stat().st_ino
    acceptor = threading.Thread(target=_accept_loop, args=(listener, state), name="accept", daemon=True)
    acceptor.start()
    _say(f"cleaner worker {os.getpid()} listening on {place.socket} (idle timeout {idle_timeout:g} s)")
    reason = "stopped"
    try:
        reason = _main_loop(state, run)
    except _Stop:
        reason = "signalled"
    finally:
        state.closing.set()
        listener.close()
        with contextlib.suppress(OSError):
            if Path(place.socket).stat().st_ino == bound:
                Path(place.socket).unlink()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    _say(f"cleaner worker {os.getpid()} exiting: {reason} after {state.served} requests")
    return 0


def _main_loop(state: _State, run: Run) -> str:
    while True:
        idle_for = time.monotonic() - state.last_active
        if idle_for >= state.idle_timeout:
            return "idle timeout"
        try:
            job = state.jobs.get(timeout=min(CHECK_EVERY, state.idle_timeout - idle_for))
        except queue.Empty:
            if keys.current_key() != state.key:
                return "code or rules changed"
            continue
        if job is None:
            return "stopped"
        try:
            _run_job(job, run)
        finally:
            state.served += 1
            state.last_active = time.monotonic()
            state.busy.release()


def _listen(path: str) -> socket.socket:
    Path(path).unlink(missing_ok=True)  # we hold the lock: a socket file left here is a dead worker's
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o177)
    try:
        listener.bind(path)
    finally:
        os.umask(old)
    listener.listen(16)
    listener.settimeout(1.0)
    return listener


def _accept_loop(listener: socket.socket, state: _State) -> None:
    while not state.closing.is_set():
        try:
            conn, _ = listener.accept()
        except TimeoutError:
            continue
        except OSError:
            if state.closing.is_set():
                return
            continue
        try:
            _admit(conn, state)
        except Exception:  # a broken client must not stop the acceptor
            conn.close()


def _admit(conn: socket.socket, state: _State) -> None:
    """Answer status and stop at once; hand a run to the main thread, or refuse it with the reason."""
    conn.settimeout(ADMIT_TIMEOUT)
    if not _same_user(conn):
        conn.close()
        return
    request = protocol.receive_json(conn)
    op = request.get("op")
    if op == "status":
        _reply(
            conn,
            status="ok",
            pid=os.getpid(),
            key=state.key,
            idle_timeout=state.idle_timeout,
            started=state.started,
            served=state.served,
            busy=state.busy.locked(),
            idle=round(time.monotonic() - state.last_active, 1),
        )
    elif op == "stop":
        _reply(conn, status="stopping", pid=os.getpid())
        state.jobs.put(None)
    elif op != "run" or request.get("protocol") != protocol.VERSION:
        _reply(conn, status="refused", reason="protocol")
    elif request.get("key") != state.key:
        stale = keys.current_key() != state.key
        _reply(conn, status="refused", reason="stale" if stale else "key")
        if stale:
            state.jobs.put(None)
    elif request.get("interpreter") != interpreter():
        _reply(conn, status="refused", reason="interpreter")
    elif not state.busy.acquire(blocking=False):
        _reply(conn, status="refused", reason="busy")
    else:
        protocol.send_json(conn, {"status": "accepted"})
        state.jobs.put(_Job(conn, request))


def _reply(conn: socket.socket, **message: Any) -> None:
    with conn:
        protocol.send_json(conn, message)


def _same_user(conn: socket.socket) -> bool:
    """The peer runs as this user (Linux tells; elsewhere the 0700 folder is the guard)."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return True
    import struct

    creds = conn.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", creds)
    return bool(uid == os.getuid())


def _run_job(job: _Job, run: Run) -> None:
    """Run one accepted request with the client's state, streaming its output, then send the exit code."""
    conn = job.conn
    conn.settimeout(SEND_TIMEOUT)
    send_lock = threading.Lock()
    gone = threading.Event()

    def send(kind: bytes, payload: bytes = b"") -> None:
        if gone.is_set():
            return
        try:
            with send_lock:
                protocol.send(conn, kind, payload)
        except OSError:
            gone.set()

    done = threading.Event()
    beat = threading.Thread(target=_heartbeat, args=(send, done), name="heartbeat", daemon=True)
    streams = job.request["streams"]
    stdout = text_stream(protocol.STDOUT, send, streams["stdout"], stderr=False)
    stderr = text_stream(protocol.STDERR, send, streams["stderr"], stderr=True)
    with conn, contextlib.ExitStack() as stack:
        try:
            stack.enter_context(as_client(job.request, stdout, stderr))
        except (OSError, KeyError, TypeError, ValueError):
            return  # the client sees the connection close with nothing written, and runs in its own process
        beat.start()
        try:
            code = _run_cli(run, with_serial_jobs([str(a) for a in job.request["argv"]]))
        finally:
            done.set()
            stack.close()
        beat.join()
        send(protocol.EXIT, json.dumps({"code": code}).encode())


def _run_cli(run: Run, argv: list[str]) -> int:
    """The exit code the client's own process would have ended with."""
    try:
        return int(run(argv))
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            return int(exc.code or 0)
        print(exc.code, file=sys.stderr)
        return 1
    except _Stop:
        raise
    except BaseException:
        traceback.print_exc()
        return 1


def _heartbeat(send: Callable[[bytes], None], done: threading.Event) -> None:
    while not done.wait(HEARTBEAT_EVERY):
        send(protocol.HEARTBEAT)


def _warm_up(run: Run) -> None:
    """Import and load what a lint or fix needs (rules, tables, syllable dictionary) before the first client."""
    for module in ("cleaner.commands.fix", "cleaner.checks.languagetool.checker"):
        with contextlib.suppress(ImportError):
            __import__(module)
    with tempfile.TemporaryDirectory(prefix="cleaner-warm-") as folder:
        names = []
        for name, text in (
            ("warm.txt", "The council met on Tuesday. It approved the budget.\n"),
            ("warm.md", "# Council\n\nThe council met on *Tuesday*.\n"),
            ("warm.html", "<p>The council met on Tuesday.</p>\n"),
        ):
            path = Path(folder) / name
            path.write_text(text, encoding="utf-8")
            names.append(str(path))
        sink: IO[str] = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115 - closed below
        with sink, contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            _run_cli(run, ["lint", *names, "--no-languagetool", "--fluency", "off", "--jobs", "1"])


def _detach(log: str) -> None:
    """Standard streams to the log file (stdin from /dev/null), so nothing ties the worker to a terminal."""
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    os.close(null)


def _on_signal(signum: int, frame: object) -> None:
    raise _Stop(signal.Signals(signum).name)


def _say(message: str) -> None:
    print(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {message}", file=sys.stderr, flush=True)
