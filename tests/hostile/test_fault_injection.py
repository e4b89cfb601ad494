"""Faults injected into real runs: ``kill -9`` during ``fix``, a LanguageTool server killed mid-run,
four cold clients at once, a squatted port.

The LanguageTool cases run the real server in a cache folder of their own
(``CLEANER_CACHE_DIR``), so the server other processes share is never touched;
each test stops what it started.
"""

from __future__ import annotations

import http.server
import json
import os
import re
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cleaner.files.leftovers import is_leftover
from tests.hostile.conftest import child_env, cleaner_command, run_cleaner
from tests.support.cmd_fixtures import ARTICLE, FIXED

# -- kill -9 during fix -----------------------------------------------------------------------


def _big_article(paragraphs: int) -> str:
    calm = "The minister said the trade talks would resume next week after a pause in the summer.\n"
    return "".join(ARTICLE if i % 500 == 0 else calm for i in range(paragraphs))


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_kill_9_during_fix_never_leaves_a_half_written_article(rules_file, tmp_path):
    original = _big_article(12_000)  # about 1.1 MB, two chunks
    path = tmp_path / "big.txt"
    expected = original.replace("pricing talks", "trade talks")
    args = ["fix", "--no-builtin-rules", "--rules", str(rules_file), "--no-languagetool", "--time-budget", "0"]
    started = time.monotonic()
    path.write_text(original, encoding="utf-8")
    full = run_cleaner(*args, str(path), timeout=300)
    whole_run = time.monotonic() - started
    assert full.code in (0, 1)
    assert path.read_text(encoding="utf-8") == expected
    outcomes = set()
    for fraction in (0.3, 0.7, 0.9, 0.95, 0.98, 0.995):
        path.write_text(original, encoding="utf-8")
        child = subprocess.Popen(
            cleaner_command(*args, str(path)), env=child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(whole_run * fraction)
        child.send_signal(signal.SIGKILL)
        child.wait(30)
        now = path.read_text(encoding="utf-8")
        assert now in (original, expected), f"half-written after a kill at {fraction:.0%} of the run"
        outcomes.add("fixed" if now == expected else "untouched")
        others = {p.name for p in tmp_path.iterdir()} - {"big.txt", "rules"}
        assert all(re.fullmatch(r"\.big\.txt\.cleaner-\d+-\w+\.tmp", name) for name in others), others
    assert "untouched" in outcomes
    path.write_text(original, encoding="utf-8")
    run_cleaner(*args, str(path), timeout=300)  # the next run sweeps whatever the kills left
    assert path.read_text(encoding="utf-8") == expected
    assert not [p for p in tmp_path.iterdir() if is_leftover(p)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.txt", "rules"]


def test_a_fix_killed_between_write_and_rename_is_cleaned_up_next_time(fix, tmp_path):
    """The exact crash window, made certain: the process dies after writing its temporary file."""
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    code = (
        "import os, cleaner.files as a\n"
        "from pathlib import Path\n"
        "def die(self, target): os.kill(os.getpid(), 9)\n"
        "Path.replace = die\n"
        f"a.write_atomic({str(path)!r}, b'half')\n"
    )
    done = subprocess.run([os.sys.executable, "-c", code], env=child_env(), capture_output=True, timeout=60)
    assert done.returncode == -signal.SIGKILL
    leftovers = [p for p in tmp_path.iterdir() if p.name not in ("a.txt", "rules")]
    assert len(leftovers) == 1 and is_leftover(leftovers[0])
    assert path.read_text(encoding="utf-8") == ARTICLE  # the article itself is whole
    answer = fix(str(path))
    assert "removed 1 temporary file(s) left by an interrupted fix" in answer.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "rules"]
    assert path.read_text(encoding="utf-8") == FIXED


# -- LanguageTool ------------------------------------------------------------------------------


@pytest.fixture
def private_lt(tmp_path) -> Iterator[tuple[dict[str, str], Path]]:
    """An environment whose LanguageTool state lives in a cache folder of this test only."""
    cache = tmp_path / "lt-cache"
    env = child_env({"CLEANER_CACHE_DIR": str(cache)})
    yield env, cache / "languagetool"
    subprocess.run(cleaner_command("languagetool", "stop"), env=env, capture_output=True, timeout=120, check=False)


def _state(state_dir: Path) -> dict[str, int]:
    return json.loads((state_dir / "server.json").read_text(encoding="utf-8"))


def _jvms(state_dir: Path) -> list[int]:
    from cleaner.checks.languagetool.server import our_jvms

    return our_jvms(state_dir)


def _supervisors_started(state_dir: Path) -> set[str]:
    log = (state_dir / "server.log").read_text(encoding="utf-8", errors="replace")
    return set(re.findall(r"\[cleaner supervisor (\d+)\]", log))


def _lt_article(path: Path, paragraphs: int) -> Path:
    lines = [f"On day {i} she dont like it, and they has gone home." for i in range(paragraphs)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.languagetool
@pytest.mark.slow
@pytest.mark.timeout(900)
def test_a_languagetool_server_killed_mid_run_is_restarted_and_noted_once(private_lt, tmp_path):
    env, state_dir = private_lt
    started = subprocess.run(
        cleaner_command("languagetool", "start"), env=env, capture_output=True, text=True, timeout=400, check=False
    )
    assert started.returncode == 0, started.stderr
    first = _state(state_dir)["pid"]
    article = _lt_article(tmp_path / "long.txt", 300)
    child = subprocess.Popen(
        cleaner_command("lint", "--require-languagetool", "--time-budget", "0", "--format", "json", str(article)),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    activity = state_dir / "activity"
    mark = activity.stat().st_mtime
    deadline = time.monotonic() + 120
    while activity.stat().st_mtime == mark and time.monotonic() < deadline:  # the run is checking now
        time.sleep(0.05)
    time.sleep(1.0)
    os.kill(first, signal.SIGKILL)
    try:
        out, err = child.communicate(timeout=600)
    except subprocess.TimeoutExpired:
        child.kill()
        pytest.fail("the run hung after its LanguageTool server was killed")
    assert "Traceback" not in err
    assert child.returncode == 1, err
    notes = [line for line in err.splitlines() if "LanguageTool server stopped answering" in line]
    assert len(notes) == 1 and "restarted once" in notes[0], err
    report = json.loads(out)
    lt_rules = {f["rule_id"] for f in report["files"][0]["findings"] if f["engine"] == "languagetool"}
    assert lt_rules, "LanguageTool findings were lost"
    assert _jvms(state_dir) == [_state(state_dir)["pid"]] and _state(state_dir)["pid"] != first


@pytest.mark.languagetool
@pytest.mark.slow
@pytest.mark.timeout(900)
def test_four_cold_clients_start_exactly_one_server(private_lt, tmp_path):
    env, state_dir = private_lt
    articles = [_lt_article(tmp_path / f"a{i}.txt", 3) for i in range(4)]
    children = [
        subprocess.Popen(
            cleaner_command("lint", "--require-languagetool", str(a)),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for a in articles
    ]
    for child in children:
        _out, err = child.communicate(timeout=600)
        assert child.returncode == 1, err
        assert "Traceback" not in err
    assert len(_jvms(state_dir)) == 1
    assert len(_supervisors_started(state_dir)) == 1


class _Squatter(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"this port is taken by something else")

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.languagetool
@pytest.mark.slow
@pytest.mark.timeout(900)
def test_a_squatted_port_leads_to_a_fresh_server(private_lt, tmp_path):
    env, state_dir = private_lt
    squatter = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Squatter)
    threading.Thread(target=squatter.serve_forever, daemon=True).start()
    bystander = subprocess.Popen([os.sys.executable, "-c", "import time; time.sleep(900)"])
    try:
        port = squatter.server_address[1]
        state_dir.mkdir(parents=True)
        (state_dir / "server.json").write_text(
            json.dumps(
                {"pid": bystander.pid, "supervisor_pid": bystander.pid, "port": port, "version": "6.8", "started": 0}
            ),
            encoding="utf-8",
        )
        answer = run_cleaner(
            "lint", "--require-languagetool", str(_lt_article(tmp_path / "a.txt", 2)), env=env, timeout=400
        )
        assert answer.code == 1, answer.stderr
        state = _state(state_dir)
        assert state["port"] != port and state["pid"] != bystander.pid
        assert bystander.poll() is None  # not ours: never killed
    finally:
        bystander.kill()
        squatter.shutdown()
