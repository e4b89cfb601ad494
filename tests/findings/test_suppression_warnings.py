"""Suppressions end to end through ``cleaner lint`` / ``cleaner fix``: the same-line comment, ``[[suppress]]``
entries for plain text, and the warnings for unknown ids, misspelled directives and unused suppressions.

Every warning is one stderr line naming file and line; none changes the exit code.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cleaner.cli import cli
from tests.support.cmd_fixtures import cli_runner

MD = (
    "They held pricing talks. <!-- cleaner-ignore-line T_PRICING_TALKS -->\n"
    "They held pricing talks again.\n"
    "<!-- cleaner-disabel T_CONCLUDE -->\n"
    "<!-- cleaner-ignore-next-line T_PRICING_TALK -->\n"
    "Nothing here.\n"
    "<!-- cleaner-ignore-next-line T_CENSUS -->\n"
    "Nothing here either.\n"
)
ENGINES = "; engines: rules, names, untranslated"
"""The summary's engines with LanguageTool and the fluency model off (as the command fixtures run)."""


def test_same_line_comment_silences_its_line_only_and_near_misses_are_named(tmp_path: Path) -> None:
    art = tmp_path / "a.md"
    art.write_text(MD, encoding="utf-8")
    result = cli_runner(tmp_path)("lint", str(art))
    assert result.exit_code == 1  # line 2 still has a major finding: the warnings change nothing
    assert f"{art}:2:11:" in result.stdout and f"{art}:1:" not in result.stdout
    assert result.stdout.strip().endswith(f"in 1 file, 1 suppressed{ENGINES}")
    assert result.stderr.splitlines() == [
        f"warning: {art}:3: 'cleaner-disabel T_CONCLUDE' is not a cleaner directive; did you mean 'cleaner-disable'?",
        f"warning: {art}:4: cleaner-ignore-next-line: unknown rule id 'T_PRICING_TALK'; "
        "did you mean 'T_PRICING_TALKS'?",
        f"warning: {art}:6: cleaner-ignore-next-line T_CENSUS suppressed nothing",
    ]


def test_a_clean_run_of_sound_suppressions_warns_nothing(tmp_path: Path) -> None:
    art = tmp_path / "a.md"
    art.write_text("<!-- cleaner-ignore-next-line T_PRICING_TALKS -->\nThey held pricing talks.\n", encoding="utf-8")
    result = cli_runner(tmp_path)("lint", str(art))
    assert result.exit_code == 0 and result.stderr == ""


CONFIG = """\
disable = ["T_CENSUSS"]
severity = { T_CONCLUDE = "major", calqu = "info" }

[[suppress]]
path = "news/*.txt"
rule = "T_PRICING_TALKS"
text = '''held pricing
talks'''

[[suppress]]
path = "news/a.txt"
rule = "T_CONCLUDE"
line = 1
"""

TEXT = "They held pricing talks.\nThey will hold pricing talks.\nIt is hard to conclude an agreement.\n"


def test_config_entries_silence_plain_text_and_fix_leaves_those_spans_alone(tmp_path: Path) -> None:
    (tmp_path / ".cleaner.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "news").mkdir()
    art = tmp_path / "news" / "a.txt"
    art.write_text(TEXT, encoding="utf-8")
    run = cli_runner(tmp_path)
    lint = run("lint", str(art))
    assert lint.exit_code == 1
    assert f"{art}:1:" not in lint.stdout  # the passage named by text (wrapped differently in the config)
    assert f"{art}:2:16:" in lint.stdout and f"{art}:3:15:" in lint.stdout
    assert lint.stdout.strip().endswith(f"in 1 file, 1 suppressed{ENGINES}")
    config = tmp_path / ".cleaner.toml"
    assert lint.stderr.splitlines() == [
        f"warning: {config}:1: disable: unknown rule id 'T_CENSUSS'; did you mean 'T_CENSUS'?",
        f"warning: {config}:2: severity: unknown rule id or category 'calqu'; did you mean 'calque'?",
        f"warning: {config}:10: [[suppress]] (rule T_CONCLUDE, path 'news/a.txt', line 1) suppressed nothing",
    ]
    fix = run("fix", str(art))
    assert fix.exit_code == 1  # T_CONCLUDE's edit is below the threshold, so a minor finding is left
    assert art.read_text(encoding="utf-8") == TEXT.replace("hold pricing talks", "hold trade talks")


RENAMED = """\
domain: test
rules:
  - id: T_TRADE_TALKS
    replaces: [T_OLD_TALKS]
    match: "pricing talks"
    replace: "trade talks"
    message: "French 'tarif' means tariff."
    category: mistranslation
    severity: major
    confidence: 0.9
    examples:
      - bad: "They held pricing talks."
        good: "They held trade talks."
"""


def test_an_old_id_of_replaces_works_and_is_known_in_comments_entries_settings_and_selection(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(RENAMED, encoding="utf-8")
    (tmp_path / ".cleaner.toml").write_text(
        'severity = { T_OLD_TALKS = "info" }\n\n[[suppress]]\npath = "b.txt"\nrule = "T_OLD_TALKS"\nline = 2\n',
        encoding="utf-8",
    )
    md, txt = tmp_path / "a.md", tmp_path / "b.txt"
    md.write_text(
        "They held pricing talks. <!-- cleaner-ignore-line T_OLD_TALKS -->\n"
        "<!-- cleaner-ignore-next-line T_OLD_TALKS -->\nNothing here.\nMore pricing talks.\n",
        encoding="utf-8",
    )
    txt.write_text("They held pricing talks.\nMore pricing talks.\n", encoding="utf-8")
    base = ["--no-builtin-rules", "--rules", str(rules), "--no-languagetool", "--fluency", "off"]

    def lint(*extra: str) -> Result:
        return CliRunner().invoke(cli, ["lint", str(md), str(txt), *base, *extra], catch_exceptions=False)

    result = lint()
    assert result.exit_code == 0  # the old id's severity override made the rule info
    assert f"{md}:4:6: info T_TRADE_TALKS" in result.stdout and f"{md}:1:" not in result.stdout
    assert f"{txt}:1:11: info T_TRADE_TALKS" in result.stdout and f"{txt}:2:" not in result.stdout
    # the old id is no unknown id; the unused comment is named with the id as written
    assert result.stderr.splitlines() == [f"warning: {md}:2: cleaner-ignore-next-line T_OLD_TALKS suppressed nothing"]
    selected = lint("--select", "T_OLD_TALKS", "-q")
    assert selected.stdout.count("T_TRADE_TALKS") == 2 and "no engine" not in selected.stderr
    ignored = lint("--ignore", "T_OLD_TALKS")
    assert "T_TRADE_TALKS" not in ignored.stdout and "no engine" not in ignored.stderr


BASE = """\
disable = ["T_CENSUSS"]

[[suppress]]
path = "*/*.txt"
rule = "T_PRICING_TALKS"

[[suppress]]
path = "*/*.txt"
rule = "T_CENSUS"
line = 1
"""
DESK = """\
extend = "../.cleaner.toml"
severity = { T_CONCLUD = "info" }

[[suppress]]
path = "b.txt"
rule = "T_CONCLUDE"

[[per-path]]
glob = "b.txt"
fail-on = "major"
"""
STORY = "They held pricing talks.\nIt is hard to conclude an agreement, said the census office.\n"
NO_PRICING = STORY.replace("pricing", "trade")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_per_file_configurations_bring_their_own_entries_and_each_warning_is_said_once(
    tmp_path: Path, jobs: str
) -> None:
    """desk/ extends the top file and has a per-path section (two pipelines); world/ uses the top file.

    Each article gets the entries of its own chain, paths relative to the file that writes them; an entry
    that silenced something in one article is not unused; the top file's unknown id is one warning although
    three pipelines read it, and the entry that silenced nothing in any of the three articles is one warning.
    """
    top = tmp_path / ".cleaner.toml"
    top.write_text(BASE, encoding="utf-8")
    desk = tmp_path / "desk" / ".cleaner.toml"
    desk.parent.mkdir()
    desk.write_text(DESK, encoding="utf-8")
    (tmp_path / "world").mkdir()
    a, b, c = tmp_path / "desk" / "a.txt", tmp_path / "desk" / "b.txt", tmp_path / "world" / "c.txt"
    a.write_text(STORY, encoding="utf-8")
    b.write_text(STORY, encoding="utf-8")
    c.write_text(NO_PRICING, encoding="utf-8")
    result = cli_runner(tmp_path)("lint", str(a), str(b), str(c), "-j", jobs, "--format", "json")
    found = {f["path"]: [x["rule_id"] for x in f["findings"]] for f in json.loads(result.stdout)["files"]}
    assert found == {
        str(a): ["T_CONCLUDE", "T_CENSUS"],  # the top file's entry silenced T_PRICING_TALKS
        str(b): ["T_CENSUS"],  # and desk's own entry (b.txt, relative to desk/) T_CONCLUDE
        str(c): ["T_CONCLUDE", "T_CENSUS"],  # no pricing talks here: that entry is still used elsewhere
    }
    assert result.stderr.splitlines() == [
        f"warning: {top}:1: disable: unknown rule id 'T_CENSUSS'; did you mean 'T_CENSUS'?",
        f"warning: {desk}:2: severity: unknown rule id or category 'T_CONCLUD'; did you mean 'T_CONCLUDE'?",
        f"warning: {top}:7: [[suppress]] (rule T_CENSUS, path '*/*.txt', line 1) suppressed nothing",
    ]
