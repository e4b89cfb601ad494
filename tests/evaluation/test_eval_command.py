"""``cleaner eval`` on the hand-made fixture: every number checked against a hand computation.

The fixture (tests/evaluation/data) has five MT segments in three articles, a
human translation (ignored), two clean documents and three toy rules:

- A1 "The very big dog barked."  gold: target [4,12) by 2 raters, Major [4,12).
  TOY_VERY_BIG flags [4,12) (major) and fixes it to the reference.
- A2 "They take a decision today."  gold: target [21,26); a punctuation
  annotation [5,9) (not target, but counts for lenient precision).
  TOY_TAKE_A_DECISION flags [5,20) (minor) and fixes it to the reference.
- B1 "He wore green shoes."  gold: a Neutral annotation only.  TOY_GREEN_SHOES
  flags [8,19) (info, no fix): a false alarm.
- B2 "It rained all day." (suspect_leaked_edit)  gold: target [3,13) by
  2 raters, Major [3,9), an omission (not target).  Nothing flagged.
- C1 "Prices rose."  no errors, nothing flagged.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import sacrebleu
from click.testing import CliRunner

from cleaner.cli import cli

DATA = Path(__file__).parent / "data"
RULE_ARGS = ["--engines", "rules", "--no-builtin-rules", "--rules", str(DATA / "rules"), "--no-progress"]


def run_eval(runner: CliRunner, tmp_path: Path, corpus: str, *extra: str) -> tuple[dict[str, Any], str]:
    summary = tmp_path / "summary.json"
    args = ["eval", str(DATA / corpus), "--clean", str(DATA / "clean.jsonl"), *RULE_ARGS]
    result = runner.invoke(cli, [*args, "--summary", str(summary), *extra])
    assert result.exit_code == 0, result.output
    return json.loads(summary.read_text(encoding="utf-8")), result.stdout


def prf(block: dict[str, Any]) -> tuple[float, float, float]:
    return block["precision"], block["recall"], block["f1"]


@pytest.fixture(scope="module", params=["mqm_segments.jsonl", "mqm_articles.jsonl"])
def summary(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    data, _ = run_eval(CliRunner(), tmp_path_factory.mktemp("eval"), request.param)
    return data


def test_counts(summary: dict[str, Any]) -> None:
    mqm = summary["mqm"]
    assert (mqm["articles"], mqm["segments"], mqm["words"]) == (3, 5, 20)
    assert (mqm["gold_target_spans"], mqm["gold_major_spans"], mqm["predicted_spans"]) == (3, 2, 3)
    assert mqm["predicted_by_severity"] == {"major": 1, "minor": 1, "info": 1}


def test_span_level(summary: dict[str, Any]) -> None:
    span = summary["mqm"]["span"]
    # 3 predictions; A1 hits a target span, A2 hits only the punctuation annotation, B1 hits nothing.
    # Target spans A1, A2 "today", B2: only A1 is hit.
    assert prf(span["lenient"]) == pytest.approx((2 / 3, 1 / 3, 4 / 9))
    assert prf(span["strict"]) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    # Major spans: A1 [4,12) hit, B2 [3,9) missed; precision counts predictions hitting a major span
    assert prf(span["major"]) == pytest.approx((1 / 3, 1 / 2, 2 / 5))
    # ≥2 raters: A1 and B2
    assert prf(span["agreed"]) == pytest.approx((1 / 3, 1 / 2, 2 / 5))
    # without the suspect segment B2: target spans A1, A2 only
    assert prf(summary["mqm"]["span_without_suspect"]["strict"]) == pytest.approx((1 / 3, 1 / 2, 2 / 5))
    assert prf(summary["mqm"]["span_without_suspect"]["major"]) == pytest.approx((1 / 3, 1.0, 1 / 2))


def test_char_level_and_span_length(summary: dict[str, Any]) -> None:
    char = summary["mqm"]["char"]
    # predicted 8 + 15 + 11 = 34 characters; gold 8 + 5 + 10 = 23; shared: A1's 8
    assert (char["p_hits"], char["p_total"], char["r_total"]) == (8, 34, 23)
    assert prf(char) == pytest.approx((8 / 34, 8 / 23, 16 / 57))
    assert char["mean_span_length"] == pytest.approx(34 / 3)


def test_segment_level(summary: dict[str, Any]) -> None:
    # flagged A1, A2, B1; erroneous A1, A2, B2
    assert prf(summary["mqm"]["segment"]) == pytest.approx((2 / 3, 2 / 3, 2 / 3))


def test_correction(summary: dict[str, Any]) -> None:
    c = summary["mqm"]["correction"]
    refs = [
        "The huge dog barked.",
        "They make a decision today.",
        "He wore green boots.",
        "It rained all day long.",
        "Prices rose.",
    ]
    before = [
        "The very big dog barked.",
        "They take a decision today.",
        "He wore green shoes.",
        "It rained all day.",
        "Prices rose.",
    ]
    after = ["The huge dog barked.", "They make a decision today.", *before[2:]]  # the two fixes, by hand
    assert c["chrf_before"] == pytest.approx(sacrebleu.corpus_chrf(before, [refs]).score)
    assert c["chrf_after"] == pytest.approx(sacrebleu.corpus_chrf(after, [refs]).score)
    assert c["bleu_before"] == pytest.approx(sacrebleu.corpus_bleu(before, [refs]).score)
    assert c["bleu_after"] == pytest.approx(sacrebleu.corpus_bleu(after, [refs]).score)
    assert c["chrf_delta"] > 0 and c["bleu_delta"] > 0
    assert (c["changed_segments"], c["wins"], c["ties"], c["losses"]) == (2, 2, 0, 0)
    assert 0 < c["chrf_p_value"] <= 1


def test_document_level(summary: dict[str, Any]) -> None:
    doc = summary["mqm"]["document"]
    # garble scores per 100 words: d1 (5 + 1) / 10 → 60; d2 0.1 / 8 → 1.25; d3 0
    scores = [60.0, 1.25, 0.0]
    mqm = [2.367 / 10, 3.667 / 8, 0.0]
    assert doc["score_distribution"] == pytest.approx({"mean": 61.25 / 3, "median": 1.25, "p90": 60.0, "max": 60.0})
    # Kendall: (d1,d2) discordant, (d1,d3) and (d2,d3) concordant, no ties → (2 - 1) / 3
    assert doc["kendall_tau_b"] == pytest.approx(1 / 3)
    mx, my = sum(scores) / 3, sum(mqm) / 3
    cov = sum((x - mx) * (y - my) for x, y in zip(scores, mqm, strict=True))
    sx = sum((x - mx) ** 2 for x in scores) ** 0.5
    sy = sum((y - my) ** 2 for y in mqm) ** 0.5
    assert doc["pearson"] == pytest.approx(cov / (sx * sy))
    assert doc["pearson"] == pytest.approx(0.0371, abs=1e-4)


def test_clean_rates(summary: dict[str, Any]) -> None:
    clean = summary["clean"]
    # 14 words; "very big" (major) and "green shoes" (info) in the first document
    assert (clean["documents"], clean["words"], clean["flags"]) == (2, 14, 2)
    assert clean["per_1000_words"] == pytest.approx(2000 / 14)
    assert clean["by_severity_per_1000"] == pytest.approx({"major": 1000 / 14, "minor": 0.0, "info": 1000 / 14})
    assert clean["by_category_per_1000"] == pytest.approx({"style": 2000 / 14})
    by_rule = {"rules:TOY_GREEN_SHOES": 1000 / 14, "rules:TOY_VERY_BIG": 1000 / 14}
    assert clean["by_rule_per_1000"] == pytest.approx(by_rule)
    assert [t["rule"] for t in clean["top_rules"]] == ["rules:TOY_GREEN_SHOES", "rules:TOY_VERY_BIG"]
    assert clean["top_rules"][1]["examples"] == ["very big"]
    assert (clean["documents_flagged"], clean["share_documents_flagged"]) == (1, 0.5)
    # failing at the default --fail-on minor: the major flag only, not the info one
    assert (clean["fail_on"], clean["failing_per_1000"]) == ("minor", pytest.approx(1000 / 14))
    # doc 1: (5 + 0.1) / 10 words → 51 per 100 words; doc 2: 0
    assert clean["score_distribution"] == pytest.approx({"mean": 25.5, "median": 25.5, "p90": 51.0, "max": 51.0})


def test_rule_stats(summary: dict[str, Any]) -> None:
    rules = {r["rule"]: r for r in summary["rules"]}
    assert (rules["rules:TOY_VERY_BIG"]["clean_fires"], rules["rules:TOY_VERY_BIG"]["mqm_hits"]) == (1, 1)
    take = rules["rules:TOY_TAKE_A_DECISION"]
    assert (take["mqm_fires"], take["mqm_hits"], take["mqm_target_hits"], take["clean_fires"]) == (1, 1, 0, 0)
    green = rules["rules:TOY_GREEN_SHOES"]
    assert (green["mqm_fires"], green["mqm_hits"], green["clean_fires"], green["hit_rate"]) == (1, 0, 1, 0.0)


def test_run_info_and_markdown(runner: CliRunner, tmp_path: Path) -> None:
    data, stdout = run_eval(runner, tmp_path, "mqm_segments.jsonl", "--name", "toy")
    assert data["run"]["name"] == "toy" and data["run"]["engines"] == ["rules"]
    assert "| span strict P / R / F1 (%) | 33.3 / 33.3 / 33.3 |" in stdout
    assert "| changed segments: win / tie / loss (chrF) | 2 / 0 / 0 |" in stdout
    assert "| clean news: major / minor / info per 1,000 words | 71.43 / 0.00 / 71.43 |" in stdout


def test_predictions_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "pred.jsonl"
    run_eval(runner, tmp_path, "mqm_articles.jsonl", "--predictions", str(out))
    lines = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    a1 = lines["toy:SysA:d1:1"]
    assert [(s["start"], s["end"], s["suggestion"]) for s in a1["spans"]] == [(4, 12, "huge")]
    assert a1["corrected"] == "The huge dog barked."
    assert [(s["start"], s["end"]) for s in lines["toy:SysA:d2:1"]["spans"]] == [(8, 19)]
    assert "corrected" not in lines["toy:SysA:d2:1"] and lines["toy:SysA:d3:1"]["spans"] == []
    assert [(s["start"], s["end"]) for s in lines["toy-clean:1"]["spans"]] == [(4, 12), (41, 52)]


@pytest.mark.parametrize("suffix", [".md", ".csv"])
def test_rule_stats_file(runner: CliRunner, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"stats{suffix}"
    run_eval(runner, tmp_path, "mqm_segments.jsonl", "--rule-stats", str(out))
    text = out.read_text(encoding="utf-8")
    if suffix == ".csv":
        assert "rules:TOY_TAKE_A_DECISION,minor,0.9000,0,1,1,0,1.0000" in text
    else:
        assert "| `rules:TOY_GREEN_SHOES` | info | 0.50 | 1 | 1 | 0 | 0 | 0% |" in text


def test_quick_limit_and_clean_only(runner: CliRunner, tmp_path: Path) -> None:
    data, _ = run_eval(runner, tmp_path, "mqm_articles.jsonl", "--quick")
    assert data["mqm"]["articles"] == 1 and data["mqm"]["segments"] == 2  # only d2 is in the quick slice
    data, _ = run_eval(runner, tmp_path, "mqm_articles.jsonl", "--limit", "1")
    assert data["mqm"]["articles"] == 1 and data["clean"]["documents"] == 1
    result = runner.invoke(cli, ["eval", "--clean", str(DATA / "clean.jsonl"), *RULE_ARGS])
    assert result.exit_code == 0 and "| clean news: flags / 1,000 words | 142.86 |" in result.stdout


def test_a_lower_threshold_applies_more_fixes(runner: CliRunner, tmp_path: Path) -> None:
    data, _ = run_eval(runner, tmp_path, "mqm_segments.jsonl", "--threshold", "0.95")
    assert data["mqm"]["correction"]["changed_segments"] == 0  # both fixes have confidence 0.9
    assert data["mqm"]["correction"]["chrf_delta"] == 0.0
