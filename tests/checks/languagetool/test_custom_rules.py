"""The class-path folder of cleaner's XML rules and the server identity that includes their digest."""

from __future__ import annotations

from pathlib import Path

from cleaner.checks.languagetool.custom_rules import CATEGORY, RESOURCE, fingerprint, is_custom_rule, with_custom_rules
from cleaner.checks.languagetool.install import Installation
from cleaner.checks.languagetool.server import ServerState, read_state, write_state

STOCK = Installation("6.8", Path("/opt/lt"), ("/opt/lt/lib/*",), "maven")


def test_the_rules_go_first_on_the_class_path_in_a_folder_named_by_their_digest(tmp_path):
    rules = tmp_path / "grammar_custom.xml"
    rules.write_bytes(b"<rules lang='en'/>")
    state = tmp_path / "state"
    found = with_custom_rules(STOCK, state, rules)
    assert found.custom_rules == fingerprint(b"<rules lang='en'/>")
    folder = Path(found.classpath[0])
    assert (folder / RESOURCE).read_bytes() == b"<rules lang='en'/>"
    assert found.classpath[1:] == STOCK.classpath
    assert with_custom_rules(found, state, rules) == found  # idempotent: never two folders on the path


def test_changed_rules_change_the_identity(tmp_path):
    rules = tmp_path / "grammar_custom.xml"
    rules.write_bytes(b"<rules lang='en'/>")
    first = with_custom_rules(STOCK, tmp_path, rules)
    rules.write_bytes(b"<rules lang='en'><!-- more --></rules>")
    second = with_custom_rules(STOCK, tmp_path, rules)
    assert first.custom_rules != second.custom_rules
    assert first.classpath[0] != second.classpath[0]


def test_the_state_file_records_the_rules_and_reads_old_files_as_stock(tmp_path):
    state = ServerState(1, 2, 3, "6.8", 0.0, "abc")
    write_state(tmp_path, state)
    assert read_state(tmp_path) == state
    (tmp_path / "server.json").write_text('{"pid": 1, "supervisor_pid": 2, "port": 3, "version": "6.8", "started": 0}')
    old = read_state(tmp_path)
    assert old is not None and old.rules == ""  # a server started without cleaner's rules: replaced on next use


def test_cleaners_rules_are_known_by_their_prefix_or_their_category():
    assert is_custom_rule("CLEANER_PIVOT_THAN_THAT") and is_custom_rule("ANY_ID", CATEGORY)
    assert not is_custom_rule("AGREEMENT_SENT_START", "GRAMMAR")
