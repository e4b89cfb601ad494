"""cleaner's LanguageTool XML rules: the rule file against its table, every example through the real server."""

from __future__ import annotations

import pytest

from cleaner.checks.languagetool.client import LTClient
from cleaner.checks.languagetool.custom_rules import RULE_PREFIX, rules_file
from cleaner.checks.languagetool.pivot import pivot_settings
from cleaner.checks.languagetool.pivot_rules import PIVOT_RULES
from cleaner.checks.languagetool.xml_examples import check_examples, load_examples, rule_ids
from cleaner.findings import Severity


def _rules_path():
    path = rules_file()
    assert path is not None, "rules/languagetool/grammar_custom.xml is missing"
    return path


def test_every_xml_rule_has_a_table_entry_and_every_entry_a_rule():
    ids = rule_ids(_rules_path())
    assert len(ids) == len(set(ids)), "duplicate rule ids"
    assert set(ids) == set(PIVOT_RULES)
    assert all(i.startswith(RULE_PREFIX) for i in ids)


def test_every_rule_has_bad_and_good_examples_and_a_pivot_message():
    examples = load_examples(_rules_path())
    for rule_id in rule_ids(_rules_path()):
        mine = [e for e in examples if e.rule_id == rule_id]
        assert any(e.bad for e in mine), f"{rule_id}: no bad example"
        assert any(not e.bad for e in mine), f"{rule_id}: no good example"
        assert all(e.end > e.start for e in mine if e.bad), f"{rule_id}: a bad example without <marker>"
    text = _rules_path().read_text(encoding="utf-8")
    assert text.count("<message>Romance pivot:") == text.count("<message>")


def test_weak_classes_never_fail_a_lint():
    for rule_id, info in PIVOT_RULES.items():
        if info.confidence < 0.5:
            assert info.severity is not Severity.MAJOR, rule_id


@pytest.mark.languagetool
def test_every_example_against_the_real_server(lt_server, lt_settings):
    client = LTClient(pivot_settings(lt_settings))
    failures = check_examples(_rules_path(), client.check)
    assert not failures, "\n".join(str(f) for f in failures)
    assert client.version.endswith("+" + lt_server.rules)


TINY_RULES = """<?xml version="1.0" encoding="UTF-8"?>
<rules lang="en">
<category id="CLEANER_PIVOT" name="test" type="grammar">
  <rulegroup id="CLEANER_PIVOT_TEST_ONLY" name="test">
    <rule>
      <pattern><token>zebrafoo</token></pattern>
      <message>Romance pivot: test rule.</message>
      <example correction="">A <marker>zebrafoo</marker>.</example>
    </rule>
  </rulegroup>
</category>
</rules>
"""


@pytest.mark.languagetool
@pytest.mark.slow
def test_a_server_running_other_rules_is_replaced(lt_server, lt_settings, tmp_path):
    from cleaner.checks.languagetool.custom_rules import fingerprint, with_custom_rules
    from cleaner.checks.languagetool.install import require_installation
    from cleaner.checks.languagetool.server import ensure_server

    other = tmp_path / "grammar_custom.xml"
    other.write_text(TINY_RULES, encoding="utf-8")
    stock = require_installation(lt_settings)
    replaced = ensure_server(lt_settings, with_custom_rules(stock, lt_settings.state_dir(), other))
    assert replaced.pid != lt_server.pid and replaced.rules == fingerprint(other.read_bytes())
    client = LTClient(pivot_settings(lt_settings), with_custom_rules(stock, lt_settings.state_dir(), other))
    assert [m.rule_id for m in client.check("A zebrafoo. Envoys from more that 130 countries.")] == [
        "CLEANER_PIVOT_TEST_ONLY"
    ]
    back = ensure_server(lt_settings)  # the shipped rules again: replaced once more, then reused
    assert back.pid != replaced.pid and back.rules == lt_server.rules
    assert ensure_server(lt_settings).pid == back.pid
