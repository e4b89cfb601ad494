"""Control requests with nobody listening answer None at once; a live worker's answers are tested in test_command."""

from __future__ import annotations

import socket
from pathlib import Path

from cleaner.worker import control, keys


def test_nobody_listening(tmp_path: Path) -> None:
    place = keys.place()
    assert control.ask(place, "status") is None and control.stop(place) is None
    keys.make_private_folder(place.folder)
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(place.socket)
    dead.close()
    assert control.ask(place, "status") is None
    assert control.wait_until_up(place, lambda: False, 60.0) is None  # gives up as soon as the process is gone
    Path(place.socket).unlink()
