"""Where the shared development data lives, and LanguageTool for the one eval test that needs it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from cleaner.checks.languagetool.install import install
from cleaner.checks.languagetool.server import stop_server
from cleaner.checks.languagetool.settings import HOME_ENV, LanguageToolSettings
from cleaner.errors import CleanerError
from tests.support.shared_data import DATA_ENV, shared_data_folder

SHARED_DATA = shared_data_folder()
"""``$CLEANER_SHARED_DATA``, else ``../shared/data`` beside the clone (as in CI)."""

LT_HOME = LanguageToolSettings().install_root()
"""Computed at import, before the tests redirect the cache folder (where the jars may live)."""


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The development data folder; missing data fails in CI and skips elsewhere."""
    if not (SHARED_DATA / "mqm").is_dir():
        if in_ci():
            pytest.fail(f"the shared development data is missing: {SHARED_DATA}; set {DATA_ENV}")
        pytest.skip(f"no shared development data at {SHARED_DATA}; set {DATA_ENV}")
    return SHARED_DATA


@pytest.fixture
def languagetool_home(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """LanguageTool installed (a no-op once the jars are there); its server is stopped afterwards."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME") and not in_ci():
        pytest.skip("Java is not installed")
    monkeypatch.setenv(HOME_ENV, str(LT_HOME))
    try:
        install(LanguageToolSettings(), echo=print)
    except CleanerError as e:
        pytest.fail(f"LanguageTool could not be installed: {e}")
    yield
    stop_server(LanguageToolSettings())
