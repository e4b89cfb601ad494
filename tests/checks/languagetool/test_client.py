import gzip
import itertools
import json
import os
import signal
import time
from pathlib import Path

import pytest

from cleaner.checks.languagetool import client as client_module
from cleaner.checks.languagetool.checker import LanguageToolChecker
from cleaner.checks.languagetool.client import LTClient
from cleaner.checks.languagetool.errors import LanguageToolUnavailable, NotInstalled
from cleaner.checks.languagetool.install import Installation
from cleaner.checks.languagetool.pivot import pivot_settings
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


# -- several requests in flight ------------------------------------------------------------------

SEED = Path(__file__).resolve().parents[3] / "seeds" / "000_9274cd7fb5159084.txt"
ROUNDTRIP = Path("/work/shared/data/roundtrip/roundtrip_dev.jsonl.gz")


def _paragraphs() -> list[str]:
    """The sample article's paragraphs and, where the data is here, three garbled dev articles'."""
    texts = [p for p in SEED.read_text(encoding="utf-8").split("\n") if p.strip()]
    if ROUNDTRIP.exists():
        with gzip.open(ROUNDTRIP, "rt", encoding="utf-8") as fh:
            for line in itertools.islice(fh, 3):
                texts += [p for p in json.loads(line)["garbled"].split("\n") if p.strip()]
    return texts


@pytest.mark.languagetool
@pytest.mark.parametrize("pivot", [False, True], ids=["stock", "pivot"])
def test_concurrent_requests_give_the_sequential_matches_in_order(lt_server, lt_settings, pivot):
    settings = pivot_settings(lt_settings) if pivot else lt_settings
    texts = _paragraphs()
    client = LTClient(settings)
    try:
        sequential = [client.check(t) for t in texts]
        concurrent = list(client.check_all(texts, threads=4))
    finally:
        client.close()
    assert concurrent == sequential
    assert any(sequential)  # the texts do raise matches
    assert client.requests == 2 * len(texts)


@pytest.mark.languagetool
@pytest.mark.timeout(600)
def test_requests_in_flight_when_the_server_dies_are_retried_after_one_restart(lt_server, lt_settings):
    texts = _paragraphs()[:6]
    client = LTClient(LT_DEFAULTS)
    expected = [client.check(t) for t in texts]  # connected, to the session's server
    os.kill(lt_server.pid, signal.SIGKILL)
    while lt_server.pid in our_jvms(lt_settings.state_dir()):
        time.sleep(0.05)
    assert list(client.check_all(texts, threads=3)) == expected  # every request of the batch failed at first
    assert client.restarts == 1
    assert client.state.pid != lt_server.pid


def test_a_dead_server_fails_a_concurrent_batch_after_one_restart(monkeypatch, tmp_path):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    dead = ServerState(os.getpid(), os.getpid(), free_port(), "6.8", time.time())
    starts = []
    monkeypatch.setattr(client_module, "ensure_server", lambda settings, inst: starts.append(1) or dead)
    client = LTClient(LanguageToolSettings(request_timeout=2), Installation("6.8", tmp_path, (), "maven"))
    with pytest.raises(LanguageToolUnavailable, match="failed twice"):
        list(client.check_all(["He go to school.", "Second.", "Third.", "Fourth."], threads=3))
    assert (len(starts), client.restarts) == (2, 1)
    with pytest.raises(LanguageToolUnavailable, match="failed twice"):
        list(client.check_all(["Another paragraph.", "And one more."], threads=3))
    assert len(starts) == 2


def test_request_threads_stay_between_one_and_the_cap():
    assert 1 <= client_module.request_threads() <= client_module.MAX_THREADS
    assert client_module.request_threads() <= len(os.sched_getaffinity(0))


@pytest.mark.languagetool
def test_the_request_outside_the_lock_matches_the_librarys_own_check(lt_server, lt_settings, monkeypatch):
    texts = _paragraphs()[:4]
    client = LTClient(lt_settings)
    try:
        split = [client.check(t) for t in texts]
        assert client_module._splittable(client._tool)  # the installed library has the internals used
        monkeypatch.setattr(client_module, "_splittable", lambda tool: False)
        whole = [client.check(t) for t in texts]  # another library version: its own check, under the lock
    finally:
        client.close()
    assert whole == split
    assert any(split)
