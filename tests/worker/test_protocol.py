"""Frames over a real socket pair: round trips, and every way a peer can break them."""

from __future__ import annotations

import socket
import struct
import threading

import pytest

from cleaner.worker import protocol


@pytest.fixture
def pair() -> tuple[socket.socket, socket.socket]:
    a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    a.settimeout(5)
    b.settimeout(5)
    return a, b


def test_frames_round_trip_in_order(pair: tuple[socket.socket, socket.socket]) -> None:
    a, b = pair

    def write() -> None:
        protocol.send_json(a, {"op": "run", "argv": ["lint", "é.md"]})
        protocol.send(a, protocol.STDOUT, b"\xff\x00 bytes stay bytes")
        protocol.send(a, protocol.HEARTBEAT)
        protocol.send(a, protocol.STDERR, b"x" * 3_000_000)  # more than the socket buffers: read while written

    writer = threading.Thread(target=write)
    writer.start()
    assert protocol.receive_json(b) == {"op": "run", "argv": ["lint", "é.md"]}
    assert protocol.receive(b) == (protocol.STDOUT, b"\xff\x00 bytes stay bytes")
    assert protocol.receive(b) == (protocol.HEARTBEAT, b"")
    kind, payload = protocol.receive(b)
    assert kind == protocol.STDERR and len(payload) == 3_000_000
    writer.join()


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"Z" + struct.pack(">I", 0), "not a worker frame"),
        (b"J" + struct.pack(">I", protocol.MAX_FRAME + 1), "not a worker frame"),
        (b"J" + struct.pack(">I", 10) + b"abc", "closed"),
        (b"J", "closed"),
        (b"", "closed"),
    ],
)
def test_broken_frames_are_protocol_errors(pair: tuple[socket.socket, socket.socket], raw: bytes, problem: str) -> None:
    a, b = pair
    a.sendall(raw)
    a.close()
    with pytest.raises(protocol.ProtocolError, match=problem):
        protocol.receive(b)


@pytest.mark.parametrize("payload", [b"\xff", b"[1, 2]", b"{not json"])
def test_a_json_frame_must_hold_an_object(pair: tuple[socket.socket, socket.socket], payload: bytes) -> None:
    a, b = pair
    protocol.send(a, protocol.JSON, payload)
    with pytest.raises(protocol.ProtocolError):
        protocol.receive_json(b)


def test_a_json_frame_is_expected_where_one_is(pair: tuple[socket.socket, socket.socket]) -> None:
    a, b = pair
    protocol.send(a, protocol.STDOUT, b"{}")
    with pytest.raises(protocol.ProtocolError, match="expected a JSON frame"):
        protocol.receive_json(b)


def test_a_silent_peer_times_out(pair: tuple[socket.socket, socket.socket]) -> None:
    _a, b = pair
    b.settimeout(0.05)
    with pytest.raises(TimeoutError):
        protocol.receive(b)
