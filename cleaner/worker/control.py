"""Ask this installation's worker for its status, or to stop (``cleaner serve --status`` / ``--stop``)."""

from __future__ import annotations

import socket
import time
from typing import Any

from cleaner.worker import keys, protocol
from cleaner.worker.lock import lock_is_held

TIMEOUT = 5.0


def ask(place: keys.Place, op: str) -> dict[str, Any] | None:
    """The worker's answer to ``op`` (status or stop), or None when no worker answers."""
    if not keys.private_folder(place.folder):
        return None
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(TIMEOUT)
            sock.connect(place.socket)
            protocol.send_json(sock, {"op": op, "protocol": protocol.VERSION})
            return protocol.receive_json(sock)
    except (OSError, protocol.ProtocolError):
        return None


def stop(place: keys.Place, wait: float = 30.0) -> int | None:
    """Stop the worker and wait until it has let go of its lock; its pid, or None when none was running.

    A worker busy with a run finishes it first.
    """
    answer = ask(place, "stop")
    if answer is None:
        return None
    deadline = time.monotonic() + wait
    while lock_is_held(place.lock) and time.monotonic() < deadline:
        time.sleep(0.05)
    pid = answer.get("pid")
    return int(pid) if isinstance(pid, int) else 0


def wait_until_up(place: keys.Place, alive: Any, wait: float) -> dict[str, Any] | None:
    """Poll until the worker answers a status request; None if ``alive()`` turns false or time runs out."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        answer = ask(place, "status")
        if answer is not None:
            return answer
        if not alive():
            return None
        time.sleep(0.1)
    return None
