"""The output registry: every ``lint --format`` is one Report → str function, and they agree on the totals."""

from __future__ import annotations

import json

from cleaner.report.outputs import OUTPUTS
from cleaner.report.run import Report
from tests.support.report_fakes import trade_result


def test_every_output_renders_the_same_run() -> None:
    report = Report((trade_result(),))
    rendered = {name: output(report) for name, output in OUTPUTS.items()}
    assert set(rendered) == {"text", "json", "sarif", "github"}
    assert rendered["text"].endswith(report.summary())
    assert rendered["github"].endswith(f"cleaner: {report.summary()}")
    assert len(json.loads(rendered["json"])["files"][0]["findings"]) == report.totals.findings
    assert len(json.loads(rendered["sarif"])["runs"][0]["results"]) == report.totals.findings
