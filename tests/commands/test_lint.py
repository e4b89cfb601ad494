"""`cleaner lint` end to end through the real CLI entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from cleaner.cli import main

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
    assert f"{art}:2:6: major PRICING French 'tarif' means tariff. (→ trade talks)" in out
    assert out.strip().endswith("1 finding (1 major, 0 minor, 0 info) in 1 file")


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
