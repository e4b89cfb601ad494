"""Fixtures for the LanguageTool tests: the real server, installed and started through our code.

The jars are installed once into the user's LanguageTool home (``$CLEANER_LT_HOME``
or the cache folder, whatever it was before the tests started) and reused;
the server's state, log and result cache live in a per-session temporary cache
folder.  Where LanguageTool cannot be installed the tests fail, except that on a
machine without Java (and not in CI) they skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from cleaner.checks.languagetool.install import Installation, install
from cleaner.checks.languagetool.server import ServerState, ensure_server, stop_server
from cleaner.checks.languagetool.settings import HOME_ENV, LanguageToolSettings
from cleaner.errors import CleanerError
from cleaner.paths import CACHE_ENV

DATA = Path(__file__).resolve().parents[1] / "checks" / "languagetool" / "data"

LT_DEFAULTS = LanguageToolSettings(
    disabled_rules=frozenset(),
    disabled_categories=frozenset(),
    skip_names_in_spelling=False,
    skip_british_spelling=False,
    grade_spelling=False,
)
"""LanguageTool's own rule selection (the lifecycle tests must not depend on our curation)."""


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def lt_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Jars from the usual LanguageTool home; state in a per-session cache folder."""
    home = LanguageToolSettings().install_root()  # before CLEANER_CACHE_DIR is redirected
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(HOME_ENV, str(home))
        mp.setenv(CACHE_ENV, str(tmp_path_factory.mktemp("lt-cache")))
        yield home


@pytest.fixture(scope="session")
def lt_installed(lt_env: Path) -> Installation:
    """LanguageTool installed with Maven (idempotent: a no-op once the jars are there)."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME") and not _in_ci():
        pytest.skip("Java is not installed")
    try:
        return install(LanguageToolSettings(), echo=print)
    except CleanerError as e:
        pytest.fail(f"LanguageTool could not be installed: {e}")


@pytest.fixture(scope="session")
def lt_settings(lt_installed: Installation) -> LanguageToolSettings:
    return LanguageToolSettings()


@pytest.fixture(scope="session")
def _session_server(lt_settings: LanguageToolSettings) -> Iterator[None]:
    ensure_server(lt_settings)
    yield
    stop_server(lt_settings)


@pytest.fixture
def lt_server(_session_server: None, lt_settings: LanguageToolSettings) -> ServerState:
    """The session's shared server as it is now (a test may have killed and restarted it)."""
    return ensure_server(lt_settings)


@pytest.fixture
def fresh_state(lt_installed: Installation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A cache folder of its own (no server yet); its server is stopped afterwards."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    yield folder / "languagetool"
    stop_server(LanguageToolSettings())


def run_python(code: str, timeout: float = 300) -> subprocess.Popen[str]:
    """Start ``python -c code`` with the current environment (it inherits the test's cache folder)."""
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
