"""The front door: hand ``lint`` and ``fix`` to a running worker, else run the CLI in this process.

Why: a one-file lint spends most of its second in imports and loading
compiled rules, which a resident worker (``cleaner serve``) has done once.
This module imports only the standard library, so trying the worker costs a
few milliseconds; any failure (no socket, refused, stale key, busy, timeout,
protocol error) falls back silently to the in-process run, which is always
what the worker would have done.  ``--worker auto|off|spawn`` or
``CLEANER_WORKER`` choose; *off* from either wins.  *spawn* also starts a
detached worker for next time when none answers (not under ``CI``).
"""

from __future__ import annotations

import os
import sys

from cleaner.worker import keys, protocol

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs the front door 10 ms

if TYPE_CHECKING:
    from typing import Any, BinaryIO

ENV = "CLEANER_WORKER"
MODES = ("auto", "off", "spawn")
COMMANDS = frozenset({"lint", "fix"})
"""The commands a worker runs (the pre-commit hooks' two entries)."""

INTERRUPTED = 130
"""cleaner.errors.ExitCode.INTERRUPTED (that module is not imported here)."""
CONNECT_TIMEOUT = 0.5
VERDICT_TIMEOUT = 5.0
"""Seconds an idle worker may take to accept or refuse a request."""
SILENCE_TIMEOUT = 60.0
"""Seconds without any frame (the worker sends a heartbeat every few) before the worker counts as hung."""


START_KEY: str | None = None
"""For ``cleaner serve``: the key of the files on disk before the CLI's modules were imported."""


def main(argv: list[str] | None = None) -> int:
    """The ``cleaner`` entry point: the worker's answer when one gives it, else the CLI's."""
    global START_KEY
    args = sys.argv[1:] if argv is None else list(argv)
    if args[:1] == ["serve"]:
        START_KEY = keys.current_key()
    mode = requested_mode(args, os.environ)
    missing = ""
    if mode != "off" and eligible(args):
        try:
            code, missing = run_in_worker(args)
        except KeyboardInterrupt:  # what the CLI prints for Ctrl-C in a command (the worker's run still finishes)
            sys.stderr.write("\naborted\n")
            return INTERRUPTED
        if code is not None:
            return code
    from cleaner.cli import main as cli_main

    code = cli_main(argv)
    if mode == "spawn" and missing in (ABSENT, STALE):
        # after the run, not before: the new worker's warm-up then finds the rules this run compiled,
        # and does not compete with it for the cores
        _spawn(keys.place(), replacing=missing == STALE)
    return code


def run() -> None:
    """The ``cleaner`` console script and ``python -m cleaner``: :func:`main`, then :func:`quick_exit`."""
    quick_exit(main())


def quick_exit(code: int) -> None:
    """End the process with ``code``, without freeing every object first when that is safe.

    Why: at a normal exit Python frees everything a run built (compiled rules,
    word tables, caches of 65,536 words), which took 0.15–0.3 s: a quarter of a
    one-article lint, and time in which a ``--jobs`` run uses one core.  When no
    other thread is alive, the exit handlers are run and the output flushed
    here, and the process ends at once (as mypy does).  Otherwise (a thread
    might still be writing) it exits normally.
    """
    import atexit
    import contextlib

    threading = sys.modules.get("threading")  # never imported: no other thread
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    if (threading is None or threading.active_count() == 1) and run_exit_handlers is not None:
        run_exit_handlers()
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):  # a closed pipe (``| head``): unread output is lost anyway
                stream.flush()
        os._exit(code)
    raise SystemExit(code)


def requested_mode(args: list[str], env: dict[str, str] | os._Environ[str]) -> str:
    """auto, off or spawn, from ``--worker`` and ``CLEANER_WORKER``.

    *off* from either wins (a hook's ``--worker spawn`` entry can be switched
    off in the environment); else the last ``--worker``, else the variable,
    else auto.  A value the CLI would reject means off, so the CLI says why.
    Under ``CI`` spawn means auto: a CI job must not leave a daemon behind.
    """
    given = worker_options(args)
    from_env = env.get(ENV, "").strip().lower() or None
    if "off" in (*given, from_env):
        return "off"
    mode = given[-1] if given else from_env or "auto"
    if mode not in MODES:
        return "off"
    if mode == "spawn" and env.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        return "auto"
    return mode


def worker_options(args: list[str]) -> list[str]:
    """The values of every ``--worker X`` / ``--worker=X`` before any ``--``, in order."""
    found: list[str] = []
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--worker" and index + 1 < len(args):
            found.append(args[index + 1].strip().lower())
        elif arg.startswith("--worker="):
            found.append(arg.split("=", 1)[1].strip().lower())
    return found


def eligible(args: list[str]) -> bool:
    """``lint`` or ``fix``, not reading standard input (which belongs to this process)."""
    return bool(args) and args[0] in COMMANDS and "-" not in args[1:]


ABSENT = "absent"
"""No worker answered: *spawn* starts one."""
STALE = "stale"
"""The worker refused a newer key and is exiting: *spawn* starts its replacement."""
UNUSABLE = "unusable"
"""No worker can serve this run (no socket support, no place, a busy worker, a failure mid-run)."""


def run_in_worker(args: list[str]) -> tuple[int | None, str]:
    """(the worker's exit code, "") with its output written here; or (None, why) when this process must run it."""
    place = keys.place()
    if len(os.fsencode(place.socket)) > keys.SOCKET_MAX or not socket_support():
        return None, UNUSABLE
    request = build_request(args, keys.current_key())
    if request is None:
        return None, UNUSABLE
    import socket

    try:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    except OSError:
        return None, UNUSABLE
    with sock:
        try:
            if not keys.private_folder(place.folder):
                raise ConnectionRefusedError(place.folder)
            sock.settimeout(CONNECT_TIMEOUT)
            sock.connect(place.socket)
        except OSError:
            return None, ABSENT
        return _converse(sock, request)


def socket_support() -> bool:
    """Unix sockets, file modes and user ids, as the worker needs them (not on Windows)."""
    import socket

    return os.name == "posix" and hasattr(socket, "AF_UNIX")


def build_request(args: list[str], key: str) -> dict[str, Any] | None:
    """Everything the worker needs to reproduce this process's run, or None when it can't."""
    try:
        cwd = os.getcwd()
        streams = {name: _stream(name) for name in ("stdout", "stderr")}
    except (OSError, AttributeError, ValueError):
        return None
    umask = os.umask(0o022)
    os.umask(umask)
    return {
        "op": "run",
        "protocol": protocol.VERSION,
        "key": key,
        "argv": args,
        "cwd": cwd,
        "env": dict(os.environ),
        "umask": umask,
        "streams": streams,
        "terminal": list(terminal_size()),
        "interpreter": interpreter(),
    }


def interpreter() -> dict[str, Any]:
    """What the interpreter decided at start-up from its environment, which a worker started elsewhere must share.

    The default text encoding of files, the file-system encoding, ``-X``/``PYTHON*`` flags and warning
    options (``PYTHONWARNINGS=error`` changes a run).
    """
    import locale

    return {
        "preferred": locale.getpreferredencoding(False),
        "filesystem": sys.getfilesystemencoding(),
        "flags": list(sys.flags),
        "warnoptions": list(sys.warnoptions),
    }


def _stream(name: str) -> dict[str, Any]:
    stream = getattr(sys, name)
    stream.buffer  # noqa: B018 - the bytes go there; a stream without one (a test harness) runs in-process
    return {"tty": stream.isatty(), "encoding": stream.encoding, "errors": stream.errors}


def terminal_size() -> tuple[int, int]:
    """What :func:`shutil.get_terminal_size` says in this process (without importing shutil)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    try:
        lines = int(os.environ["LINES"])
    except (KeyError, ValueError):
        lines = 0
    if columns <= 0 or lines <= 0:
        try:
            size = os.get_terminal_size(sys.__stdout__.fileno())  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            size = os.terminal_size((80, 24))
        columns = columns if columns > 0 else size.columns or 80
        lines = lines if lines > 0 else size.lines or 24
    return columns, lines


def _converse(sock: Any, request: dict[str, Any]) -> tuple[int | None, str]:
    """Send the request, relay the output, return the exit code; None (nothing written) on any failure.

    When stdout or stderr is a terminal the output is relayed as it comes (a
    progress bar must move); otherwise it is held until the exit code
    arrives, so a worker that dies mid-run leaves nothing half-written and the
    fallback run starts clean.
    """
    live = request["streams"]["stdout"]["tty"] or request["streams"]["stderr"]["tty"]
    held: list[tuple[bytes, bytes]] = []
    wrote = False
    try:
        protocol.send_json(sock, request)
        sock.settimeout(VERDICT_TIMEOUT)
        verdict = protocol.receive_json(sock)
        if verdict.get("status") != "accepted":
            return None, STALE if verdict.get("reason") == "stale" else UNUSABLE
        sock.settimeout(SILENCE_TIMEOUT)
        while True:
            kind, payload = protocol.receive(sock)
            if kind in (protocol.STDOUT, protocol.STDERR):
                if live:
                    _write(kind, payload)
                    wrote = True
                else:
                    held.append((kind, payload))
            elif kind == protocol.EXIT:
                code = int(protocol.decode(payload)["code"])
                for chunk in held:
                    _write(*chunk)
                return code, ""
    except (OSError, protocol.ProtocolError, KeyError, TypeError, ValueError):
        if wrote:
            _write(protocol.STDERR, b"warning: the cleaner worker stopped mid-run; running again in this process\n")
        return None, UNUSABLE


def _write(kind: bytes, payload: bytes) -> None:
    stream = sys.stdout if kind == protocol.STDOUT else sys.stderr
    stream.flush()
    raw: BinaryIO = stream.buffer
    raw.write(payload)
    raw.flush()


def _spawn(place: keys.Place, *, replacing: bool) -> None:
    """Start a detached worker for the next run, never failing this one."""
    try:
        from cleaner.worker.spawn import spawn_detached

        spawn_detached(place, wait_for_lock=replacing)
    except Exception:  # a worker that can't start only costs the next run its speed
        return
