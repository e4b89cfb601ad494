"""Shared fixtures: small rule folders written per test, a CLI runner, an isolated cache."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]

pytest_plugins = ("tests.support.languagetool",)
"""The LanguageTool fixtures (installed jars, a shared server) serve the checker and command tests alike."""


@pytest.fixture(scope="session", autouse=True)
def _session_languagetool_home() -> Iterator[None]:
    """Tests reuse the installed LanguageTool jars, and stop any server they started.

    The per-test cache folder below would otherwise hold a second LanguageTool
    installation, and a server started by a test (a hook or a lint run with
    LanguageTool on "auto") would linger until its idle timeout.
    """
    from cleaner.checks.languagetool.settings import HOME_ENV, LanguageToolSettings

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(HOME_ENV, str(LanguageToolSettings().install_root()))
        yield
    _stop_servers_under(_SESSION_CACHES)


_SESSION_CACHES: set[Path] = set()


def _stop_servers_under(caches: set[Path]) -> None:
    from cleaner.checks.languagetool.server import stop_server
    from cleaner.checks.languagetool.settings import LanguageToolSettings
    from cleaner.paths import CACHE_ENV

    for cache in caches:
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv(CACHE_ENV, str(cache))
            try:
                stop_server(LanguageToolSettings())
            except Exception as exc:  # teardown must not hide test results
                print(f"could not stop LanguageTool under {cache}: {exc}")


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test session gets its own cache folder (compiled rules, server state), never the user's."""
    cache = tmp_path_factory.getbasetemp() / "cache"
    _SESSION_CACHES.add(cache)
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(cache))


@pytest.fixture(autouse=True)
def _fluency_default_off_outside_its_tests(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Other engines' tests keep their own expectations: there the fluency gate's default mode is off.

    tests/checks/fluency (and tests marked ``fluency``) run the real model in its real default mode.
    """
    if REPO / "tests" / "checks" / "fluency" in request.node.path.parents or request.node.get_closest_marker("fluency"):
        return
    from cleaner.checks import registry

    entries = tuple(replace(e, default=registry.Mode.OFF) if e.name == "fluency" else e for e in registry.REGISTRY)
    monkeypatch.setattr(registry, "REGISTRY", entries)


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
