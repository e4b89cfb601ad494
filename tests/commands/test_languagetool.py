import psutil
import pytest
from click.testing import CliRunner

from cleaner.checks.languagetool import install as inst
from cleaner.checks.languagetool.server import LOG_FILE, read_state
from cleaner.commands.languagetool import languagetool


@pytest.fixture
def runner():
    return CliRunner()


@pytest.mark.languagetool
def test_status_shows_the_running_server(runner, lt_server):
    result = runner.invoke(languagetool, ["status"])
    assert result.exit_code == 0, result.output
    for word in ("pid", "port", "version", "memory", "uptime", "idle"):
        assert word in result.stdout
    assert str(lt_server.pid) in result.stdout and str(lt_server.port) in result.stdout


@pytest.mark.languagetool
def test_install_command_is_idempotent(runner, lt_installed):
    result = runner.invoke(languagetool, ["install"])
    assert result.exit_code == 0, result.output
    assert "already installed" in result.stdout and "MB" in result.stdout


def test_install_command_without_maven_or_download_exits_2_with_the_fix(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_LT_HOME", str(tmp_path))
    monkeypatch.setattr(inst, "require_java", lambda: ("java", "17"))
    monkeypatch.setattr(inst.shutil, "which", lambda name: None)
    monkeypatch.setattr(inst, "_reachable", lambda url, timeout: False)
    result = runner.invoke(languagetool, ["install"])
    assert result.exit_code == 2
    assert "Fix:" in result.stderr


@pytest.mark.languagetool
def test_start_honours_the_configured_idle_timeout(runner, fresh_state, tmp_path, monkeypatch):
    """``[languagetool] idle-timeout`` of the nearest configuration file reaches the server's supervisor."""
    project = tmp_path / "desk"
    project.mkdir()
    (project / ".cleaner.toml").write_text("[languagetool]\nidle-timeout = 7\n", encoding="utf-8")
    monkeypatch.chdir(project)
    started = runner.invoke(languagetool, ["start"])
    assert started.exit_code == 0, started.output
    state = read_state(fresh_state)
    assert state is not None
    cmdline = psutil.Process(state.supervisor_pid).cmdline()
    assert cmdline[cmdline.index("--idle-timeout") + 1] == "420.0"
    assert "idle timeout 420 s" in (fresh_state / LOG_FILE).read_text()


def test_languagetool_commands_report_a_bad_configuration_with_exit_2(runner, tmp_path):
    config = tmp_path / "team.toml"
    config.write_text("[languagetool]\nidle-timeout = -1\n", encoding="utf-8")
    result = runner.invoke(languagetool, ["--config", str(config), "status"])
    assert result.exit_code == 2
    assert f"{config}:2: languagetool.idle-timeout: expected a positive number of minutes" in result.stderr
