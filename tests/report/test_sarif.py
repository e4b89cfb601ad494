"""SARIF 2.1.0 output: valid against the official OASIS schema; locations and fixes are right."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cleaner.report.sarif import artifact_location, artifact_uri
from tests.support.article_kit import rule_args, run_cli

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))

ARTICLE = "# The *Chinese* chief\n\nMore pricing\ntalks. We conclude an agreement.\n"


def validate(log: dict[str, Any]) -> None:
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    errors = sorted(jsonschema.Draft4Validator(SCHEMA).iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


@pytest.fixture
def sarif(
    tmp_path: Path,
    write_rules: Callable[[str], Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> dict[str, Any]:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a b.md").write_text(ARTICLE, encoding="utf-8")
    code, out, _ = run_cli(capsys, "lint", "news", "missing.md", "--format", "sarif", *rule_args(write_rules))
    assert code == 2  # missing.md is an input error; the rest is still reported
    log: dict[str, Any] = json.loads(out)
    return log


def test_valid_against_the_official_schema(sarif: dict[str, Any]) -> None:
    validate(sarif)
    assert sarif["version"] == "2.1.0"


def test_driver_lists_the_rules_that_fired(sarif: dict[str, Any]) -> None:
    driver = sarif["runs"][0]["tool"]["driver"]
    assert driver["name"] == "cleaner" and driver["version"]
    rules = {r["id"]: r for r in driver["rules"]}
    assert set(rules) == {"T_CHINESE_CHIEF", "T_PRICING_TALKS", "T_CONCLUDE"}
    assert rules["T_CONCLUDE"]["defaultConfiguration"]["level"] == "warning"
    assert rules["T_PRICING_TALKS"]["help"]["text"].startswith("French 'tarif' means tariff")
    for result in sarif["runs"][0]["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_results_have_locations_in_the_original_file(sarif: dict[str, Any]) -> None:
    results = {r["ruleId"]: r for r in sarif["runs"][0]["results"]}
    loc = results["T_PRICING_TALKS"]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "news/a%20b.md"
    assert loc["region"] == {
        "startLine": 3,
        "startColumn": 6,
        "endLine": 4,
        "endColumn": 6,
        "charOffset": ARTICLE.index("pricing"),
        "charLength": len("pricing\ntalks"),
    }
    assert results["T_PRICING_TALKS"]["level"] == "error"
    assert results["T_CONCLUDE"]["level"] == "warning"


def test_fixes_touch_prose_only(sarif: dict[str, Any]) -> None:
    results = {r["ruleId"]: r for r in sarif["runs"][0]["results"]}
    fixed = ARTICLE
    edits = []
    for result in results.values():
        (change,) = result["fixes"][0]["artifactChanges"]
        (rep,) = change["replacements"]
        region = rep["deletedRegion"]
        edits.append((region["charOffset"], region["charLength"], rep["insertedContent"]["text"]))
    for start, length, text in sorted(edits, reverse=True):
        fixed = fixed[:start] + text + fixed[start + length :]
    assert fixed == "# The *Chinese* leader\n\nMore trade\ntalks. We reach an agreement.\n"


def test_input_errors_are_notifications(sarif: dict[str, Any]) -> None:
    invocation = sarif["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "missing.md" in note["message"]["text"]


def test_empty_run_is_valid(
    tmp_path: Path, write_rules: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    art = tmp_path / "clean.txt"
    art.write_text("Nothing to see.\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "lint", str(art), "--format", "sarif", *rule_args(write_rules))
    assert code == 0
    log = json.loads(out)
    validate(log)
    assert log["runs"][0]["results"] == []


def test_artifact_uri(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert artifact_uri(str(tmp_path / "news" / "a.md")) == "news/a.md"
    assert artifact_uri("./news/../news/a.md") == "news/a.md"
    assert artifact_uri("<stdin>") == "stdin"
    assert artifact_uri("/elsewhere/x#1.md") == "file:///elsewhere/x%231.md"
    assert artifact_location("news/a.md") == {"uri": "news/a.md", "uriBaseId": "%SRCROOT%"}
    assert artifact_location("/elsewhere/a.md") == {"uri": "file:///elsewhere/a.md"}


def test_paths_are_relative_to_srcroot(sarif: dict[str, Any], tmp_path: Path) -> None:
    run = sarif["runs"][0]
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base.startswith("file:///") and base.endswith("/")
    assert run["results"]
    for r in run["results"]:
        loc = r["locations"][0]["physicalLocation"]["artifactLocation"]
        assert loc["uriBaseId"] == "%SRCROOT%" and not loc["uri"].startswith("/")


def _lint_sarif(capsys: pytest.CaptureFixture[str], write_rules: Any, path: Path) -> dict[str, Any]:
    code, out, _ = run_cli(capsys, "lint", str(path), "--format", "sarif", *rule_args(write_rules))
    assert code == 1
    log = json.loads(out)
    validate(log)
    return log


def test_fingerprints_survive_moved_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], write_rules: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    art = tmp_path / "a.txt"
    body = "They held pricing talks in May.\nLater they held pricing talks again.\n"
    art.write_text(body, encoding="utf-8")
    before = _lint_sarif(capsys, write_rules, art)["runs"][0]["results"]
    art.write_text("A new first paragraph.\n\n" + body, encoding="utf-8")
    after = _lint_sarif(capsys, write_rules, art)["runs"][0]["results"]
    key = "cleanerFinding/v1"
    assert [r["partialFingerprints"][key] for r in before] == [r["partialFingerprints"][key] for r in after]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after] == [3, 4]
    assert len({r["partialFingerprints"][key] for r in after}) == 2
    art.write_text(body.replace("in May", "in June"), encoding="utf-8")
    changed = _lint_sarif(capsys, write_rules, art)["runs"][0]["results"]
    assert changed[0]["partialFingerprints"][key] != before[0]["partialFingerprints"][key]
    assert changed[1]["partialFingerprints"][key] == before[1]["partialFingerprints"][key]


PIVOT_RULE = """\
domain: test
rules:
  - id: T_PRICES
    match: "20% prices"
    replace: "20% tariffs"
    message: "French 'tarif' means tariff."
    category: mistranslation
    severity: major
    confidence: 0.9
    pivots: [fr, es]
    examples:
      - bad: "They set 20% prices on steel."
        good: "They set 20% tariffs on steel."
      - ok: "They set 20% tariffs on steel."
"""


def test_rule_help_carries_message_pivots_and_examples_and_a_versioned_docs_link(
    tmp_path: Path, write_rules: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    from cleaner import __version__

    art = tmp_path / "a.md"
    art.write_text("They set 20% prices on steel.\n", encoding="utf-8")
    rules = ["--no-builtin-rules", "--rules", str(write_rules(PIVOT_RULE)), "--no-languagetool", "--fluency", "off"]
    code, out, _ = run_cli(capsys, "lint", str(art), "--format", "sarif", *rules)
    assert code == 1
    log = json.loads(out)
    validate(log)
    (rule,) = log["runs"][0]["tool"]["driver"]["rules"]
    markdown = rule["help"]["markdown"]
    assert markdown.startswith("**T_PRICES** (mistranslation, major)\n\nFrench 'tarif' means tariff.")
    assert "Pivot languages: fr, es." in markdown
    assert "- ✗ They set 20% prices on steel. → ✓ They set 20% tariffs on steel." in markdown
    assert "- ✓ They set 20% tariffs on steel. (left alone)" in markdown
    assert rule["help"]["text"].splitlines() == [
        "French 'tarif' means tariff.",
        "Pivot languages: fr, es.",
        "Bad: They set 20% prices on steel. -> good: They set 20% tariffs on steel.",
        "OK (left alone): They set 20% tariffs on steel.",
    ]
    assert rule["helpUri"].endswith(f"/blob/v{__version__}/docs/rules.md#looking-up-a-rule")
    assert rule["helpUri"].startswith("https://")
