import os
import signal
import time

import pytest

from cleaner.checks.languagetool import client as client_module
from cleaner.checks.languagetool.checker import LanguageToolChecker
from cleaner.checks.languagetool.client import LTClient
from cleaner.checks.languagetool.errors import LanguageToolUnavailable, NotInstalled
from cleaner.checks.languagetool.install import Installation
from cleaner.checks.languagetool.server import ServerState, free_port, our_jvms
from cleaner.checks.languagetool.settings import LanguageToolSettings
from cleaner.document.document import Document
from cleaner.findings import Severity
from tests.support.languagetool import LT_DEFAULTS


def test_two_failures_make_languagetool_unavailable_for_the_rest_of_the_run(monkeypatch, tmp_path):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    dead = ServerState(os.getpid(), os.getpid(), free_port(), "6.8", time.time())  # nothing listens there
    starts = []
    monkeypatch.setattr(client_module, "ensure_server", lambda settings, inst: starts.append(1) or dead)
    client = LTClient(LanguageToolSettings(request_timeout=2), Installation("6.8", tmp_path, (), "maven"))
    with pytest.raises(LanguageToolUnavailable, match="failed twice"):
        client.check("He go to school.")
    assert len(starts) == 2  # first connection, then one restart
    assert client.restarts == 1
    with pytest.raises(LanguageToolUnavailable):
        client.check("Another paragraph.")
    assert len(starts) == 2  # no more attempts


def test_not_installed_is_reported_once_without_a_restart(monkeypatch, tmp_path):
    monkeypatch.setenv("CLEANER_LT_HOME", str(tmp_path / "empty"))
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path / "cache"))
    client = LTClient(LanguageToolSettings())
    with pytest.raises(NotInstalled, match="cleaner languagetool install"):
        client.check("He go to school.")
    assert client.restarts == 0
    with pytest.raises(LanguageToolUnavailable, match="cleaner languagetool install"):
        client.check("again")


class _KillAfterFirst:
    """Delegates to a real client and kills the JVM after the first paragraph."""

    def __init__(self, client):
        self.client = client
        self.calls = 0

    @property
    def version(self):
        return self.client.version

    def check(self, text):
        result = self.client.check(text)
        self.calls += 1
        if self.calls == 1:
            pid = self.client.state.pid
            os.kill(pid, signal.SIGKILL)
            while pid in our_jvms(self.client.settings.state_dir()):
                time.sleep(0.05)
        return result


@pytest.mark.languagetool
@pytest.mark.timeout(600)
def test_a_server_killed_mid_run_is_restarted_once_and_the_request_retried(lt_server, lt_settings):
    client = LTClient(LT_DEFAULTS)
    killer = _KillAfterFirst(client)
    doc = Document.from_text("He go to school.\nThe negotiations has stalled.\nShe don't like it.\n")
    findings = LanguageToolChecker(killer, LT_DEFAULTS).check(doc)
    assert [f.rule_id for f in findings] == ["HE_VERB_AGR", "AGREEMENT_SENT_START", "HE_VERB_AGR"]
    assert client.restarts == 1
    assert client.state.pid != lt_server.pid
    assert our_jvms(lt_settings.state_dir()) == [client.state.pid]


@pytest.mark.languagetool
@pytest.mark.timeout(600)
def test_cleaner_selection_flags_real_grammar_and_spares_clean_news(lt_server):
    """Issue 11: "He go to school" is flagged with cleaner's selection, as LanguageTool alone flags it;
    a sentence of clean news with a rare word and a name raises nothing that fails."""
    settings = LanguageToolSettings()
    client = LTClient(settings)
    try:
        checker = LanguageToolChecker(client, settings)
        grammar = checker.check(Document.from_text("He go to school every day.\n"))
        assert [(f.rule_id, f.text) for f in grammar] == [("HE_VERB_AGR", "go")]
        clean = checker.check(Document.from_text("Officials in the wilaya said Orianka Kilcher had left.\n"))
        assert all(not f.severity.at_least(Severity.MINOR) for f in clean), clean
    finally:
        client.close()
