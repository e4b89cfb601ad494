"""``cleaner eval --roundtrip`` on three hand-made pairs, every number checked against a hand computation.

tests/evaluation/data/roundtrip/pairs.jsonl, with the toy rules of tests/evaluation/data/rules:

- 1 "A huge dog barked." → "A very big dog barked.": gold [2,10) (phrase).  TOY_VERY_BIG
  flags [2,10) (major) and fixes it back: the document gets better.
- 2 "He wore green shoes." unchanged: no gold.  TOY_GREEN_SHOES (info, no fix) flags both
  the garble and the original: a false hit and a false alarm, not failing.
- 3 "They take a decision today." → "... now.": gold [21,24) (word), missed.
  TOY_TAKE_A_DECISION (minor) flags [5,20) and "fixes" it: the document gets worse;
  it fires on the original too (a failing false alarm).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import sacrebleu
from click.testing import CliRunner

from cleaner.cli import cli, main

DATA = Path(__file__).parent / "data"
PAIRS = DATA / "roundtrip" / "pairs.jsonl"
RULES = ["--no-builtin-rules", "--rules", str(DATA / "rules"), "--no-progress"]


def run(tmp_path: Path, *args: str) -> tuple[dict[str, Any], str]:
    summary = tmp_path / "summary.json"
    result = CliRunner().invoke(cli, ["eval", "--roundtrip", str(PAIRS), *args, "--summary", str(summary)])
    assert result.exit_code == 0, result.output
    return json.loads(summary.read_text(encoding="utf-8"))["roundtrip"], result.stdout


@pytest.fixture(scope="module")
def rules_only(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], str]:
    return run(tmp_path_factory.mktemp("rt"), "--engines", "rules", *RULES)


def chrf(hyp: str, ref: str) -> float:
    return float(sacrebleu.sentence_chrf(hyp, [ref]).score)


def test_span_scores(rules_only: tuple[dict[str, Any], str]) -> None:
    rt = rules_only[0]
    assert (rt["pairs"], rt["gold_spans"]) == (3, 2)
    assert list(rt["engine_sets"]) == ["rules"]
    run = rt["engine_sets"]["rules"]
    assert run["findings"] == 3
    span = run["span"]
    assert (span["p_hits"], span["p_total"], span["r_hits"], span["r_total"]) == (1, 3, 1, 2)
    assert span["f1"] == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))


def test_per_kind(rules_only: tuple[dict[str, Any], str]) -> None:
    rt = rules_only[0]
    assert rt["gold_by_kind"]["phrase"] == 1 and rt["gold_by_kind"]["word"] == 1
    kinds = rt["engine_sets"]["rules"]["by_kind"]
    # phrase: one finding on it, two on nothing; word: none on it.
    assert (kinds["phrase"]["p_hits"], kinds["phrase"]["p_total"], kinds["phrase"]["recall"]) == (1, 3, 1.0)
    assert (kinds["word"]["p_hits"], kinds["word"]["p_total"], kinds["word"]["recall"]) == (0, 2, 0.0)
    assert kinds["dropped"]["r_total"] == 0


def test_restoration(rules_only: tuple[dict[str, Any], str]) -> None:
    fix = rules_only[0]["engine_sets"]["rules"]["fix"]
    gain_1 = chrf("A huge dog barked.", "A huge dog barked.") - chrf("A very big dog barked.", "A huge dog barked.")
    ref_3 = "They take a decision today."
    gain_3 = chrf("They make a decision now.", ref_3) - chrf("They take a decision now.", ref_3)
    assert gain_1 > 0 > gain_3
    assert fix["chrf_gain_mean"] == pytest.approx((gain_1 + 0 + gain_3) / 3)
    assert (fix["better"], fix["worse"], fix["unchanged"]) == (1, 1, 1)
    assert rules_only[0]["engine_sets"]["rules"]["first_replacement"]["chrf_gain_mean"] == pytest.approx(
        fix["chrf_gain_mean"]
    )


def test_false_alarms_on_the_originals(rules_only: tuple[dict[str, Any], str]) -> None:
    orig = rules_only[0]["engine_sets"]["rules"]["originals"]
    assert (orig["documents"], orig["words"], orig["findings"], orig["major"], orig["failing"]) == (3, 13, 2, 0, 1)
    assert orig["per_1000_all"] == pytest.approx(2000 / 13)
    assert orig["per_1000_failing"] == pytest.approx(1000 / 13)


def test_rules_and_misses(rules_only: tuple[dict[str, Any], str]) -> None:
    rt, table = rules_only
    by_rule = {r["rule"]: r for r in rt["rules"]}
    assert {k: by_rule["rules:TOY_VERY_BIG"][k] for k in ("fires", "hits", "gold_hit", "original_fires")} == {
        "fires": 1,
        "hits": 1,
        "gold_hit": 1,
        "original_fires": 0,
    }
    assert (by_rule["rules:TOY_TAKE_A_DECISION"]["hits"], by_rule["rules:TOY_TAKE_A_DECISION"]["original_fires"]) == (
        0,
        1,
    )
    assert rt["top_misses"] == [{"original": "today", "garbled": "now", "kind": "word", "count": 1}]
    assert "| `today` | `now` | word | 1 |" in table
    assert "| span P / R / F1 (%) | 33.3 / 50.0 / 40.0 |" in table


def test_each_engine_alone_and_all_together(tmp_path: Path) -> None:
    rt, table = run(tmp_path, "--engines", "rules,names", *RULES)
    assert list(rt["engine_sets"]) == ["all (rules+names)", "rules", "names"]
    assert rt["engine_sets"]["names"]["findings"] == 0
    assert rt["engine_sets"]["all (rules+names)"]["span"] == rt["engine_sets"]["rules"]["span"]
    assert "| metric | all (rules+names) | rules | names |" in table


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "x", "original": "A."}', "line 2: field 'garbled' missing"),
        ('{"id": "x", "original": "A.\\nB.", "garbled": "A."}', "line 2: x: original has 2 lines but garbled has 1"),
        ("not json", "line 2: not JSON"),
    ],
)
def test_bad_input_is_one_line_naming_file_and_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, message: str
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(PAIRS.read_text(encoding="utf-8").splitlines()[0] + "\n" + line + "\n", encoding="utf-8")
    code = main(["eval", "--roundtrip", str(bad), "--engines", "rules", *RULES])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert err == f"error: {bad}: {message}" or err.startswith(f"error: {bad}: {message} (")


@pytest.mark.usefixtures("languagetool_home")
def test_languagetool_for_real(tmp_path: Path) -> None:
    """The real LanguageTool server through cleaner's selection: it finds "a apple" and leaves the original alone."""
    pairs = tmp_path / "lt.jsonl"
    record = {
        "id": "lt:1:rt-spa",
        "original": "I have an apple.\nShe smiled.",
        "garbled": "I have a apple.\nShe smiled.",
    }
    pairs.write_text(json.dumps(record) + "\n", encoding="utf-8")
    summary = tmp_path / "summary.json"
    args = ["eval", "--roundtrip", str(pairs), "--engines", "languagetool", "--no-progress", "--summary", str(summary)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    rt = json.loads(summary.read_text(encoding="utf-8"))["roundtrip"]
    lt = rt["engine_sets"]["languagetool"]
    assert (lt["span"]["r_hits"], lt["span"]["r_total"]) == (1, 1)
    assert lt["span"]["p_hits"] == lt["span"]["p_total"] >= 1
    assert all(r["rule"].startswith("languagetool:") for r in rt["rules"])
    assert lt["originals"]["findings"] == 0
    assert lt["first_replacement"]["better"] == 1


def test_write_precision_and_the_rules_below_their_declared_confidence(tmp_path: Path) -> None:
    """The round-trip pairs and the MQM fixture together: each toy rule's fires and hits, summed."""
    table = tmp_path / "measured-precision.json"
    summary = tmp_path / "summary.json"
    args = ["eval", str(DATA / "mqm_articles.jsonl"), "--roundtrip", str(PAIRS), "--engines", "rules", *RULES]
    result = CliRunner().invoke(cli, [*args, "--write-precision", str(table), "--summary", str(summary)])
    assert result.exit_code == 0, result.output
    rules = json.loads(table.read_text(encoding="utf-8"))["rules"]
    # TOY_VERY_BIG: right on pair 1 and on MQM A1; TOY_TAKE_A_DECISION: wrong on pair 3 and its
    # original, right on MQM A2 (lenient: the punctuation annotation); TOY_GREEN_SHOES: wrong three times.
    counts = {rule: (e["fires"], e["hits"], e["declared"]) for rule, e in rules.items()}
    assert counts == {"TOY_VERY_BIG": (2, 2, 0.9), "TOY_TAKE_A_DECISION": (3, 1, 0.9), "TOY_GREEN_SHOES": (3, 0, 0.5)}
    # each replacement alone against the reference: "huge" wins twice; "make a decision" wins on MQM
    # (it is the reference's wording) and loses on pair 3 (the original says "take")
    fixes = {rule: (e["fix_wins"], e["fix_losses"]) for rule, e in rules.items()}
    assert fixes == {"TOY_VERY_BIG": (2, 0), "TOY_TAKE_A_DECISION": (1, 1), "TOY_GREEN_SHOES": (0, 0)}
    below = json.loads(summary.read_text(encoding="utf-8"))["precision"]["below_declared"]
    assert [r["rule"] for r in below] == ["TOY_TAKE_A_DECISION", "TOY_GREEN_SHOES"]
    assert "Rules whose measured precision is below their declared confidence (2 of 3" in result.stdout


def test_write_precision_needs_the_rule_engine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = str(tmp_path / "t.json")
    code = main(["eval", "--roundtrip", str(PAIRS), "--engines", "names", "--write-precision", table])
    assert code == 2
    assert "--write-precision needs the rule engine" in capsys.readouterr().err
