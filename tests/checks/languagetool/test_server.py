"""The shared server's lifecycle, against the real LanguageTool (each test has its own cache folder)."""

import http.server
import json
import subprocess
import sys
import threading
import time

import pytest
from click.testing import CliRunner

from cleaner.checks.languagetool.server import (
    LOG_FILE,
    ServerState,
    ensure_server,
    free_port,
    is_healthy,
    our_jvms,
    read_state,
    server_config,
    server_status,
    write_state,
)
from cleaner.checks.languagetool.settings import LanguageToolSettings
from cleaner.commands.languagetool import languagetool
from tests.support.languagetool import run_python

pytestmark = [pytest.mark.languagetool, pytest.mark.timeout(600)]

CHECK_AND_REPORT = """
    import json
    from cleaner.checks.languagetool.client import LTClient
    from cleaner.checks.languagetool.settings import LanguageToolSettings
    client = LTClient(LanguageToolSettings(disabled_rules=frozenset(), disabled_categories=frozenset()))
    matches = client.check("He go to school.")
    print(json.dumps({"pid": client.state.pid, "port": client.state.port, "rules": [m.rule_id for m in matches]}))
"""


def _report(proc):
    out, err = proc.communicate(timeout=400)
    assert proc.returncode == 0, err
    return json.loads(out.strip().splitlines()[-1])


def test_config_has_pipeline_caching_and_the_placeholder_languages(lt_installed):
    config = server_config(lt_installed)
    assert "pipelineCaching=true" in config
    assert "pipelinePrewarming" not in config
    for code in ("es", "ca", "pt"):
        assert f"lang-{code}-dictPath={lt_installed.stub_dir / 'en_US.dict'}" in config


def test_two_processes_reuse_one_server(lt_server):
    first = _report(run_python(CHECK_AND_REPORT))
    second = _report(run_python(CHECK_AND_REPORT))
    assert first["pid"] == second["pid"] == lt_server.pid
    assert first["rules"] == ["HE_VERB_AGR"]


def test_two_concurrent_processes_start_one_server_and_stop_stops_it(fresh_state):
    runner = CliRunner()
    assert runner.invoke(languagetool, ["status"]).exit_code == 1
    assert "was not running" in runner.invoke(languagetool, ["stop"]).stdout
    procs = [run_python(CHECK_AND_REPORT) for _ in range(2)]
    reports = [_report(p) for p in procs]
    assert reports[0]["pid"] == reports[1]["pid"]
    assert our_jvms(fresh_state) == [reports[0]["pid"]]
    log = (fresh_state / LOG_FILE).read_text()
    assert log.count("started JVM") == 1
    started = runner.invoke(languagetool, ["start"])  # reuses the running server
    assert started.exit_code == 0 and str(reports[0]["pid"]) in started.stdout
    status = runner.invoke(languagetool, ["status"])
    assert status.exit_code == 0 and str(reports[0]["pid"]) in status.stdout
    stopped = runner.invoke(languagetool, ["stop"])
    assert stopped.exit_code == 0 and f"Stopped LanguageTool server (pid {reports[0]['pid']})" in stopped.stdout
    assert our_jvms(fresh_state) == []
    status = runner.invoke(languagetool, ["status"])
    assert status.exit_code == 1 and "not running" in status.stdout


def test_the_server_binds_to_localhost_only(lt_server):
    import psutil

    listening = [c for c in psutil.Process(lt_server.pid).net_connections("inet") if c.status == psutil.CONN_LISTEN]
    assert listening
    assert {c.laddr.ip for c in listening} <= {"127.0.0.1", "::ffff:127.0.0.1"}
    cmd = psutil.Process(lt_server.pid).cmdline()
    assert "--public" not in cmd
    assert "-Xmx1g" in cmd


def test_stale_state_with_a_dead_pid_is_replaced(fresh_state):
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    fresh_state.mkdir(parents=True, exist_ok=True)
    write_state(fresh_state, ServerState(gone.pid, gone.pid, free_port(), "6.8", time.time()))
    state = ensure_server(LanguageToolSettings())
    assert state.pid != gone.pid
    assert is_healthy(state, fresh_state)
    assert read_state(fresh_state) == state


class _NotLanguageTool(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"OK")

    def log_message(self, *args):
        pass


def test_stale_state_whose_port_is_answered_by_something_else_is_replaced(fresh_state):
    impostor = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _NotLanguageTool)
    threading.Thread(target=impostor.serve_forever, daemon=True).start()
    try:
        port = impostor.server_address[1]
        other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
        fresh_state.mkdir(parents=True, exist_ok=True)
        write_state(fresh_state, ServerState(other.pid, other.pid, port, "6.8", time.time()))
        state = ensure_server(LanguageToolSettings())
        assert state.port != port
        assert is_healthy(state, fresh_state)
        assert other.poll() is None  # not ours: never killed
        other.kill()
    finally:
        impostor.shutdown()


def test_the_server_stops_itself_when_idle(fresh_state):
    settings = LanguageToolSettings(idle_timeout_minutes=0.05)  # 3 seconds
    state = ensure_server(settings)
    assert server_status(settings) is not None
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and our_jvms(fresh_state):
        time.sleep(0.5)
    assert our_jvms(fresh_state) == []
    assert read_state(fresh_state) is None
    assert server_status(settings) is None
    assert "idle for" in (fresh_state / LOG_FILE).read_text()
    assert state.pid not in our_jvms(fresh_state)


def test_status_reports_the_running_server(lt_server, lt_settings):
    status = server_status(lt_settings)
    assert status is not None
    assert status.state == lt_server
    assert status.rss_bytes > 50 * 1024 * 1024
    assert status.uptime > 0
    assert 0 <= status.idle < status.uptime + 1
