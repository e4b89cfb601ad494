"""The shared local LanguageTool server: start on demand, reuse, detect stale state, stop.

One server per cache folder serves every cleaner process of the user.  Its
state file (``server.json``: pids, port, version, start time) is only read
and written under a file lock, so two ``cleaner lint`` runs started together
(parallel pre-commit hooks) share one server instead of starting two.  A state
file whose JVM is gone, whose pid now belongs to another program, or whose port
is answered by something that is not LanguageTool is stale and gets replaced.

The JVM is started by a small detached supervisor (:mod:`.supervisor`) so that
it outlives the cleaner process that needed it; the supervisor stops it after
the idle timeout, measured from the ``activity`` file every request touches.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil
from filelock import FileLock, Timeout

from cleaner.checks.languagetool.custom_rules import with_custom_rules
from cleaner.checks.languagetool.errors import LanguageToolUnavailable
from cleaner.checks.languagetool.install import STUB_LANGUAGES, Installation, require_installation, require_java
from cleaner.checks.languagetool.settings import LanguageToolSettings
from cleaner.files import write_text_atomic

STATE_FILE = "server.json"
LOCK_FILE = "server.lock"
LOG_FILE = "server.log"
ACTIVITY_FILE = "activity"
CONFIG_FILE = "server.properties"
HOST = "127.0.0.1"
MAIN_CLASS = "org.languagetool.server.HTTPServer"
MARKER_PROPERTY = "-Dcleaner.statedir="
SUPERVISOR_MODULE = "cleaner.checks.languagetool.supervisor"
MAX_LOG_BYTES = 10 * 1024 * 1024
WARM_UP_TEXT = "This is a warm-up sentence for the LanguageTool server."


@dataclass(frozen=True)
class ServerState:
    """What the state file records about the running server."""

    pid: int
    """The JVM."""
    supervisor_pid: int
    port: int
    version: str
    started: float
    rules: str = ""
    """Digest of the cleaner XML rules the server loaded ("" for none)."""

    @property
    def url(self) -> str:
        """Base URL, as language_tool_python's ``remote_server`` wants it."""
        return f"http://{HOST}:{self.port}"


@dataclass(frozen=True)
class ServerStatus:
    """A running server as ``cleaner languagetool status`` shows it."""

    state: ServerState
    rss_bytes: int
    uptime: float
    idle: float
    log: Path


# -- state file, lock, activity ------------------------------------------------------


def state_lock(state_dir: Path, timeout: float) -> FileLock:
    """The lock guarding the state file (held while starting, replacing or stopping)."""
    return FileLock(str(state_dir / LOCK_FILE), timeout=timeout)


def read_state(state_dir: Path) -> ServerState | None:
    """The recorded server, or None when there is no (readable) state file."""
    try:
        data = json.loads((state_dir / STATE_FILE).read_text(encoding="utf-8"))
        return ServerState(
            pid=int(data["pid"]),
            supervisor_pid=int(data["supervisor_pid"]),
            port=int(data["port"]),
            version=str(data["version"]),
            started=float(data["started"]),
            rules=str(data.get("rules", "")),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_state(state_dir: Path, state: ServerState) -> None:
    """Record ``state`` atomically (readers never see half a file)."""
    write_text_atomic(state_dir / STATE_FILE, json.dumps(asdict(state)), durable=False)


def remove_state(state_dir: Path, pid: int | None = None) -> None:
    """Delete the state file (only if it still names JVM ``pid``, when given)."""
    if pid is not None:
        current = read_state(state_dir)
        if current is None or current.pid != pid:
            return
    (state_dir / STATE_FILE).unlink(missing_ok=True)


def touch_activity(state_dir: Path) -> None:
    """Mark the server as used now (the idle timeout counts from here)."""
    path = state_dir / ACTIVITY_FILE
    try:
        os.utime(path)
    except FileNotFoundError:
        path.touch()


def last_activity(state_dir: Path) -> float:
    """When the server was last used (0 when never)."""
    try:
        return (state_dir / ACTIVITY_FILE).stat().st_mtime
    except OSError:
        return 0.0


# -- health ----------------------------------------------------------------------------


def _alive(pid: int) -> psutil.Process | None:
    try:
        proc = psutil.Process(pid)
        if proc.status() == psutil.STATUS_ZOMBIE:
            return None
        return proc
    except (psutil.NoSuchProcess, psutil.AccessDenied, ValueError):
        return None


def _cmdline(proc: psutil.Process) -> list[str]:
    try:
        return proc.cmdline()
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return []


def is_our_jvm(pid: int, port: int | None, state_dir: Path) -> bool:
    """True when ``pid`` is a live LanguageTool JVM started for ``state_dir`` (on ``port``)."""
    proc = _alive(pid)
    if proc is None:
        return False
    cmd = _cmdline(proc)
    if MAIN_CLASS not in cmd or f"{MARKER_PROPERTY}{state_dir}" not in cmd or SUPERVISOR_MODULE in cmd:
        return False
    return port is None or str(port) in cmd


def is_our_supervisor(pid: int, state_dir: Path) -> bool:
    """True when ``pid`` is the supervisor of a server for ``state_dir``."""
    proc = _alive(pid)
    if proc is None:
        return False
    cmd = _cmdline(proc)
    return SUPERVISOR_MODULE in cmd and str(state_dir) in cmd


def our_jvms(state_dir: Path) -> list[int]:
    """Every live LanguageTool JVM started for ``state_dir`` (there should be at most one)."""
    marker = f"{MARKER_PROPERTY}{state_dir}"
    found = []
    for proc in psutil.process_iter(["pid", "cmdline"]):
        cmd = proc.info.get("cmdline") or []
        if marker in cmd and MAIN_CLASS in cmd and SUPERVISOR_MODULE not in cmd and _alive(proc.pid) is not None:
            found.append(proc.pid)
    return found


def answers_as_languagetool(port: int, timeout: float = 3.0) -> bool:
    """True when ``port`` answers ``/v2/languages`` the way LanguageTool does."""
    try:
        with urllib.request.urlopen(f"http://{HOST}:{port}/v2/languages", timeout=timeout) as response:
            data = json.loads(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError, ValueError):
        return False
    return isinstance(data, list) and any(isinstance(d, dict) and d.get("code") == "en" for d in data)


def is_healthy(state: ServerState, state_dir: Path) -> bool:
    """The recorded JVM is ours, alive, and its port is answered by LanguageTool."""
    return is_our_jvm(state.pid, state.port, state_dir) and answers_as_languagetool(state.port)


# -- starting --------------------------------------------------------------------------


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def server_config(installation: Installation) -> str:
    """The server's config file: pipeline caching, plus the es/ca/pt placeholders (see install.py)."""
    lines = ["# written by cleaner; see docs/languagetool.md", "pipelineCaching=true"]
    if installation.stub_dir is not None:
        dictionary = installation.stub_dir / "en_US.dict"
        for code, name in STUB_LANGUAGES:
            lines += [f"lang-{code}={name}", f"lang-{code}-dictPath={dictionary}"]
    return "\n".join(lines) + "\n"


def java_command(
    java: str, installation: Installation, settings: LanguageToolSettings, state_dir: Path, port: int
) -> list[str]:
    """The JVM command line (no ``--public``: the server binds to localhost only)."""
    return [
        java,
        f"-Xmx{settings.max_heap}",
        "-Djava.awt.headless=true",
        f"{MARKER_PROPERTY}{state_dir}",
        *settings.extra_java_options,
        "-cp",
        os.pathsep.join(installation.classpath),
        MAIN_CLASS,
        "--config",
        str(state_dir / CONFIG_FILE),
        "--port",
        str(port),
    ]


def _rotate_log(log: Path) -> None:
    with contextlib.suppress(OSError):
        if log.stat().st_size > MAX_LOG_BYTES:
            log.replace(log.with_suffix(".log.1"))


def _spawn(settings: LanguageToolSettings, state_dir: Path, cmd: list[str]) -> int:
    """Start the detached supervisor (which starts the JVM); return the supervisor's pid."""
    idle = max(1.0, settings.idle_timeout_minutes * 60)
    args = [
        sys.executable,
        "-m",
        SUPERVISOR_MODULE,
        "--state-dir",
        str(state_dir),
        "--idle-timeout",
        str(idle),
        "--log",
        str(state_dir / LOG_FILE),
        "--",
        *cmd,
    ]
    out = subprocess.run(args, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60, check=False)
    try:
        return int(out.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError) as e:
        raise LanguageToolUnavailable(f"the LanguageTool supervisor did not start: {out.stderr.strip()[-400:]}") from e


def _jvm_of(supervisor_pid: int, deadline: float) -> int | None:
    """The JVM child of the supervisor, once it exists."""
    while time.monotonic() < deadline:
        proc = _alive(supervisor_pid)
        if proc is None:
            return None
        with contextlib.suppress(psutil.NoSuchProcess):
            for child in proc.children():
                if MAIN_CLASS in _cmdline(child):
                    return child.pid
        time.sleep(0.05)
    return None


def _post_check(port: int, text: str, language: str, timeout: float) -> None:
    data = urllib.parse.urlencode({"language": language, "text": text}).encode()
    with urllib.request.urlopen(f"http://{HOST}:{port}/v2/check", data=data, timeout=timeout) as response:
        json.loads(response.read().decode("utf-8"))


def _wait_ready(jvm: int, port: int, state_dir: Path, language: str, deadline: float) -> str | None:
    """None once the server answers a health check and a first check; else why it did not."""
    while time.monotonic() < deadline:
        if _alive(jvm) is None:
            return "the JVM exited during start-up"
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/v2/healthcheck", timeout=2) as response:
                if response.status == 200:
                    break
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    else:
        return "no answer to the health check before the start timeout"
    if not answers_as_languagetool(port):
        return f"port {port} is answered by something that is not LanguageTool"
    try:  # the first check loads English rules (seconds); do it now, not under a request timeout
        _post_check(port, WARM_UP_TEXT, language, timeout=max(1.0, deadline - time.monotonic()))
    except (urllib.error.URLError, OSError, ValueError) as e:
        return f"the first check failed: {e}"
    return None


def _log_tail(state_dir: Path, lines: int = 6) -> str:
    try:
        text = (state_dir / LOG_FILE).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    interesting = [line for line in text if "Exception" in line or "Error" in line or "error" in line]
    return " | ".join((interesting or text)[-lines:])


def start_server(settings: LanguageToolSettings, installation: Installation, state_dir: Path) -> ServerState:
    """Start a new server (caller holds the state lock) and wait until it has checked a sentence."""
    java, _ = require_java()
    (state_dir / CONFIG_FILE).write_text(server_config(installation), encoding="utf-8")
    _rotate_log(state_dir / LOG_FILE)
    problem = "not started"
    for _attempt in range(3):  # a port taken between choosing and binding: try another
        port = free_port()
        started = time.time()
        deadline = time.monotonic() + settings.start_timeout
        supervisor = _spawn(settings, state_dir, java_command(java, installation, settings, state_dir, port))
        jvm = _jvm_of(supervisor, deadline)
        if jvm is None:
            problem = "the supervisor did not start the JVM"
        else:
            failure = _wait_ready(jvm, port, state_dir, settings.language, deadline)
            if failure is None:
                return ServerState(jvm, supervisor, port, installation.version, started, installation.custom_rules)
            problem = failure
        _terminate(supervisor, jvm, state_dir)
        if "Address already in use" not in _log_tail(state_dir, 50):
            break
    raise LanguageToolUnavailable(
        f"the LanguageTool server did not start: {problem}. {_log_tail(state_dir)} (log: {state_dir / LOG_FILE})"
    )


def _terminate(supervisor: int | None, jvm: int | None, state_dir: Path, timeout: float = 20.0) -> None:
    """Stop the supervisor (it stops its JVM), then make sure the JVM is gone."""
    if supervisor is not None and is_our_supervisor(supervisor, state_dir):
        with contextlib.suppress(OSError):
            os.kill(supervisor, signal.SIGTERM)
    if jvm is None:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and is_our_jvm(jvm, None, state_dir):
        time.sleep(0.1)
    if is_our_jvm(jvm, None, state_dir):
        with contextlib.suppress(OSError):
            os.kill(jvm, signal.SIGKILL)


def ensure_server(settings: LanguageToolSettings, installation: Installation | None = None) -> ServerState:
    """The running server for this cache folder: reused when healthy, else (re)started."""
    state_dir = settings.state_dir()
    try:
        with state_lock(state_dir, settings.start_timeout + 60):
            state = read_state(state_dir)
            wanted = with_custom_rules(installation or require_installation(settings), state_dir)
            if state is not None:
                same = state.version == wanted.version and state.rules == wanted.custom_rules
                if same and is_healthy(state, state_dir):
                    touch_activity(state_dir)
                    return state
                discard(state, state_dir)
            state = start_server(settings, wanted, state_dir)
            write_state(state_dir, state)
            touch_activity(state_dir)
            return state
    except Timeout as e:
        raise LanguageToolUnavailable(f"another cleaner process holds {state_dir / LOCK_FILE}") from e


def discard(state: ServerState, state_dir: Path) -> None:
    """Forget a stale or unwanted server: stop what is ours of it, remove the state file."""
    ours = is_our_jvm(state.pid, state.port, state_dir)
    _terminate(state.supervisor_pid, state.pid if ours else None, state_dir)
    remove_state(state_dir)


def stop_server(settings: LanguageToolSettings) -> ServerState | None:
    """Stop the server of this cache folder (and any stray JVM of it); the stopped state, if any."""
    state_dir = settings.state_dir()
    with state_lock(state_dir, settings.start_timeout + 60):
        state = read_state(state_dir)
        if state is not None:
            discard(state, state_dir)
        for pid in our_jvms(state_dir):
            parent = _alive(pid)
            supervisor = parent.ppid() if parent is not None else None
            _terminate(supervisor, pid, state_dir)
        return state


def server_status(settings: LanguageToolSettings) -> ServerStatus | None:
    """The running, healthy server of this cache folder, or None."""
    state_dir = settings.state_dir()
    state = read_state(state_dir)
    if state is None or not is_healthy(state, state_dir):
        return None
    proc = _alive(state.pid)
    rss = 0
    if proc is not None:
        with contextlib.suppress(psutil.Error):
            rss = int(proc.memory_info().rss)
    now = time.time()
    return ServerStatus(state, rss, now - state.started, now - last_activity(state_dir), state_dir / LOG_FILE)
