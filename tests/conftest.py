"""Shared fixtures: small rule folders written per test, a CLI runner, an isolated cache."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test session gets its own cache folder (compiled rules), never the user's."""
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def write_rules(tmp_path: Path) -> Callable[[str], Path]:
    """Write a rule file (YAML text, dedented) into a fresh folder and return the folder."""
    counter = {"n": 0}

    def write(yaml_text: str, name: str = "rules.yaml") -> Path:
        counter["n"] += 1
        folder = tmp_path / f"rules{counter['n']}"
        folder.mkdir()
        (folder / name).write_text(textwrap.dedent(yaml_text), encoding="utf-8")
        return folder

    return write
