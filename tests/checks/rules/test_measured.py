"""Confidence from evidence: the Wilson bound, the support threshold, and the loader reading the table."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cleaner.checks.rules.api import load_checker
from cleaner.checks.rules.measured import (
    MEASURED_FILE,
    MIN_SUPPORT,
    Measured,
    effective_confidence,
    load_measured,
    table_json,
    wilson_lower_bound,
)
from cleaner.document import Document
from cleaner.errors import InputError

TOY_RULES = Path(__file__).resolve().parents[2] / "evaluation" / "data" / "rules"


def test_wilson_lower_bound_by_hand() -> None:
    # p = 1, n = 20, z = 1.645: n / (n + z²) = 20 / 22.706
    assert wilson_lower_bound(20, 20) == pytest.approx(20 / (20 + 1.645**2))
    assert wilson_lower_bound(18, 20) == pytest.approx(0.7383, abs=1e-4)
    assert wilson_lower_bound(0, 7) == 0.0
    assert wilson_lower_bound(0, 0) == 0.0
    assert wilson_lower_bound(5, 10) < 0.5 < wilson_lower_bound(50, 60)


def test_measurement_decides_only_with_enough_support() -> None:
    assert effective_confidence(0.9, None) == 0.9
    assert effective_confidence(0.9, Measured(MIN_SUPPORT - 1, 0)) == 0.9
    assert effective_confidence(0.9, Measured(MIN_SUPPORT, MIN_SUPPORT // 2)) == pytest.approx(
        wilson_lower_bound(MIN_SUPPORT // 2, MIN_SUPPORT), abs=1e-3
    )
    # evidence can raise a cautious author's confidence too
    assert effective_confidence(0.5, Measured(200, 199)) > 0.95


def test_replacements_that_do_not_restore_the_text_cap_the_confidence() -> None:
    """A rule that fires on real garble (190 of 191) but whose fix loses chrF half the time is not auto-applied."""
    found_but_badly_fixed = Measured(191, 190, fix_wins=30, fix_losses=30)
    assert found_but_badly_fixed.lower_bound > 0.95
    assert effective_confidence(0.75, found_but_badly_fixed) == pytest.approx(round(wilson_lower_bound(30, 60), 3))
    assert effective_confidence(0.75, Measured(191, 190, fix_wins=5, fix_losses=5)) > 0.95  # too few fixes scored


def _rules_with_table(tmp_path: Path, table: dict[str, object]) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(TOY_RULES, folder)
    (folder / MEASURED_FILE).write_text(json.dumps(table), encoding="utf-8")
    return folder


def _confidences(folder: Path) -> dict[str, float]:
    checker = load_checker([folder], builtin=False, use_cache=False)
    doc = Document.from_text("A very big dog. They take a decision. He wore green shoes.")
    return {f.rule_id: f.confidence for f in checker.check(doc)}


def test_the_loader_reads_the_table_next_to_the_rules(tmp_path: Path) -> None:
    folder = _rules_with_table(
        tmp_path,
        {
            "min_support": 20,
            "rules": {
                "TOY_VERY_BIG": {"fires": 40, "hits": 20},  # measured: lower bound ≈ 0.37
                "TOY_TAKE_A_DECISION": {"fires": 5, "hits": 0},  # too little support: the author's 0.9
            },
        },
    )
    found = _confidences(folder)
    assert found["TOY_VERY_BIG"] == pytest.approx(round(wilson_lower_bound(20, 40), 3))
    assert found["TOY_TAKE_A_DECISION"] == 0.9
    assert found["TOY_GREEN_SHOES"] == 0.5
    assert _confidences(TOY_RULES)["TOY_VERY_BIG"] == 0.9  # no table: the authors' values


def test_the_written_table_is_what_the_loader_reads(tmp_path: Path) -> None:
    text = table_json({"TOY_VERY_BIG": (25, 25, 3, 1, {"pairs": (25, 25)})}, {"TOY_VERY_BIG": 0.9}, {"date": "today"})
    data = json.loads(text)
    entry = data["rules"]["TOY_VERY_BIG"]
    assert (entry["fires"], entry["hits"], entry["declared"], entry["decides"]) == (25, 25, 0.9, True)
    assert entry["confidence"] == pytest.approx(round(wilson_lower_bound(25, 25), 3))
    path = tmp_path / MEASURED_FILE
    path.write_text(text, encoding="utf-8")
    assert load_measured(path)["TOY_VERY_BIG"] == Measured(25, 25, 20, 3, 1)
    assert (entry["fix_wins"], entry["fix_losses"], entry["fix_wilson_lower"]) == (3, 1, None)  # too few to cap


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{", "line 1: not JSON"),
        ("[]", "expected an object with a 'rules' object"),
        ('{"rules": {"R": {"fires": 2, "hits": 3}}}', "rule R: needs integer 'fires' and 'hits'"),
        ('{"rules": {"R": {"fires": "2", "hits": 1}}}', "rule R: needs integer 'fires' and 'hits'"),
    ],
)
def test_a_malformed_table_is_a_one_line_error(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / MEASURED_FILE
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_measured(path)
    assert str(err.value).startswith(f"{path}: {problem}")


def test_the_builtin_table_is_valid_and_measured_on_tuning_data() -> None:
    from cleaner.paths import builtin_rules_dir

    path = builtin_rules_dir() / MEASURED_FILE
    table = load_measured(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert table, "the committed table is empty"
    assert "roundtrip_dev" not in " ".join(data["sources"]), "confidences must not be tuned on the reporting set"
    assert data["command"].startswith("cleaner eval ")


def test_a_rule_without_its_own_entry_inherits_the_summed_evidence_of_the_rules_it_replaced() -> None:
    from cleaner.checks.rules.measured import evidence_of
    from cleaner.checks.rules.model import Rule
    from cleaner.findings import Severity

    rule = Rule("NEW", "f", 1, "m", "title", Severity.MINOR, 0.9, (), replaces=("OLD_A", "OLD_B", "OLD_C"))
    table = {"OLD_A": Measured(12, 10, fix_wins=3), "OLD_B": Measured(10, 9, fix_losses=2)}
    assert evidence_of(rule, table) == Measured(22, 19, MIN_SUPPORT, 3, 2)
    assert evidence_of(rule, {**table, "NEW": Measured(1, 1)}) == Measured(1, 1)
    assert evidence_of(Rule("X", "f", 1, "m", "title", Severity.MINOR, 0.9, ()), table) is None
