"""Spawning: the idle timeout setting, the import path passed on, and a real detached worker for next time."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cleaner.worker import control, keys
from cleaner.worker.lock import try_lock
from cleaner.worker.spawn import DEFAULT_IDLE_TIMEOUT, IDLE_ENV, idle_timeout, import_path, spawn_detached
from tests.support.article_kit import RULES
from tests.support.worker_kit import ENGINES, cleaner, copy_package, env_for, place_for, stop_and_kill, wait_until_gone


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("", DEFAULT_IDLE_TIMEOUT),
        ("30", 30.0),
        ("0", DEFAULT_IDLE_TIMEOUT),
        ("-5", DEFAULT_IDLE_TIMEOUT),
        ("soon", DEFAULT_IDLE_TIMEOUT),
    ],
)
def test_idle_timeout_from_the_environment(value: str, seconds: float) -> None:
    assert idle_timeout({IDLE_ENV: value}) == seconds


def test_the_import_path_is_absolute(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", ["", "rel", "/abs"])
    assert import_path() == [str(tmp_path), str(tmp_path / "rel"), "/abs"]


def test_no_second_worker_is_spawned_while_one_holds_the_lock() -> None:
    place = keys.place()
    keys.make_private_folder(place.folder)
    held = try_lock(place.lock)
    assert held is not None
    with held:
        assert spawn_detached(place) is None


@pytest.fixture
def detached(tmp_path: Path) -> Iterator[keys.Place]:
    """The place of a copy's worker; whatever runs there is stopped (and killed) afterwards."""
    place = place_for(tmp_path / "c", tmp_path / "pkg")
    yield place
    stop_and_kill(place)
    assert wait_until_gone(place)


@pytest.mark.slow
def test_spawn_runs_in_process_and_leaves_a_worker_for_the_next_run(tmp_path: Path, detached: keys.Place) -> None:
    root = copy_package(tmp_path / "pkg", RULES)
    env = env_for(tmp_path / "c", root, CLEANER_WORKER_IDLE_TIMEOUT="120")
    (tmp_path / "a.md").write_text("They held pricing talks.\n", encoding="utf-8")
    first = cleaner(["lint", "a.md", "--worker", "spawn", *ENGINES], tmp_path, env)
    assert first.code == 1 and b"T_PRICING_TALKS" in first.out
    answer = control.wait_until_up(detached, lambda: True, 120.0)
    assert answer is not None and answer["idle_timeout"] == 120.0
    second = cleaner(["lint", "a.md", "--worker", "spawn", *ENGINES], tmp_path, env)
    assert (second.code, second.out, second.err) == (first.code, first.out, first.err)
    status = control.ask(detached, "status")
    assert status is not None and status["served"] == 1 and status["pid"] == answer["pid"]


@pytest.mark.slow
def test_spawn_is_auto_under_ci(tmp_path: Path, detached: keys.Place) -> None:
    root = copy_package(tmp_path / "pkg", RULES)
    env = env_for(tmp_path / "c", root, CI="true")
    (tmp_path / "a.md").write_text("They held pricing talks.\n", encoding="utf-8")
    assert cleaner(["lint", "a.md", "--worker", "spawn", *ENGINES], tmp_path, env).code == 1
    assert control.wait_until_up(detached, lambda: True, 3.0) is None
