"""The worker's place and key: the cache folder cleaner.paths uses, one place per installation, a key per content."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from cleaner import paths
from cleaner.worker import keys


@pytest.mark.parametrize("xdg", [None, "", "  ", "/tmp/xdg-cache"])
def test_cache_root_is_cleaner_paths_cache_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, xdg: str | None
) -> None:
    monkeypatch.delenv(keys.CACHE_ENV, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert Path(keys.cache_root()) == paths.cache_dir()


def test_cache_root_honours_the_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(keys.CACHE_ENV, str(tmp_path / "c"))
    assert keys.cache_root() == str(tmp_path / "c") == str(paths.cache_dir())
    assert keys.place().folder == str(tmp_path / "c" / "worker")


def test_rules_dir_is_the_builtin_rules_folder() -> None:
    assert Path(keys.rules_dir() or "") == paths.builtin_rules_dir()


def _copy(tmp_path: Path) -> Path:
    package = Path(keys.package_dir())
    shutil.copytree(package, tmp_path / "cleaner", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "a.yaml").write_text("rules: []\n", encoding="utf-8")
    return tmp_path / "cleaner"


def test_the_key_follows_code_and_rules_but_not_bytecode(tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    first = keys.current_key(str(copy))
    assert keys.current_key(str(copy)) == first
    (copy / "__pycache__").mkdir(exist_ok=True)
    (copy / "__pycache__" / "x.pyc").write_bytes(b"\0")
    assert keys.current_key(str(copy)) == first
    (tmp_path / "rules" / "a.yaml").write_text("rules: [] # edited\n", encoding="utf-8")
    second = keys.current_key(str(copy))
    assert second != first
    with (copy / "errors.py").open("a", encoding="utf-8") as fh:
        fh.write("\n")
    assert keys.current_key(str(copy)) not in (first, second)


def test_each_installation_has_its_own_place(tmp_path: Path) -> None:
    here, there = keys.place(), keys.place(str(tmp_path / "cleaner"))
    assert here.folder == there.folder and here.name != there.name
    assert {Path(p).suffix for p in (here.socket, here.lock, here.log)} == {".sock", ".lock", ".log"}


def test_private_folders(tmp_path: Path) -> None:
    folder = tmp_path / "w"
    assert not keys.private_folder(str(folder))
    keys.make_private_folder(str(folder))
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and keys.private_folder(str(folder))
    folder.chmod(0o755)
    assert not keys.private_folder(str(folder))  # others could reach the socket: not used
    keys.make_private_folder(str(folder))
    assert keys.private_folder(str(folder))
    (tmp_path / "file").write_text("", encoding="utf-8")
    assert not keys.private_folder(str(tmp_path / "file"))


@pytest.mark.skipif(os.getuid() != 0, reason="needs root to make a folder of another user")
def test_a_folder_of_another_user_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "theirs"
    folder.mkdir(mode=0o700)
    os.chown(folder, 12345, 12345)
    assert not keys.private_folder(str(folder))
    with pytest.raises(PermissionError):
        keys.make_private_folder(str(folder))
