"""The wire format between the front door and the worker: typed, length-prefixed frames.

A frame is one kind byte, a 4-byte big-endian length and the payload.  The
client sends one JSON request; the worker answers with a JSON verdict
(accepted, or refused and why), then while the command runs the bytes it
writes to stdout and stderr, in the order it wrote them, heartbeats so a
silent worker can be told from a dead one, and finally the exit code.
Stdlib only: the client side runs before the CLI is imported.
"""

from __future__ import annotations

import json
import struct

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs the front door 10 ms

if TYPE_CHECKING:
    import socket
    from typing import Any

VERSION = 1
"""Bumped whenever a frame or field changes meaning; the key covers the code, this the handshake."""

JSON = b"J"
STDOUT = b"O"
STDERR = b"E"
HEARTBEAT = b"H"
EXIT = b"X"
KINDS = frozenset({JSON, STDOUT, STDERR, HEARTBEAT, EXIT})

MAX_FRAME = 256 * 1024 * 1024
"""Refuse frames larger than this (a corrupt length would otherwise ask for gigabytes)."""
_HEADER = struct.Struct(">cI")


class ProtocolError(Exception):
    """The peer closed early or sent something that is not a frame of this protocol."""


def send(sock: socket.socket, kind: bytes, payload: bytes = b"") -> None:
    """Write one frame."""
    sock.sendall(_HEADER.pack(kind, len(payload)) + payload)


def send_json(sock: socket.socket, message: dict[str, Any]) -> None:
    send(sock, JSON, json.dumps(message, separators=(",", ":")).encode("utf-8"))


def receive(sock: socket.socket) -> tuple[bytes, bytes]:
    """Read one frame: (kind, payload).  Socket timeouts propagate as :class:`TimeoutError`."""
    kind, length = _HEADER.unpack(_exactly(sock, _HEADER.size))
    if kind not in KINDS or length > MAX_FRAME:
        raise ProtocolError(f"not a worker frame (kind {kind!r}, {length} bytes)")
    return kind, _exactly(sock, length)


def receive_json(sock: socket.socket) -> dict[str, Any]:
    """Read one frame that must be a JSON object."""
    kind, payload = receive(sock)
    if kind != JSON:
        raise ProtocolError(f"expected a JSON frame, got {kind!r}")
    return decode(payload)


def decode(payload: bytes) -> dict[str, Any]:
    try:
        message = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ProtocolError(f"unreadable JSON frame: {exc}") from None
    if not isinstance(message, dict):
        raise ProtocolError("a JSON frame must hold an object")
    return message


def _exactly(sock: socket.socket, size: int) -> bytes:
    chunks: list[bytes] = []
    left = size
    while left:
        chunk = sock.recv(min(left, 1 << 20))
        if not chunk:
            raise ProtocolError("the connection closed" + (" mid-frame" if chunks else ""))
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
