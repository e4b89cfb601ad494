"""The CPU-time deadline interrupts Python's ``re`` and leaves quick searches alone."""

from __future__ import annotations

import re
import time

import pytest

from cleaner.checks.rules.cpu_deadline import available, cpu_deadline


def test_a_runaway_search_is_interrupted() -> None:
    assert available()
    started = time.process_time()
    with pytest.raises(TimeoutError), cpu_deadline(0.3):
        re.match(r"(a|aa)+$", "a" * 60 + "b")
    assert time.process_time() - started < 10


def test_a_quick_search_is_untouched_and_the_timer_disarmed() -> None:
    with cpu_deadline(0.3):
        assert re.search(r"b", "a" * 1000 + "b")
    spent = time.process_time()
    while time.process_time() - spent < 0.5:  # past the deadline: no stray signal arrives
        pass
