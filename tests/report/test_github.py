"""GitHub workflow-command annotations: one line per finding, escaped as the runner expects."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cleaner.report.github import command, escape_data, escape_property
from tests.support.article_kit import rule_args, run_cli


def test_escaping() -> None:
    assert escape_data("100% sure\r\nnext: a, b") == "100%25 sure%0D%0Anext: a, b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert (
        command("warning", "m: x, y", file="a,b.md", line=3, title="R:1")
        == "::warning file=a%2Cb.md,line=3,title=R%3A1::m: x, y"
    )
    assert command("notice", "plain") == "::notice::plain"


def test_lint_annotations(
    tmp_path: Path,
    write_rules: Callable[[str], Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("More pricing talks.\n\nWe conclude an agreement.\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "lint", "a.md", "nope.txt", "--format", "github", *rule_args(write_rules))
    assert code == 2
    assert out.splitlines() == [
        "::error file=nope.txt,title=input error::no such file or folder",
        "::error file=a.md,line=1,col=6,endLine=1,endColumn=19,title=T_PRICING_TALKS::"
        "French 'tarif' means tariff: pricing talks are trade talks. (→ trade talks)",
        "::warning file=a.md,line=3,col=4,endLine=3,endColumn=25,title=T_CONCLUDE::"
        "'conclure un accord' is 'reach an agreement'. (→ reach an agreement)",
        "cleaner: 2 findings (1 major, 1 minor, 0 info) in 1 file; 1 input error; engines: rules, names, untranslated",
    ]
