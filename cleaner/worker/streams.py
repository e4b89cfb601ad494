"""Run one request as the client's process would: its folder, environment, umask and standard streams.

The worker's stdout and stderr become text streams with the client's
encoding, error handler and buffering whose bytes go to the client as
frames, and which say they are terminals exactly when the client's are
(colour, progress bars and click's ANSI stripping ask).  The client's
terminal size is passed in ``COLUMNS``/``LINES`` unless it set them itself,
which is what :func:`shutil.get_terminal_size` would have found.  Python's
warning registry is reset per request, so a warning shown once per process
is shown once per run, as in the client.  Everything is put back afterwards.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

Send = Callable[[bytes, bytes], None]
"""Send one frame (kind, payload) to the client."""


class Sink(io.RawIOBase):
    """A write-only byte stream that sends each write to the client as one frame of ``kind``."""

    def __init__(self, kind: bytes, send: Send, tty: bool) -> None:
        super().__init__()
        self._kind = kind
        self._send = send
        self._tty = tty

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self._tty

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        if chunk:
            self._send(self._kind, chunk)
        return len(chunk)


def text_stream(kind: bytes, send: Send, spec: dict[str, Any], *, stderr: bool) -> io.TextIOWrapper:
    """A stream like the client's sys.stdout / sys.stderr (line-buffered on a terminal; stderr always)."""
    tty = bool(spec.get("tty"))
    return io.TextIOWrapper(
        io.BufferedWriter(Sink(kind, send, tty)),
        encoding=str(spec.get("encoding") or "utf-8"),
        errors=str(spec.get("errors") or "strict"),
        line_buffering=tty or stderr,
    )


@contextlib.contextmanager
def as_client(request: dict[str, Any], stdout: io.TextIOWrapper, stderr: io.TextIOWrapper) -> Iterator[None]:
    """The process state of the client for the duration of one run (the worker runs one at a time)."""
    saved_env = dict(os.environ)
    saved_cwd = Path.cwd()
    saved_streams = (sys.stdin, sys.stdout, sys.stderr)
    saved_argv = sys.argv
    saved_umask = os.umask(int(request["umask"]))
    try:
        os.chdir(str(request["cwd"]))
        _replace_environ(client_environ(request))
        sys.stdin = io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8")
        sys.stdout, sys.stderr = stdout, stderr
        sys.argv = ["cleaner", *request["argv"]]
        with warnings.catch_warnings():
            yield
    finally:
        for stream in (stdout, stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        sys.argv = saved_argv
        _replace_environ(saved_env)
        os.umask(saved_umask)
        os.chdir(saved_cwd)


def client_environ(request: dict[str, Any]) -> dict[str, str]:
    """The client's environment, with its terminal size spelled out where it left it to the terminal."""
    env = {str(k): str(v) for k, v in dict(request["env"]).items()}
    columns, lines = (int(n) for n in request["terminal"])
    env.setdefault("COLUMNS", str(columns))
    env.setdefault("LINES", str(lines))
    return env


def _replace_environ(env: dict[str, str]) -> None:
    for name in [n for n in os.environ if n not in env]:
        del os.environ[name]
    for name, value in env.items():
        if os.environ.get(name) != value:
            os.environ[name] = value
