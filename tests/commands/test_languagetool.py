import pytest
from click.testing import CliRunner

from cleaner.checks.languagetool import install as inst
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
