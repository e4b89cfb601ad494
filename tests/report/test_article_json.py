"""The JSON twin of the article report carries the same data as the HTML page."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from cleaner.report.article_json import SCHEMA, VERSION, article_dict, render_article_json
from cleaner.report.html import render_article_html
from tests.support.article_kit import rule_args, run_cli
from tests.support.report_fakes import analyze, trade_result


def test_the_twin_has_scores_readability_counts_and_texts() -> None:
    result = trade_result()
    data = json.loads(render_article_json(result))
    assert data["schema"] == SCHEMA and data["version"] == VERSION
    assert data["path"] == "trade.txt" and data["name"] == "trade.txt"
    assert data["garble_score"] == result.garble_score
    assert "per 100 words" in data["garble_score_explained"]
    assert data["readability"] == {
        "before": result.readability_before.as_dict(),
        "after": result.readability_after.as_dict(),
    }
    assert data["counts"] == {
        "findings": 4,
        "applied": 3,
        "suggested": 1,
        "by_severity": {"major": 3, "minor": 1, "info": 0},
        "by_category": {"mistranslation": 2, "calque": 1, "title": 1},
        "by_engine": {"rules": 4},
    }
    assert data["threshold"] == 0.8
    assert data["original_text"] == result.source.text
    assert data["corrected_text"] == result.corrected


def test_applied_edits_carry_before_and_after_text_and_rebuild_the_correction() -> None:
    data = article_dict(trade_result())
    original, corrected = data["original_text"], data["corrected_text"]
    assert [(e["before"], e["after"]) for e in data["edits"]] == [
        ("pricing", "trade"),
        ("chief", "leader"),
        ("prices", "tariffs"),
    ]
    assert [(e["finding_text"], e["replacement"]) for e in data["edits"]][1] == ("Chinese chief", "Chinese leader")
    rebuilt, pos = [], 0
    for e in data["edits"]:
        assert original[e["start"] : e["end"]] == e["before"]
        assert corrected[e["output_start"] : e["output_end"]] == e["after"]
        rebuilt += [original[pos : e["start"]], e["after"]]
        pos = e["end"]
    assert "".join([*rebuilt, original[pos:]]) == corrected


def test_suggestions_carry_the_reason() -> None:
    data = article_dict(trade_result())
    [suggestion] = data["suggestions"]
    assert suggestion["rule_id"] == "T_CONCLUDE"
    assert suggestion["text"] == "conclude an agreement"
    assert suggestion["replacements"] == ["reach an agreement"]
    assert suggestion["reason"] == "confidence 0.60 below threshold 0.80"
    finding = data["findings"][suggestion["finding"] - 1]
    assert finding["status"] == "suggested" and finding["applied"] is None


def test_every_finding_has_its_details_and_status() -> None:
    data = article_dict(trade_result())
    assert [f["id"] for f in data["findings"]] == [1, 2, 3, 4]
    chief = data["findings"][1]
    assert {k: chief[k] for k in ("rule_id", "engine", "category", "severity", "confidence", "status")} == {
        "rule_id": "T_CHIEF",
        "engine": "rules",
        "category": "title",
        "severity": "major",
        "confidence": 0.85,
        "status": "applied",
    }
    assert (chief["line"], chief["column"]) == (3, 11)
    assert chief["text"] == "Chinese chief" and chief["applied"] == "Chinese leader"
    assert chief["replacements"] == ["Chinese leader", "Chinese President"]
    assert chief["alternatives"] == ["Chinese President"]


def test_the_html_page_embeds_the_same_findings() -> None:
    result = trade_result()
    soup = BeautifulSoup(render_article_html(result), "html.parser")
    embedded = json.loads(soup.find("script", id="report-data").string)  # type: ignore[union-attr, arg-type]
    assert embedded["findings"] == article_dict(result)["findings"]


def test_non_ascii_text_is_kept_readable() -> None:
    result = analyze("Le café 😀 pricing talks.\n", [])
    text = render_article_json(result)
    assert "café 😀" in text
    assert json.loads(text)["findings"] == []


def test_markdown_report_counts_applied_edits_and_every_edit_names_its_finding(
    tmp_path: Path, write_rules: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: an edit narrowed around ``*…*`` markup used to point at a copy of its finding."""
    article = tmp_path / "a.md"
    article.write_text(
        "Trump and *Chinese* chief Xi Jinping spoke on Friday. It was hard to conclude an agreement.\n",
        encoding="utf-8",
    )
    code, _, err = run_cli(capsys, "report", str(article), "--out", str(tmp_path / "out"), *rule_args(write_rules))
    assert code == 1, err
    data = json.loads((tmp_path / "out" / "a.json").read_text(encoding="utf-8"))
    findings = {f["id"]: f for f in data["findings"]}
    assert data["counts"]["applied"] == len(data["edits"]) == 2
    assert data["counts"]["suggested"] == len(data["suggestions"]) == 0
    assert all(edit["finding"] in findings for edit in data["edits"])
    assert {findings[e["finding"]]["rule_id"] for e in data["edits"]} == {"T_CHINESE_CHIEF", "T_CONCLUDE"}
    assert all(f["status"] == "applied" and f["reason"] is None for f in findings.values())
    assert data["corrected_text"].startswith("Trump and *Chinese* leader Xi Jinping")
