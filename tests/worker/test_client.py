"""The front door: which runs it hands to a worker, what it sends, and that every failure falls back."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from cleaner.worker import client, keys, protocol


@pytest.mark.parametrize(
    ("args", "env", "mode"),
    [
        (["lint", "a.md"], {}, "auto"),
        (["lint", "a.md", "--worker", "spawn"], {}, "spawn"),
        (["lint", "--worker=spawn", "a.md"], {}, "spawn"),
        (["lint", "a.md", "--worker", "spawn"], {"CLEANER_WORKER": "off"}, "off"),
        (["lint", "a.md", "--worker", "spawn", "--worker", "off"], {}, "off"),  # the hook entry's spawn, switched off
        (["lint", "a.md", "--worker", "spawn", "--worker", "auto"], {}, "auto"),  # the last one wins
        (["lint", "a.md"], {"CLEANER_WORKER": "Spawn"}, "spawn"),
        (["lint", "a.md", "--worker", "auto"], {"CLEANER_WORKER": "spawn"}, "auto"),
        (["lint", "a.md", "--worker", "spawn"], {"CI": "true"}, "auto"),  # no daemon left behind by a CI job
        (["lint", "a.md", "--worker", "spawn"], {"CI": "false"}, "spawn"),
        (["lint", "a.md", "--worker", "sometimes"], {}, "off"),  # the CLI reports the bad value
        (["lint", "a.md"], {"CLEANER_WORKER": "sometimes"}, "off"),
        (["lint", "--", "--worker", "spawn"], {}, "auto"),  # after --, a file name
    ],
)
def test_requested_mode(args: list[str], env: dict[str, str], mode: str) -> None:
    assert client.requested_mode(args, env) == mode


@pytest.mark.parametrize(
    ("args", "eligible"),
    [
        (["lint", "a.md"], True),
        (["fix", "a.md", "b.md"], True),
        (["lint", "-"], False),  # standard input stays with this process
        (["fix", "a.md", "-"], False),
        (["report", "a.md"], False),
        (["--version"], False),
        ([], False),
    ],
)
def test_only_lint_and_fix_without_stdin_are_handed_over(args: list[str], eligible: bool) -> None:
    assert client.eligible(args) is eligible


@pytest.mark.parametrize("columns", [None, "", "0", "93"])
def test_terminal_size_is_what_shutil_says(monkeypatch: pytest.MonkeyPatch, columns: str | None) -> None:
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.setenv("LINES", "41")
    assert client.terminal_size() == tuple(shutil.get_terminal_size())


def test_the_request_carries_what_the_run_depends_on(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    request = client.build_request(["lint", "a.md"], "k" * 64)
    assert request is not None
    assert request["cwd"] == str(tmp_path) and request["argv"] == ["lint", "a.md"] and request["key"] == "k" * 64
    assert request["env"]["NO_COLOR"] == "1"
    assert set(request["streams"]) == {"stdout", "stderr"}
    assert {"tty", "encoding", "errors"} <= set(request["streams"]["stdout"])
    assert request["interpreter"] == client.interpreter()
    json.dumps(request)  # goes over the wire as JSON


def test_a_stream_without_bytes_underneath_means_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert client.build_request(["lint", "a.md"], "k") is None


def _fake_worker(path: str, answer: bytes) -> threading.Thread:
    """A listener that reads one request and sends ``answer`` (raw bytes), then hangs up."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(1)

    def serve() -> None:
        with listener:
            conn, _ = listener.accept()
            with conn, contextlib.suppress(OSError):  # a client that left early
                conn.settimeout(5)
                protocol.receive_json(conn)
                conn.sendall(answer)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return thread


def _frame(kind: bytes, payload: bytes) -> bytes:
    import struct

    return kind + struct.pack(">I", len(payload)) + payload


ACCEPTED = _frame(protocol.JSON, b'{"status":"accepted"}')


@pytest.mark.parametrize(
    "answer",
    [
        b"",  # hangs up at once
        _frame(protocol.JSON, b'{"status":"refused","reason":"busy"}'),
        _frame(protocol.JSON, b'{"status":"refused","reason":"stale"}'),
        b"garbage that is no frame",
        ACCEPTED + _frame(protocol.STDOUT, b"half an answer\n"),  # dies before the exit code
        ACCEPTED + _frame(protocol.EXIT, b'{"no code": 1}'),
    ],
)
def test_every_failure_of_the_worker_means_in_process_with_nothing_written(
    monkeypatch: pytest.MonkeyPatch, capfdbinary: pytest.CaptureFixture[bytes], answer: bytes
) -> None:
    place = keys.place()
    keys.make_private_folder(place.folder)
    thread = _fake_worker(place.socket, answer)
    try:
        code, why = client.run_in_worker(["lint", "a.md"])
    finally:
        thread.join(10)
        Path(place.socket).unlink(missing_ok=True)
    assert code is None and why == (client.STALE if b"stale" in answer else client.UNUSABLE)
    assert capfdbinary.readouterr() == (b"", b"")


def test_the_answer_is_written_in_order_and_its_code_returned(capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    place = keys.place()
    keys.make_private_folder(place.folder)
    frames = [(protocol.STDERR, b"warning: one\n"), (protocol.STDOUT, b"a.md:1:1: x\n"), (protocol.HEARTBEAT, b"")]
    answer = ACCEPTED + b"".join(_frame(k, p) for k, p in frames) + _frame(protocol.EXIT, b'{"code": 1}')
    thread = _fake_worker(place.socket, answer)
    try:
        assert client.run_in_worker(["lint", "a.md"]) == (1, "")
    finally:
        thread.join(10)
        Path(place.socket).unlink(missing_ok=True)
    assert capfdbinary.readouterr() == (b"a.md:1:1: x\n", b"warning: one\n")


def test_no_folder_no_socket_means_in_process() -> None:
    assert not Path(keys.place().socket).exists()
    assert client.run_in_worker(["lint", "a.md"]) == (None, client.ABSENT)


def test_a_folder_open_to_others_is_not_trusted(tmp_path: Path) -> None:
    place = keys.place()
    keys.make_private_folder(place.folder)
    Path(place.folder).chmod(0o777)
    thread = _fake_worker(place.socket, ACCEPTED + _frame(protocol.EXIT, b'{"code": 0}'))
    try:
        assert client.run_in_worker(["lint", "a.md"]) == (None, client.ABSENT)
    finally:
        Path(place.folder).chmod(0o700)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as unblock:  # let the fake worker finish
            unblock.connect(place.socket)
            protocol.send_json(unblock, {})
        thread.join(10)
        Path(place.socket).unlink(missing_ok=True)


def test_the_front_door_imports_no_cli_before_it_knows(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from cleaner.worker import client\n"
        "heavy = [m for m in sys.modules if m.startswith(('cleaner.cli', 'cleaner.commands', 'click', 'pathlib',"
        " 'typing', 'dataclasses'))]\n"
        "print(heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "[]"


def test_ctrl_c_while_the_worker_runs_is_what_the_cli_says(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from cleaner.errors import ExitCode

    def interrupted(args: list[str]) -> tuple[int, str]:
        raise KeyboardInterrupt

    monkeypatch.setattr(client, "run_in_worker", interrupted)
    assert client.main(["lint", "a.md"]) == client.INTERRUPTED == ExitCode.INTERRUPTED
    assert capsys.readouterr().err == "\naborted\n"  # as tests/test_cli.py sees the in-process run say it


_QUICK = """
import atexit, sys, threading, time
from cleaner.worker.client import quick_exit
atexit.register(lambda: sys.stderr.write("exit handler ran\\n"))
if sys.argv[1] == "thread":
    threading.Thread(target=lambda: (time.sleep(0.5), sys.stdout.write("thread done\\n"))).start()
sys.stdout.write("x" * 200_000)  # more than a pipe holds: still buffered here when quick_exit flushes
quick_exit(5)
"""


@pytest.mark.parametrize("case", ["alone", "thread"])
def test_quick_exit_flushes_runs_the_exit_handlers_and_keeps_the_code(case: str) -> None:
    """With no other thread the process ends at once; with one it exits normally, after the thread."""
    done = subprocess.run([sys.executable, "-c", _QUICK, case], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 5
    assert done.stdout.startswith("x" * 200_000)
    assert done.stdout.endswith("thread done\n") == (case == "thread")
    assert done.stderr == "exit handler ran\n"


def test_the_console_entry_point_exits_with_the_commands_code(tmp_path: Path) -> None:
    sample = Path(__file__).resolve().parents[2] / "seeds" / "000_9274cd7fb5159084.txt"
    args = ["lint", "--worker", "off", "--no-languagetool", "--fluency", "off", "--format", "json", str(sample)]
    done = subprocess.run(
        [sys.executable, "-m", "cleaner", *args], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 1  # major findings
    assert "TRADE_PRICING_TALKS" in {f["rule_id"] for f in json.loads(done.stdout)["files"][0]["findings"]}
    missing = [sys.executable, "-m", "cleaner", "lint", "--worker", "off", str(tmp_path / "gone.txt")]
    gone = subprocess.run(missing, capture_output=True, text=True, timeout=120, check=False)
    assert gone.returncode == 2 and "gone.txt" in gone.stderr
