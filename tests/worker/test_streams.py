"""A request runs with the client's folder, environment, umask, argv and streams, all put back afterwards."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import click
import pytest

from cleaner.worker import protocol
from cleaner.worker.streams import as_client, client_environ, text_stream


def _request(cwd: Path, env: dict[str, str], tty: bool = False) -> dict[str, object]:
    spec = {"tty": tty, "encoding": "utf-8", "errors": "strict"}
    return {
        "cwd": str(cwd),
        "env": env,
        "umask": 0o077,
        "argv": ["lint", "a.md"],
        "terminal": [132, 50],
        "streams": {"stdout": spec, "stderr": spec},
    }


def test_the_run_sees_the_client_and_the_worker_gets_itself_back(tmp_path: Path) -> None:
    frames: list[tuple[bytes, bytes]] = []

    def send(kind: bytes, payload: bytes) -> None:
        frames.append((kind, payload))

    out = text_stream(protocol.STDOUT, send, {"tty": False, "encoding": "utf-8", "errors": "strict"}, stderr=False)
    err = text_stream(protocol.STDERR, send, {"tty": True, "encoding": "latin-1", "errors": "replace"}, stderr=True)
    before = (Path.cwd(), dict(os.environ), sys.stdout, sys.argv)
    with as_client(_request(tmp_path, {"ONLY": "this", "PATH": os.environ.get("PATH", "")}), out, err):
        assert Path.cwd() == tmp_path
        assert os.environ["ONLY"] == "this" and "HOME" not in os.environ
        assert shutil.get_terminal_size() == (132, 50)
        assert sys.argv == ["cleaner", "lint", "a.md"]
        assert not sys.stdout.isatty() and sys.stderr.isatty()
        Path("new.txt").write_text("x", encoding="utf-8")
        click.echo("é on stdout")
        click.echo("é € on stderr", err=True)
        click.echo(click.style("red", fg="red"))  # not a terminal: click strips the colour, as for the client
    assert (Path.cwd(), dict(os.environ), sys.stdout, sys.argv) == before
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o600  # the client's umask
    assert frames == [
        (protocol.STDOUT, "é on stdout\n".encode()),
        (protocol.STDERR, b"\xe9 ? on stderr\n"),  # the client's encoding and error handler
        (protocol.STDOUT, b"red\n"),
    ]


def test_the_worker_is_restored_when_the_run_fails(tmp_path: Path) -> None:
    out = text_stream(protocol.STDOUT, lambda k, p: None, {}, stderr=False)
    before = (Path.cwd(), dict(os.environ))
    with pytest.raises(RuntimeError), as_client(_request(tmp_path, {}), out, out):
        raise RuntimeError("boom")
    assert (Path.cwd(), dict(os.environ)) == before


def test_a_missing_folder_fails_before_the_run_and_changes_nothing(tmp_path: Path) -> None:
    out = text_stream(protocol.STDOUT, lambda k, p: None, {}, stderr=False)
    before = (Path.cwd(), dict(os.environ), os.umask(0o022))
    os.umask(before[2])
    with pytest.raises(FileNotFoundError), as_client(_request(tmp_path / "gone", {}), out, out):
        pytest.fail("the run must not start")
    assert (Path.cwd(), dict(os.environ), os.umask(before[2])) == before


def test_the_clients_own_terminal_size_wins() -> None:
    request = {"env": {"COLUMNS": "70"}, "terminal": [132, 50]}
    assert client_environ(request) == {"COLUMNS": "70", "LINES": "50"}
