"""``cleaner fix``: in-place atomic corrections, --diff, --dry-run, stdin, exit codes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from cleaner.errors import ExitCode
from tests.support.cmd_fixtures import ARTICLE, FIXED, Invoke, cli_runner, write_rules


@pytest.fixture
def invoke(tmp_path: Path) -> Invoke:
    return cli_runner(tmp_path)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE)
    return path


def test_fixes_in_place_and_summarises(invoke: Invoke, article: Path) -> None:
    result = invoke("fix", str(article))
    assert article.read_text() == FIXED
    assert result.stdout.strip() == f"{article}: 1 edit applied, 2 suggestions"
    assert result.exit_code == ExitCode.FINDINGS  # the minor suggestion is still there


def test_exit_0_when_nothing_at_fail_on_remains_after_fixing(invoke: Invoke, article: Path) -> None:
    assert invoke("lint", str(article), "--fail-on", "major").exit_code == ExitCode.FINDINGS
    assert invoke("fix", str(article), "--fail-on", "major").exit_code == ExitCode.OK


def test_threshold_decides_what_is_applied(invoke: Invoke, article: Path) -> None:
    result = invoke("fix", str(article), "--threshold", "0.5")
    assert article.read_text() == FIXED.replace("conclude", "reach")
    assert "2 edits applied, 1 suggestion" in result.stdout
    assert result.exit_code == ExitCode.OK  # only an info finding is left


def test_keeps_mode_bom_and_crlf(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode())
    path.chmod(0o600)
    invoke("fix", str(path))
    assert path.read_bytes() == b"\xef\xbb\xbf" + FIXED.replace("\n", "\r\n").encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_diff_prints_a_unified_diff_and_writes_nothing(invoke: Invoke, article: Path) -> None:
    before = article.stat().st_mtime_ns
    result = invoke("fix", "--diff", str(article))
    name = str(article).lstrip("/")
    assert result.stdout.splitlines() == [
        f"--- a/{name}",
        f"+++ b/{name}",
        "@@ -1,2 +1,2 @@",
        "-They held pricing talks.",
        "+They held trade talks.",
        " It is hard to conclude an agreement, said the census office.",
    ]
    assert "1 edit to apply, 2 suggestions" in result.stderr
    assert article.read_text() == ARTICLE and article.stat().st_mtime_ns == before
    assert result.exit_code == ExitCode.FINDINGS


def test_diff_exits_1_while_changes_are_pending(invoke: Invoke, article: Path) -> None:
    # only the major finding fails the check, and fixing resolves it: what is left is the pending change
    assert invoke("fix", "--diff", "--fail-on", "major", str(article)).exit_code == ExitCode.FINDINGS
    assert invoke("fix", "--dry-run", "--fail-on", "major", str(article)).exit_code == ExitCode.OK
    invoke("fix", str(article))
    result = invoke("fix", "--diff", "--fail-on", "major", str(article))
    assert (result.exit_code, result.stdout) == (ExitCode.OK, "")


def test_diff_marks_a_missing_final_newline(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("They held pricing talks.")
    result = invoke("fix", "--diff", str(path))
    assert result.stdout.splitlines()[-4:] == [
        "-They held pricing talks.",
        "\\ No newline at end of file",
        "+They held trade talks.",
        "\\ No newline at end of file",
    ]


def test_dry_run_writes_nothing(invoke: Invoke, article: Path) -> None:
    result = invoke("fix", "--dry-run", str(article))
    assert article.read_text() == ARTICLE
    assert result.stdout.strip() == f"{article}: 1 edit to apply, 2 suggestions"


def test_fixing_twice_changes_nothing_more(invoke: Invoke, article: Path) -> None:
    invoke("fix", str(article))
    second = invoke("fix", str(article))
    assert article.read_text() == FIXED
    assert "0 edits applied, 2 suggestions" in second.stdout


def test_stdin_prints_the_corrected_text(invoke: Invoke) -> None:
    result = invoke("fix", "-", input=ARTICLE)
    assert result.stdout == FIXED
    assert "<stdin>: 1 edit applied, 2 suggestions" in result.stderr


def test_a_file_that_cannot_be_read_is_reported_and_the_rest_fixed(
    invoke: Invoke, article: Path, tmp_path: Path
) -> None:
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\0\1\2")
    result = invoke("fix", str(binary), str(article), str(tmp_path / "missing.txt"))
    assert result.exit_code == ExitCode.ERROR
    assert "binary file" in result.stderr and "no such file" in result.stderr
    assert binary.read_bytes() == b"\0\1\2"
    assert article.read_text() == FIXED
    assert result.stdout == f"{article}: 1 edit applied, 2 suggestions\n"


def test_a_total_line_follows_several_files(invoke: Invoke, article: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("Nothing to see.\n")
    result = invoke("fix", str(clean), str(article))
    assert result.stdout.splitlines() == [
        f"{clean}: 0 edits applied, 0 suggestions",
        f"{article}: 1 edit applied, 2 suggestions",
        "1 edit applied in 1 file of 2, 2 suggestions",
    ]
    assert clean.read_text() == "Nothing to see.\n"


def test_a_file_that_cannot_be_written_is_reported_and_left_untouched(
    invoke: Invoke, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_replace = os.replace

    def refuse(src: str, dst: str) -> None:
        """Refuse renames into the target folder only (the rule cache elsewhere still works)."""
        if Path(dst).parent == article.parent:
            raise PermissionError(13, "Permission denied")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", refuse)
    result = invoke("fix", str(article))
    assert result.exit_code == ExitCode.ERROR
    assert f"error: {article}: cannot write: Permission denied; left unchanged" in result.stderr
    assert article.read_text() == ARTICLE
    assert [p.name for p in article.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_a_file_changed_during_the_check_is_left_alone(
    invoke: Invoke, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cleaner.commands.lint import analyze_all as real

    def analyze_then_edit(*args, **kwargs):
        found = real(*args, **kwargs)
        article.write_text("Someone else's edit.\n")
        return found

    monkeypatch.setattr("cleaner.commands.fix.analyze_all", analyze_then_edit)
    result = invoke("fix", str(article))
    assert result.exit_code == ExitCode.ERROR
    assert "changed while it was being checked" in result.stderr
    assert article.read_text() == "Someone else's edit.\n"


def test_run_fix_is_callable_without_the_cli(article: Path, tmp_path: Path) -> None:
    from cleaner.checks.registry import Mode
    from cleaner.checks.rules.settings import RuleSettings
    from cleaner.commands.fix import run_fix
    from cleaner.config.settings import Settings

    rules = write_rules(tmp_path)
    settings = Settings(rules=RuleSettings((rules,), builtin=False, use_cache=False), modes={"languagetool": Mode.OFF})
    out: list[str] = []
    err: list[str] = []
    code = run_fix([str(article)], settings, diff=False, dry_run=False, out=out.append, err=err.append)
    assert code == ExitCode.FINDINGS
    assert out == [f"{article}: 1 edit applied, 2 suggestions"] and err == []
    assert article.read_text() == FIXED


def test_ignore_and_select_decide_what_is_fixed(invoke: Invoke, article: Path) -> None:
    result = invoke("fix", str(article), "--threshold", "0.5", "--ignore", "T_PRICING_TALKS")
    assert article.read_text() == ARTICLE.replace("conclude", "reach")  # the ignored rule's fix is not applied
    assert result.stdout.strip() == f"{article}: 1 edit applied, 1 suggestion"  # T_CONCLUDE applied, T_CENSUS left
    article.write_text(ARTICLE)
    result = invoke("fix", str(article), "--select", "T_CENSUS,NOPE")
    assert article.read_text() == ARTICLE  # T_CENSUS has no replacement
    assert result.exit_code == ExitCode.OK  # only an info suggestion is left
    (warning,) = result.stderr.splitlines()
    assert warning.startswith("warning: ") and "--select NOPE" in warning
