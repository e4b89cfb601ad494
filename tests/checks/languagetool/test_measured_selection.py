"""The measured selection is the published measurement (docs/languagetool-rules.csv) read by its stated criteria."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from cleaner.checks.languagetool.measured_selection import MEASURED_OFF, MEASURED_ON
from cleaner.checks.languagetool.selection import DEFAULT_DISABLED_RULES, HAND_PICKED_DISABLED, SPELLING_RULE_PREFIX

TABLE = Path(__file__).resolve().parents[3] / "docs" / "languagetool-rules.csv"


def _rows() -> dict[str, dict[str, int]]:
    with TABLE.open(encoding="utf-8") as fh:
        return {
            r["rule"]: {k: int(v) for k, v in r.items() if k not in ("rule", "category")} for r in csv.DictReader(fh)
        }


def _measured_off(row: dict[str, int]) -> bool:
    """The module's rule: no garble for a false alarm, under 2 garbles per false alarm, or under 30 % on garble."""
    false_alarms, garbles, fired = row["false_alarms"], row["garble_hits"], row["tune"] + row["mqm"]
    return (
        (false_alarms > 0 and garbles == 0)
        or (false_alarms >= 2 and garbles < 2 * false_alarms)
        or (fired >= 5 and garbles < 0.3 * fired)
    )


def test_every_rule_switched_off_or_on_was_measured() -> None:
    assert set(_rows()) >= (MEASURED_OFF | MEASURED_ON)
    assert not MEASURED_ON & MEASURED_OFF


@pytest.mark.parametrize("rule", sorted(MEASURED_OFF))
def test_a_rule_is_off_only_by_the_stated_criteria(rule: str) -> None:
    assert _measured_off(_rows()[rule])


def test_no_measured_rule_meeting_the_criteria_was_left_on() -> None:
    rows = _rows()
    # spelling is graded per word instead (spelling.py), not switched off
    missed = {r for r, row in rows.items() if _measured_off(row) and not r.startswith(SPELLING_RULE_PREFIX)}
    assert missed <= MEASURED_OFF


def test_rules_turned_back_on_find_twice_as_much_garble_as_they_raise_false_alarms() -> None:
    rows = _rows()
    for rule in MEASURED_ON:
        assert rows[rule]["garble_hits"] >= 2 * rows[rule]["false_alarms"], rule
        assert rule in HAND_PICKED_DISABLED  # turning on a rule nobody switched off would be a no-op
    assert not MEASURED_ON & DEFAULT_DISABLED_RULES and MEASURED_OFF <= DEFAULT_DISABLED_RULES
    assert "HE_VERB_AGR" in MEASURED_ON  # raw LanguageTool flags "He go to school"; the measurement kept it
