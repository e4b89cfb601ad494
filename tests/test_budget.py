"""The per-article time budget: pure-Python stages are cut at the deadline, naming the stage."""

from __future__ import annotations

import re
import signal
import threading
import time

import pytest

from cleaner.budget import BudgetExceeded, article_budget, budget_for, shielded, stage

pytestmark = pytest.mark.timeout(60, method="thread")


def _spin(seconds: float = 30.0) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def _run_over_budget(budget: float) -> tuple[BudgetExceeded, float]:
    started = time.monotonic()
    with pytest.raises(BudgetExceeded) as info, article_budget("desk/a.txt", budget), stage("check: rules"):
        _spin()
    return info.value, time.monotonic() - started


def test_a_pure_python_stage_is_cut_at_the_deadline_and_named():
    error, took = _run_over_budget(0.3)
    assert took < 2
    assert error.stage == "check: rules"
    assert str(error).startswith("desk/a.txt: took longer than its 0.3 s time budget (in stage 'check: rules')")


def test_a_worker_thread_is_cut_too():
    caught: list[BudgetExceeded] = []

    def work() -> None:
        try:
            with article_budget("b.txt", 0.3), stage("load"):
                _spin()
        except BudgetExceeded as exc:
            caught.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(10)
    assert not worker.is_alive()
    assert [e.stage for e in caught] == ["load"]


def test_a_runaway_re_pattern_is_cut_in_the_main_thread():
    started = time.monotonic()
    with pytest.raises(BudgetExceeded), article_budget("c.txt", 0.3), stage("check: rules"):
        re.match(r"(a+)+$", "a" * 40 + "b")
    assert time.monotonic() - started < 2


def test_nothing_fires_after_the_article_is_done():
    with article_budget("d.txt", 0.1):
        pass
    time.sleep(0.3)  # would raise here if the timer were still armed


def test_a_shielded_section_is_not_cut_and_not_counted():
    with article_budget("e.txt", 0.3), stage("check: languagetool"):
        with shielded():
            time.sleep(0.5)
        time.sleep(0.1)  # 0.1 s of counted time: still inside the budget


def test_an_earlier_alarm_of_someone_else_still_fires_and_a_later_one_is_kept():
    fired: list[str] = []

    class Outer(Exception):
        pass

    def outer(signum, frame):
        fired.append("outer")
        raise Outer

    previous = signal.signal(signal.SIGALRM, outer)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.2)  # someone else's alarm, due before our budget
        with pytest.raises(Outer), article_budget("f.txt", 5):
            _spin(5)
        signal.setitimer(signal.ITIMER_REAL, 1.0)  # due after our budget: ours fires first, theirs after
        with pytest.raises(BudgetExceeded), article_budget("g.txt", 0.2):
            _spin(5)
        with pytest.raises(Outer):
            _spin(5)
        assert fired == ["outer", "outer"]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize(
    ("seconds", "size", "expected"),
    [(60, 10, 60), (60, 3 << 20, 180), (60, None, 60), (0, 10, None), (None, 10, None)],
)
def test_the_budget_grows_with_the_article(seconds, size, expected):
    assert budget_for(seconds, size) == expected
