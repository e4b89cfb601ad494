"""`cleaner lint` end to end through the real CLI entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from cleaner.cli import cli, main
from cleaner.errors import ExitCode
from tests.support.cmd_fixtures import ARTICLE, Invoke, cli_runner

RULES = """\
rules:
  - id: PRICING
    match: "pricing {talks|negotiations}"
    replace: "trade {2}"
    message: "French 'tarif' means tariff."
    category: mistranslation
    severity: major
    confidence: 0.9
    examples:
      - bad: "More pricing talks."
        good: "More trade talks."
  - id: INFO_ONLY
    match: "in order to"
    replace: "to"
    message: "wordy"
    category: style
    severity: info
    confidence: 0.5
    examples:
      - bad: "We met in order to talk."
        good: "We met to talk."
"""


@pytest.fixture
def rules(write_rules: Callable[[str], Path]) -> list[str]:
    return ["--no-builtin-rules", "--rules", str(write_rules(RULES)), "--no-languagetool"]


def lint(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["lint", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_output_and_exit_1(tmp_path: Path, rules: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    art = tmp_path / "a.txt"
    art.write_text("Intro.\nMore pricing talks today.\n", encoding="utf-8")
    code, out, _ = lint([str(art), *rules], capsys)
    assert code == 1
    assert f"{art}:2:6: major PRICING \"pricing talks\": French 'tarif' means tariff. (→ trade talks)" in out
    # LanguageTool is off and the fluency model is off in tests: the three in-process engines checked the article
    assert out.strip().endswith("1 finding (1 major, 0 minor, 0 info) in 1 file; engines: rules, names, untranslated")


def test_clean_file_exits_0(tmp_path: Path, rules: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    art = tmp_path / "a.txt"
    art.write_text("Trade talks resumed.\n", encoding="utf-8")
    assert lint([str(art), *rules], capsys)[0] == 0


def test_fail_on_threshold(tmp_path: Path, rules: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    art = tmp_path / "a.txt"
    art.write_text("We met in order to talk.\n", encoding="utf-8")
    assert lint([str(art), *rules], capsys)[0] == 0
    assert lint([str(art), *rules, "--fail-on", "info"], capsys)[0] == 1


def test_json_contract(tmp_path: Path, rules: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    text = "😀 More pricing talks.\n"
    art = tmp_path / "a.txt"
    art.write_text(text, encoding="utf-8")
    code, out, _ = lint([str(art), *rules, "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 1
    assert data["version"] == 1
    (entry,) = data["files"]
    assert entry["path"] == str(art)
    assert entry["words"] == 4
    assert set(entry["readability"]) == {"flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog"}
    (f,) = entry["findings"]
    assert text[f["start"] : f["end"]] == f["text"] == "pricing talks"
    assert (f["line"], f["column"]) == (1, 8)
    assert f["rule_id"] == "PRICING" and f["engine"] == "rules" and f["category"] == "mistranslation"
    assert f["severity"] == "major" and f["confidence"] == 0.9
    assert f["replacements"] == ["trade talks"]


def test_stdin(rules: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Pricing talks resumed.\n")))
    code, out, _ = lint(["-", *rules], capsys)
    assert code == 1
    assert "<stdin>:1:1: major PRICING" in out


def test_bad_inputs_are_reported_and_the_batch_goes_on(
    tmp_path: Path, rules: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("More pricing talks.\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    (tmp_path / "nothing").mkdir()
    args = [str(p) for p in (bad, binary, empty, tmp_path / "missing.txt", tmp_path / "nothing", good)]
    code, out, err = lint([*args, *rules], capsys)
    assert code == 2
    lines = err.strip().splitlines()
    assert f"error: {bad}: invalid UTF-8 at byte offset 3 (byte 0xe9)" in lines
    assert f"error: {binary}: binary file (NUL byte at offset 0)" in lines
    assert not any(str(empty) in line for line in lines)
    assert f"error: {tmp_path / 'missing.txt'}: no such file or folder" in lines
    assert any("nothing: folder has no article files" in line for line in lines)
    assert "PRICING" in out
    assert "4 input errors" in out


def test_rule_file_error_is_one_line_and_exit_2(
    tmp_path: Path, write_rules: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_rules(RULES.replace("severity: major", "severity: catastrophic"))
    art = tmp_path / "a.txt"
    art.write_text("x y z\n", encoding="utf-8")
    code, _, err = lint([str(art), "--no-builtin-rules", "--rules", str(folder), "--no-languagetool"], capsys)
    assert code == 2
    assert err.startswith(f"error: {folder / 'rules.yaml'}:7: PRICING.severity:")


def test_rules_list_and_test(rules: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "list", "--format", "tsv", *rules[:3]]) == 0
    out = capsys.readouterr().out
    assert "PRICING\tmistranslation\tmajor\t0.90" in out
    assert main(["rules", "test", *rules[:3]]) == 0
    assert "2 passed, 0 failed (2 rules)" in capsys.readouterr().out


def test_rules_test_reports_failing_example_as_file_line(
    write_rules: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_rules(RULES.replace('good: "More trade talks."', 'good: "More tariff talks."'))
    assert main(["rules", "test", "--no-builtin-rules", "--rules", str(folder)]) == 2
    out = capsys.readouterr().out
    assert f"{folder / 'rules.yaml'}:10: PRICING: fixes 'More pricing talks.' to 'More trade talks.'" in out


@pytest.mark.slow
def test_50_mb_file_works_with_bounded_memory(tmp_path: Path, write_rules: Callable[[str], Path]) -> None:
    """A 50 MB article is checked in chunks: peak memory stays far below the text's token count."""
    clean = ("Trade talks resumed on Monday as officials met in Geneva to discuss the tariffs. " * 8) + "\n"
    garbled = clean.replace("Trade talks", "Pricing talks", 1)
    art = tmp_path / "big.txt"
    with art.open("w", encoding="utf-8") as fh:
        for i in range(50 * 1024 * 1024 // len(clean) + 1):
            fh.write(garbled if i % 100 == 0 else clean)
    folder = write_rules(RULES)
    script = (
        "import resource, sys\n"
        "from cleaner.cli import main\n"
        f"code = main(['lint', {str(art)!r}, '--no-builtin-rules', '--rules', {str(folder)!r}, "
        "'--no-languagetool', '--format', 'json'])\n"
        "sys.stderr.write(f'RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n')\n"
        "sys.exit(code)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=900)
    assert proc.returncode == 1, proc.stderr[-2000:]
    rss_mib = int(proc.stderr.rsplit("RSS ", 1)[1].split()[0]) / 1024
    data = json.loads(proc.stdout)
    assert art.stat().st_size >= 50 * 1024 * 1024
    assert len(data["files"][0]["findings"]) == 50 * 1024 * 1024 // len(clean) // 100 + 1
    assert rss_mib < 2500, f"peak RSS {rss_mib:.0f} MiB"


def test_whitespace_only_article_is_clean(tmp_path: Path, rules: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    blank = tmp_path / "blank.md"
    blank.write_text("  \n\n\t\n", encoding="utf-8")
    code, out, err = lint([str(blank), *rules], capsys)
    assert (code, err) == (0, "")
    assert "0 findings (0 major, 0 minor, 0 info) in 1 file" in out


def test_verdicts_do_not_depend_on_the_order_of_the_paths(tmp_path: Path, capsys) -> None:
    """Two folders, two configurations: each file is judged by its own, whichever path comes first."""
    from tests.support.article_kit import run_cli

    text = "The council met on Tuesday.\n"
    (tmp_path / "desk").mkdir()
    (tmp_path / "world").mkdir()
    (tmp_path / "desk" / ".cleaner.toml").write_text('reject = ["council"]\nfail-on = "major"\n', encoding="utf-8")
    (tmp_path / "world" / ".cleaner.toml").write_text('reject = ["Tuesday"]\nfail-on = "minor"\n', encoding="utf-8")
    a, b = tmp_path / "desk" / "a.md", tmp_path / "world" / "b.md"
    a.write_text(text, encoding="utf-8")
    b.write_text(text, encoding="utf-8")

    def lint(*paths: Path, jobs: str = "1") -> tuple[int, dict[str, list[tuple[str, str, str]]]]:
        args = ("--no-languagetool", "--fluency", "off", "--format", "json", "-j", jobs)
        code, out, err = run_cli(capsys, "lint", *map(str, paths), *args)
        assert code in (0, 1), err
        files = json.loads(out)["files"]
        return code, {f["path"]: sorted((x["rule_id"], x["text"], x["severity"]) for x in f["findings"]) for f in files}

    forward, backward, parallel = lint(a, b), lint(b, a), lint(b, a, jobs="2")
    assert forward == backward == parallel
    code, findings = forward
    assert findings == {str(a): [("VOCAB_REJECT", "council", "minor")], str(b): [("VOCAB_REJECT", "Tuesday", "minor")]}
    assert code == 1  # b fails at its own fail-on (minor); a alone would not (major)
    assert lint(a)[0] == 0


# -- linter conventions: --select/--ignore, --statistics, --quiet, --output-file, --color, --show-source ----------


@pytest.fixture
def invoke(tmp_path: Path) -> Invoke:
    return cli_runner(tmp_path)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    """The command fixtures' article: T_PRICING_TALKS (major), T_CONCLUDE (minor), T_CENSUS (info)."""
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def rule_ids(invoke: Invoke, *args: str) -> list[str]:
    result = invoke("lint", *args, "--format", "json")
    return [f["rule_id"] for entry in json.loads(result.stdout)["files"] for f in entry["findings"]]


def test_select_takes_ids_and_prefixes_repeated_or_comma_separated(invoke: Invoke, article: Path) -> None:
    assert rule_ids(invoke, str(article)) == ["T_PRICING_TALKS", "T_CONCLUDE", "T_CENSUS"]
    assert rule_ids(invoke, str(article), "--select", "T_CON,T_PRICING_TALKS") == ["T_PRICING_TALKS", "T_CONCLUDE"]
    assert rule_ids(invoke, str(article), "--select", "T_CENSUS", "--select", "T_PRICING_TALKS") == [
        "T_PRICING_TALKS",
        "T_CENSUS",
    ]
    assert rule_ids(invoke, str(article), "--select", "t_census") == ["T_CENSUS"]  # case does not matter


def test_ignore_drops_and_the_more_specific_pattern_wins(invoke: Invoke, article: Path) -> None:
    assert rule_ids(invoke, str(article), "--ignore", "T_C") == ["T_PRICING_TALKS"]
    assert rule_ids(invoke, str(article), "--select", "T_C", "--ignore", "T_CENSUS") == ["T_CONCLUDE"]
    assert rule_ids(invoke, str(article), "--ignore", "T_C", "--select", "T_CENSUS") == ["T_CENSUS"]
    assert rule_ids(invoke, str(article), "--select", "T_CENSUS", "--ignore", "T_CENSUS") == []  # a tie: ignore wins


def test_engine_names_select_and_ignore_whole_engines(invoke: Invoke, article: Path) -> None:
    # every test rule belongs to the engine "rules"; the article has no inconsistent name for "names"
    assert rule_ids(invoke, str(article), "--ignore", "rules") == []
    assert rule_ids(invoke, str(article), "--select", "names") == []
    # any rule-id prefix is more specific than an engine
    assert rule_ids(invoke, str(article), "--select", "rules", "--ignore", "T_CENSUS") == [
        "T_PRICING_TALKS",
        "T_CONCLUDE",
    ]
    assert rule_ids(invoke, str(article), "--ignore", "rules", "--select", "T_CENSUS") == ["T_CENSUS"]


def test_unknown_patterns_are_one_warning_and_not_an_error(invoke: Invoke, article: Path) -> None:
    result = invoke("lint", str(article), "--select", "T_PRICING_TALKS,NOPE", "--ignore", "ALSO_NOPE")
    assert result.exit_code == ExitCode.FINDINGS  # T_PRICING_TALKS is major
    (line,) = result.stderr.splitlines()
    assert line.startswith("warning: ") and "--select NOPE" in line and "--ignore ALSO_NOPE" in line
    assert "T_PRICING_TALKS" not in line


def test_known_rules_and_engines_that_did_not_fire_are_not_unknown(invoke: Invoke, tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("They held trade talks.\n", encoding="utf-8")
    # T_CENSUS is in the rule file, languagetool and fluency are engines (both off here), T_ is a prefix of rules
    result = invoke("lint", str(clean), "--ignore", "T_CENSUS,languagetool", "--select", "T_,fluency")
    assert (result.exit_code, result.stderr) == (ExitCode.OK, "")


def test_selection_reaches_jobs_workers(invoke: Invoke, article: Path, tmp_path: Path) -> None:
    other = tmp_path / "b.txt"
    other.write_text("It is hard to conclude an agreement.\n", encoding="utf-8")
    result = invoke("lint", str(article), str(other), "-j", "2", "--format", "json", "--ignore", "T_CONCLUDE,T_CENSUS")
    files = json.loads(result.stdout)["files"]
    assert [[f["rule_id"] for f in e["findings"]] for e in files] == [["T_PRICING_TALKS"], []]
    assert result.stderr == ""  # the ignored ids were hit in the workers: known


def test_statistics_counts_per_rule_most_frequent_first(invoke: Invoke, tmp_path: Path) -> None:
    art = tmp_path / "a.txt"
    art.write_text("More pricing talks.\nPricing talks again.\nTo conclude an agreement.\n", encoding="utf-8")
    result = invoke("lint", str(art), "--statistics")
    assert result.exit_code == ExitCode.FINDINGS
    lines = result.stdout.splitlines()
    # count right-aligned, rule ids padded to the longest (T_PRICING_TALKS, 15 characters), severities to "major"
    assert lines[:2] == [
        "2  T_PRICING_TALKS  major  French 'tarif' means tariff.",
        "1  T_CONCLUDE       minor  'conclure un accord' is 'reach an agreement'.",
    ]
    assert lines[2] == ""
    assert lines[3].startswith("3 findings (2 major, 1 minor, 0 info) in 1 file")
    assert not any(f"{art}:" in line for line in lines)  # the table replaces the findings


def test_statistics_as_json_and_not_with_other_formats(invoke: Invoke, article: Path) -> None:
    rows = json.loads(invoke("lint", str(article), "--statistics", "--format", "json").stdout)
    assert [(r["count"], r["rule_id"], r["engine"], r["severity"]) for r in rows] == [
        (1, "T_CENSUS", "rules", "info"),
        (1, "T_CONCLUDE", "rules", "minor"),
        (1, "T_PRICING_TALKS", "rules", "major"),
    ]  # equal counts: by rule id
    result = invoke("lint", str(article), "--statistics", "--format", "sarif")
    assert result.exit_code == ExitCode.ERROR
    assert "--statistics works with --format json or text" in result.stderr


def test_quiet_prints_the_findings_only(invoke: Invoke, article: Path, tmp_path: Path) -> None:
    full = invoke("lint", str(article)).stdout.splitlines()
    quiet = invoke("lint", str(article), "-q")
    assert quiet.exit_code == ExitCode.FINDINGS
    assert quiet.stdout.splitlines() == [line for line in full if line and "findings (" not in line]
    clean = tmp_path / "clean.txt"
    clean.write_text("They held trade talks.\n", encoding="utf-8")
    assert invoke("lint", str(clean), "--quiet").stdout == ""


def test_quiet_leaves_the_summary_out_of_the_github_output_too(invoke: Invoke, article: Path) -> None:
    full = invoke("lint", str(article), "--format", "github").stdout.splitlines()
    quiet = invoke("lint", str(article), "--format", "github", "-q").stdout.splitlines()
    assert full[-1].startswith("cleaner: 3 findings") and quiet == full[:-1]


def test_quiet_twice_is_the_exit_code_and_errors_only(invoke: Invoke, article: Path, tmp_path: Path) -> None:
    result = invoke("lint", str(article), "-qq", "--select", "NOPE,T_")
    assert (result.exit_code, result.stdout, result.stderr) == (ExitCode.FINDINGS, "", "")  # no warning either
    result = invoke("lint", str(article), str(tmp_path / "missing.txt"), "-qq")
    assert (result.exit_code, result.stdout) == (ExitCode.ERROR, "")
    assert result.stderr == f"error: {tmp_path / 'missing.txt'}: no such file or folder\n"


def test_output_file_gets_what_stdout_would_have(invoke: Invoke, article: Path, tmp_path: Path) -> None:
    expected = invoke("lint", str(article)).stdout
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "lint.txt"
    target.write_text("an older run\n", encoding="utf-8")
    result = invoke("lint", str(article), "--output-file", str(target))
    assert (result.exit_code, result.stdout) == (ExitCode.FINDINGS, "")
    assert target.read_text(encoding="utf-8") == expected
    assert [p.name for p in folder.iterdir()] == ["lint.txt"]  # replaced atomically: no temporary file left over


def test_output_file_that_cannot_be_written_is_one_error(invoke: Invoke, article: Path, tmp_path: Path) -> None:
    result = invoke("lint", str(article), "-o", str(tmp_path / "no-such-folder" / "lint.txt"))
    assert result.exit_code == ExitCode.ERROR
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error: {tmp_path / 'no-such-folder' / 'lint.txt'}: cannot write:")


ANSI = "\x1b["


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        ((), {}, False),  # auto, and the test's stdout is no terminal
        ((), {"FORCE_COLOR": "1"}, True),
        ((), {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),  # NO_COLOR wins
        ((), {"FORCE_COLOR": "1", "NO_COLOR": ""}, True),  # an empty NO_COLOR does not count
        (("--color", "always"), {"NO_COLOR": "1"}, True),  # an explicit choice wins
        (("--color", "never"), {"FORCE_COLOR": "1"}, False),
        (("--color", "always", "--format", "json"), {}, False),  # colour only in the text format
    ],
)
def test_color_choice_and_environment(
    invoke: Invoke,
    article: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    env: dict[str, str],
    coloured: bool,
) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = invoke("lint", str(article), *args)
    assert (ANSI in result.stdout) is coloured
    if coloured:
        assert click.unstyle(result.stdout) == invoke("lint", str(article), "--color", "never").stdout


def test_no_colour_into_an_output_file_unless_asked(
    invoke: Invoke, article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    target = tmp_path / "lint.txt"
    invoke("lint", str(article), "-o", str(target))
    assert ANSI not in target.read_text(encoding="utf-8")
    invoke("lint", str(article), "-o", str(target), "--color", "always")
    assert ANSI in target.read_text(encoding="utf-8")


def _caret_under(lines: list[str], source: str) -> tuple[int, int]:
    """(column of the first caret, number of carets) under the line ending with ``source``."""
    (i,) = [n for n, line in enumerate(lines) if line.endswith(source)]
    carets = lines[i + 1]
    return carets.index("^"), carets.count("^")


def test_show_source_underlines_the_flagged_span(invoke: Invoke, tmp_path: Path) -> None:
    art = tmp_path / "a.txt"
    art.write_text("Intro.\nMore pricing talks today.\n", encoding="utf-8")
    lines = invoke("lint", str(art), "--show-source").stdout.splitlines()
    (src,) = [line for line in lines if line.endswith("| More pricing talks today.")]
    assert src.startswith("  2 | ")
    assert _caret_under(lines, "| More pricing talks today.") == (src.index("pricing talks"), len("pricing talks"))
    assert invoke("lint", str(art)).stdout.count("|") == 0  # only when asked


def test_show_source_keeps_a_long_line_to_the_context_and_counts_wide_characters(
    invoke: Invoke, tmp_path: Path
) -> None:
    long_line = "Background. " * 20 + "They held pricing talks. " + "More background. " * 20
    art = tmp_path / "a.txt"
    art.write_text(f"会议 pricing talks.\n{long_line}\n", encoding="utf-8")
    lines = invoke("lint", str(art), "--show-source").stdout.splitlines()
    # "会议" takes four terminal columns, so the carets start two columns after the character index
    assert _caret_under(lines, "| 会议 pricing talks.") == (len("  1 | ") + 5, len("pricing talks"))
    (shown,) = [line for line in lines if line.startswith("  2 | ")]
    assert "…" in shown and shown.endswith("…") and len(shown) < len(long_line) // 2
    column, width = _caret_under(lines, shown)
    assert shown[column : column + width] == "pricing talks"


def test_show_source_and_flagged_text_of_a_span_across_lines(invoke: Invoke, tmp_path: Path) -> None:
    art = tmp_path / "a.md"  # in Markdown one paragraph runs across lines
    art.write_text("They held pricing\ntalks.\n", encoding="utf-8")
    result = invoke("lint", str(art), "--show-source")
    assert f'{art}:1:11: major T_PRICING_TALKS "pricing talks": ' in result.stdout  # the flagged words on one line
    lines = result.stdout.splitlines()
    assert _caret_under(lines, "| They held pricing") == (len("  1 | They held "), len("pricing"))


@pytest.mark.languagetool
def test_languagetool_selected_by_engine_and_named_as_required(
    tmp_path: Path, lt_installed: object, write_rules: Callable[[str], Path]
) -> None:
    art = tmp_path / "a.txt"
    art.write_text("More pricing talks. He go to school every days.\n", encoding="utf-8")
    base = [str(art), "--no-builtin-rules", "--rules", str(write_rules(RULES)), "--fluency", "off"]
    run = CliRunner().invoke
    everything = json.loads(run(cli, ["lint", *base, "--require-languagetool", "--format", "json"]).stdout)
    engines = {f["rule_id"]: f["engine"] for f in everything["files"][0]["findings"]}
    lt_ids = sorted(i for i, e in engines.items() if e == "languagetool")
    assert lt_ids and engines["PRICING"] == "rules"
    result = run(cli, ["lint", *base, "--require-languagetool", "--select", "languagetool"])
    assert "PRICING" not in result.stdout and all(f" {i} " in result.stdout for i in lt_ids)
    assert "engines: rules, names, languagetool (required), pivot (required), untranslated" in result.stdout
    # LanguageTool's own ids are known once they fire: ignoring one that fired is no unknown pattern
    result = run(cli, ["lint", *base, "--ignore", lt_ids[0]])
    assert f" {lt_ids[0]} " not in result.stdout and result.stderr == ""
    assert "languagetool (required)" not in result.stdout  # optional by default
