"""The run-level Report: totals, summary and exit code computed once for every output."""

from __future__ import annotations

from cleaner.errors import ExitCode, InputError
from cleaner.findings import Severity
from cleaner.report.run import Report
from tests.support.report_fakes import analyze, trade_result


def test_totals_add_up_the_articles() -> None:
    clean = analyze("Nothing to see here.\n", ())
    report = Report((trade_result(), clean))
    assert (report.totals.findings, report.totals.applied, report.totals.suggested) == (4, 3, 1)
    assert report.totals.by_severity == {"major": 3, "minor": 1, "info": 0}
    assert report.changed_files == 1
    # the fake checker is the one engine, called "rules"
    assert report.summary() == "4 findings (3 major, 1 minor, 0 info) in 2 files; engines: rules"


def test_exit_code_input_errors_beat_findings_and_fix_judges_what_is_left() -> None:
    assert Report((trade_result(),)).exit_code is ExitCode.FINDINGS
    assert Report((trade_result(),), fail_on=Severity.MAJOR, after_fix=True).exit_code is ExitCode.OK
    assert Report((trade_result(),), fail_on=Severity.MINOR, after_fix=True).exit_code is ExitCode.FINDINGS
    error = InputError("gone.txt", "no such file")
    assert Report((), (error,)).exit_code is ExitCode.ERROR
    assert Report((), (error,)).summary() == "0 findings (0 major, 0 minor, 0 info) in 0 files; 1 input error"
