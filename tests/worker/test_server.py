"""The real worker (``cleaner serve`` subprocess) answers lint and fix exactly as the in-process run does.

Every comparison runs the real front door twice, once with the worker and
once with ``CLEANER_WORKER=off``, and compares exit code, stdout and stderr
byte for byte; the worker's request count proves which one answered.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from cleaner.worker import keys, protocol
from tests.support.article_kit import RULES
from tests.support.worker_kit import (
    ENGINES,
    Worker,
    cleaner,
    copy_package,
    env_for,
    place_for,
    start_worker,
    wait_until_gone,
)

pytestmark = pytest.mark.slow

GARBLED = "# Talks\n\nChina and the US accepted more pricing talks.\n\nThe Chinese chief will conclude an agreement.\n"
CLEAN = "# Council\n\nThe council met on Tuesday and approved the budget.\n"


def _same_with_and_without(worker: Worker, args: list[str], cwd: Path) -> tuple[int, bytes]:
    before = worker.served()
    served = cleaner(args, cwd, worker.env)
    assert worker.served() == before + 1, served.err.decode()
    alone = cleaner(args, cwd, worker.env, worker="off")
    assert (served.code, served.out, served.err) == (alone.code, alone.out, alone.err)
    return served.code, served.out


@pytest.mark.parametrize(("text", "code"), [(GARBLED, 1), (CLEAN, 0)])
def test_lint_through_the_worker_is_the_in_process_lint(
    repo_worker: Worker, tmp_path: Path, text: str, code: int
) -> None:
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    got, out = _same_with_and_without(repo_worker, ["lint", "a.md", *ENGINES], tmp_path)
    assert got == code
    assert b"a.md:3:" in out if code else b"0 findings" in out  # relative paths, from the client's folder


def test_json_and_statistics_outputs_match(repo_worker: Worker, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GARBLED, encoding="utf-8")
    _, out = _same_with_and_without(repo_worker, ["lint", "a.txt", "--format", "json", *ENGINES], tmp_path)
    assert b'"rule_id"' in out
    _same_with_and_without(repo_worker, ["lint", "a.txt", "--statistics", *ENGINES], tmp_path)


def test_usage_errors_match(repo_worker: Worker, tmp_path: Path) -> None:
    code, _ = _same_with_and_without(repo_worker, ["lint", "missing.md", "--fail-on"], tmp_path)
    assert code == 2


def test_configuration_is_read_per_request(repo_worker: Worker, tmp_path: Path) -> None:
    """An edited .cleaner.toml counts from the next run: the worker keeps no configuration."""
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "a.md").write_text(GARBLED, encoding="utf-8")
    rules = tmp_path / "style"
    rules.mkdir()
    (rules / "rules.yaml").write_text(RULES, encoding="utf-8")
    config = desk / ".cleaner.toml"
    config.write_text(f'rules = ["{rules}"]\nbuiltin-rules = false\n', encoding="utf-8")
    code, out = _same_with_and_without(repo_worker, ["lint", "desk/a.md", *ENGINES], tmp_path)
    assert code == 1 and b"T_PRICING_TALKS" in out and b"T_CHINESE_CHIEF" in out
    config.write_text(f'rules = ["{rules}"]\nbuiltin-rules = false\ndisable = ["T_PRICING_TALKS"]\n', encoding="utf-8")
    code, out = _same_with_and_without(repo_worker, ["lint", "desk/a.md", *ENGINES], tmp_path)
    assert b"T_PRICING_TALKS" not in out and b"T_CHINESE_CHIEF" in out
    (rules / "rules.yaml").write_text(RULES.replace("Chinese chief", "Chinese boss"), encoding="utf-8")
    code, out = _same_with_and_without(repo_worker, ["lint", "desk/a.md", *ENGINES], tmp_path)
    assert b"T_CHINESE_CHIEF" not in out  # an edited rule file is loaded afresh


def test_fix_through_the_worker_writes_what_the_in_process_fix_writes(repo_worker: Worker, tmp_path: Path) -> None:
    served, alone = tmp_path / "served", tmp_path / "alone"
    for folder in (served, alone):
        folder.mkdir()
        (folder / "a.md").write_text(GARBLED, encoding="utf-8")
    before = repo_worker.served()
    by_worker = cleaner(["fix", "a.md", *ENGINES], served, repo_worker.env)
    assert repo_worker.served() == before + 1
    by_itself = cleaner(["fix", "a.md", *ENGINES], alone, repo_worker.env, worker="off")
    assert (by_worker.code, by_worker.out, by_worker.err) == (by_itself.code, by_itself.out, by_itself.err)
    fixed = (served / "a.md").read_text(encoding="utf-8")
    assert fixed == (alone / "a.md").read_text(encoding="utf-8") != GARBLED
    assert not [p.name for p in served.iterdir() if p.name != "a.md"]  # written atomically, no temp file left


def test_standard_input_runs_in_process(repo_worker: Worker, tmp_path: Path) -> None:
    before = repo_worker.served()
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "cleaner", "lint", "-", *ENGINES],
        input=GARBLED.encode(),
        cwd=tmp_path,
        env={**repo_worker.env, "CLEANER_WORKER": "auto"},
        capture_output=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 1 and b"pricing talks" in done.stdout
    assert repo_worker.served() == before


def test_worker_off_is_not_used(repo_worker: Worker, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(CLEAN, encoding="utf-8")
    before = repo_worker.served()
    assert cleaner(["lint", "a.md", "--worker", "off", *ENGINES], tmp_path, repo_worker.env).code == 0
    assert repo_worker.served() == before


def test_a_wrong_key_is_refused_without_stopping_a_current_worker(repo_worker: Worker) -> None:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(10)
        sock.connect(repo_worker.place.socket)
        protocol.send_json(sock, {"op": "run", "protocol": protocol.VERSION, "key": "0" * 64, "argv": ["lint"]})
        assert protocol.receive_json(sock) == {"status": "refused", "reason": "key"}
    assert repo_worker.status() is not None


def test_a_stale_worker_refuses_and_exits_and_the_client_runs_in_process(
    tmp_path: Path, cache: Path, workers: list[Worker]
) -> None:
    """Once a file of the package changes, the worker never answers again: the run falls back."""
    root = copy_package(tmp_path / "pkg", RULES)
    worker = start_worker(cache, tmp_path, root)
    workers.append(worker)
    (tmp_path / "a.md").write_text(GARBLED, encoding="utf-8")
    env = env_for(cache, root)
    status = worker.status()
    assert status is not None and status["key"] == keys.current_key(str(root / "cleaner"))
    first = cleaner(["lint", "a.md", *ENGINES], tmp_path, env)
    assert first.code == 1 and worker.served() == 1
    with (root / "cleaner" / "errors.py").open("a", encoding="utf-8") as fh:
        fh.write("\n# an edit\n")
    after = cleaner(["lint", "a.md", *ENGINES], tmp_path, env)
    assert (after.code, after.out) == (first.code, first.out)
    assert wait_until_gone(worker.place)
    assert worker.process.wait(timeout=30) == 0


def test_a_dead_socket_file_falls_back(tmp_path: Path, cache: Path) -> None:
    place = place_for(cache)
    keys.make_private_folder(place.folder)
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(place.socket)
    dead.close()  # the file stays; nobody listens
    (tmp_path / "a.md").write_text(GARBLED, encoding="utf-8")
    env = env_for(cache)
    served = cleaner(["lint", "a.md", *ENGINES], tmp_path, env)
    alone = cleaner(["lint", "a.md", *ENGINES], tmp_path, env, worker="off")
    assert (served.code, served.out, served.err) == (alone.code, alone.out, alone.err)
    assert served.code == 1


def test_an_idle_worker_exits(tmp_path: Path, cache: Path, workers: list[Worker]) -> None:
    root = copy_package(tmp_path / "pkg", RULES)
    worker = start_worker(cache, tmp_path, root, ["--idle-timeout", "1"])
    workers.append(worker)
    assert wait_until_gone(worker.place)
    assert worker.process.wait(timeout=30) == 0
    assert "idle timeout" in worker.log.read_text(encoding="utf-8")
    assert not Path(worker.place.socket).exists()


def test_one_worker_per_installation(tmp_path: Path, cache: Path, workers: list[Worker]) -> None:
    import subprocess
    import sys

    root = copy_package(tmp_path / "pkg", RULES)
    workers.append(start_worker(cache, tmp_path, root))
    second = subprocess.run(
        [sys.executable, "-m", "cleaner", "serve"],
        cwd=tmp_path,  # not this checkout: python -m would import its package ahead of PYTHONPATH
        env=env_for(cache, root),
        capture_output=True,
        timeout=120,
    )
    assert second.returncode == 2
    assert b"a worker already serves this installation" in second.stderr


def _ask(worker: Worker, message: dict[str, object]) -> dict[str, object]:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(10)
        sock.connect(worker.place.socket)
        protocol.send_json(sock, message)
        return protocol.receive_json(sock)


def test_another_protocol_or_interpreter_is_refused(repo_worker: Worker, tmp_path: Path) -> None:
    from cleaner.worker import client

    request = client.build_request(["lint", "a.md"], keys.current_key())
    assert request is not None
    assert _ask(repo_worker, {**request, "protocol": protocol.VERSION + 1}) == {
        "status": "refused",
        "reason": "protocol",
    }
    odd = {**request["interpreter"], "preferred": "koi8-r"}
    assert _ask(repo_worker, {**request, "interpreter": odd}) == {"status": "refused", "reason": "interpreter"}


@pytest.mark.parametrize(
    ("raised", "code", "said"),
    [
        (SystemExit(None), 0, ""),
        (SystemExit(3), 3, ""),
        (SystemExit("bye"), 1, "bye\n"),
        (ValueError("x"), 1, "ValueError: x"),
    ],
)
def test_a_run_that_raises_ends_as_the_process_would(
    raised: BaseException, code: int, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from cleaner.worker.server import _run_cli

    def run(argv: list[str]) -> int:
        raise raised

    assert _run_cli(run, ["lint"]) == code
    assert said in capsys.readouterr().err
