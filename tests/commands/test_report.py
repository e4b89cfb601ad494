"""``cleaner report``: an HTML page and a JSON twin per article, and an index, in one folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from cleaner.commands.report import report_stems
from cleaner.errors import ExitCode
from tests.support.cmd_fixtures import ARTICLE, Invoke, cli_runner

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def invoke(tmp_path: Path) -> Invoke:
    return cli_runner(tmp_path)


def links(index: Path) -> list[str]:
    soup = BeautifulSoup(index.read_text(), "html.parser")
    return [str(a["href"]) for a in soup.select("td.article a")]


def test_writes_html_and_json_per_article_and_an_index(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "seed.txt").write_text(ARTICLE)
    (tmp_path / "in" / "clean.txt").write_text("A clean article about trade talks.\n")
    out = tmp_path / "reports"
    result = invoke("report", str(tmp_path / "in"), "--out", str(out))
    assert result.exit_code == ExitCode.FINDINGS
    assert sorted(p.name for p in out.iterdir()) == ["clean.html", "clean.json", "index.html", "seed.html", "seed.json"]
    assert links(out / "index.html") == ["seed.html", "clean.html"]
    data = json.loads((out / "seed.json").read_text())
    assert data["path"] == str(tmp_path / "in" / "seed.txt")
    assert [f["rule_id"] for f in data["findings"]] == ["T_PRICING_TALKS", "T_CONCLUDE", "T_CENSUS"]
    assert [f["status"] for f in data["findings"]] == ["applied", "suggested", "suggested"]
    page = BeautifulSoup((out / "seed.html").read_text(), "html.parser")
    assert page.select_one("#redline del").get_text() == "pricing"  # type: ignore[union-attr]
    assert page.find("a", href="index.html") is not None
    assert f"wrote 2 article reports (HTML and JSON) and {out / 'index.html'}" in result.stdout
    assert (tmp_path / "in" / "seed.txt").read_text() == ARTICLE  # reports never touch the articles


def test_exit_codes_follow_lint(invoke: Invoke, tmp_path: Path) -> None:
    article = tmp_path / "info.txt"
    article.write_text("Figures from the census office.\n")
    assert invoke("report", str(article), "--out", str(tmp_path / "r1")).exit_code == ExitCode.OK
    assert invoke("report", str(article), "--out", str(tmp_path / "r2"), "--fail-on", "info").exit_code == 1


def test_threshold_is_used_for_the_plan(invoke: Invoke, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    invoke("report", str(article), "--out", str(tmp_path / "out"), "--threshold", "0.5")
    data = json.loads((tmp_path / "out" / "a.json").read_text())
    assert data["threshold"] == 0.5
    assert data["counts"]["applied"] == 2


def test_name_collisions_get_a_suffix(invoke: Invoke, tmp_path: Path) -> None:
    for rel in ("a.txt", "a.md", "sub/a.txt", "index.txt"):
        path = tmp_path / "in" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(ARTICLE)
    out = tmp_path / "out"
    invoke("report", str(tmp_path / "in"), "--out", str(out))
    names = sorted(p.name for p in out.glob("*.html"))
    assert names == ["a-2.html", "a-3.html", "a.html", "index-2.html", "index.html"]
    assert sorted(links(out / "index.html")) == ["a-2.html", "a-3.html", "a.html", "index-2.html"]
    assert sorted(p.name for p in out.glob("*.json")) == ["a-2.json", "a-3.json", "a.json", "index-2.json"]


def test_report_stems() -> None:
    assert report_stems(["x/A.txt", "y/a.md", "index.md", "<stdin>", "we ird#name?.txt", ".hidden.txt"]) == [
        "A",
        "a-2",
        "index-2",
        "stdin",
        "we_ird_name_",
        "hidden",
    ]


def test_unreadable_input_is_listed_and_exits_2(invoke: Invoke, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ab\x00\xffcd")  # binary (FF FE would now be read as a UTF-16 byte-order mark)
    out = tmp_path / "out"
    result = invoke("report", str(good), str(bad), "--out", str(out))
    assert result.exit_code == ExitCode.ERROR
    assert (out / "good.html").exists() and not (out / "bad.html").exists()
    index = (out / "index.html").read_text()
    assert "Not checked (1)" in index and "bad.txt" in index


def test_a_report_that_cannot_be_written_exits_2(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)

    real_replace = os.replace

    def refuse(src: str, dst: str) -> None:
        """Refuse renames into the target folder only (the rule cache elsewhere still works)."""
        if Path(dst).parent == tmp_path / "out":
            raise PermissionError(13, "Permission denied")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", refuse)
    result = invoke("report", str(article), "--out", str(tmp_path / "out"))
    assert result.exit_code == ExitCode.ERROR
    assert "cannot write: Permission denied" in result.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == []


def test_an_output_path_that_is_a_file_exits_2(invoke: Invoke, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    (tmp_path / "taken").write_text("a file")
    result = invoke("report", str(article), "--out", str(tmp_path / "taken"))
    assert result.exit_code == ExitCode.ERROR


def test_every_sample_article_gets_a_report(invoke: Invoke, tmp_path: Path) -> None:
    seeds = sorted((REPO / "seeds").glob("*.txt"))
    assert seeds
    out = tmp_path / "reports"
    invoke("report", str(REPO / "seeds"), "--out", str(out))
    assert sorted(p.stem for p in out.glob("*.html") if p.name != "index.html") == sorted(p.stem for p in seeds)
    assert sorted(p.stem for p in out.glob("*.json")) == sorted(p.stem for p in seeds)
    assert len(links(out / "index.html")) == len(seeds)


def test_select_and_ignore_decide_what_the_report_shows(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "seed.txt").write_text(ARTICLE)
    out = tmp_path / "reports"
    result = invoke("report", str(tmp_path / "seed.txt"), "--out", str(out), "--select", "T_C", "--ignore", "T_CENSUS")
    assert result.exit_code == ExitCode.FINDINGS  # T_CONCLUDE is minor
    assert result.stderr == ""
    data = json.loads((out / "seed.json").read_text())
    assert [f["rule_id"] for f in data["findings"]] == ["T_CONCLUDE"]
