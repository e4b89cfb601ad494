"""File discovery: .gitignore, exclude patterns, virtualenvs and report folders, each file once."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from cleaner.document import DiscoverySettings, discover
from cleaner.errors import InputError


def _files(paths: list[str], settings: DiscoverySettings | None = None) -> list[str]:
    return [p for p in discover(paths, settings) if isinstance(p, str)]


def _errors(paths: list[str], settings: DiscoverySettings | None = None) -> list[str]:
    return [str(p) for p in discover(paths, settings) if isinstance(p, InputError)]


def _touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Some words.\n", encoding="utf-8")


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    _touch(tmp_path, "arts/a.txt", "arts/b.md")
    (tmp_path / "arts" / "c.png").write_bytes(b"\x89PNG")
    out = list(discover([str(tmp_path / "nope"), str(tmp_path / "empty"), str(tmp_path / "arts")]))
    errors = [str(o) for o in out if isinstance(o, InputError)]
    assert errors[0].endswith("nope: no such file or folder")
    assert "folder has no article files" in errors[1]
    assert [o for o in out if isinstance(o, str)] == [str(tmp_path / "arts" / "a.txt"), str(tmp_path / "arts" / "b.md")]


def test_never_enters_virtualenvs_reports_or_packages(tmp_path: Path) -> None:
    _touch(tmp_path, "news/a.md", "venv/lib/readme.md", "env2/x.txt", "node_modules/pkg/README.md", ".hidden/x.md")
    (tmp_path / "venv" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    (tmp_path / "env2" / "conda-meta").mkdir()
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "index.html").write_text('<html><head><meta name="generator" content="cleaner 0.1.0">')
    (tmp_path / "reports" / "a.html").write_text("<p>report</p>")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<p>a page someone wrote</p>")
    found = [Path(p).relative_to(tmp_path).as_posix() for p in _files([str(tmp_path)])]
    assert found == ["news/a.md", "site/index.html"]


def test_gitignore_is_honoured_in_a_work_tree(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    _touch(tmp_path, "news/a.md", "news/draft.md", "news/old/b.md", "build/c.md", "news/old/keep.md")
    (tmp_path / ".gitignore").write_text("build/\n*draft*\n")
    (tmp_path / "news" / ".gitignore").write_text("old/*\n!old/keep.md\n")
    (tmp_path / ".git" / "info").mkdir(exist_ok=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("news/a.md\n")
    found = [Path(p).relative_to(tmp_path).as_posix() for p in _files([str(tmp_path)])]
    assert found == ["news/old/keep.md"]
    everything = _files([str(tmp_path)], DiscoverySettings(respect_gitignore=False))
    assert len(everything) == 5


def test_exclude_patterns_apply_to_named_files_too(tmp_path: Path) -> None:
    _touch(tmp_path, "news/a.md", "news/wire/b.md", "archive/c.md")
    settings = DiscoverySettings(extend_exclude=("wire/", "archive/*.md"), root=tmp_path)
    found = [Path(p).relative_to(tmp_path).as_posix() for p in _files([str(tmp_path)], settings)]
    assert found == ["news/a.md"]
    named = [str(tmp_path / "archive" / "c.md"), str(tmp_path / "news" / "a.md")]
    assert _files(named, settings) == [str(tmp_path / "news" / "a.md")]
    # exclude replaces the defaults; extend-exclude adds to them
    _touch(tmp_path, "node_modules/x.md")
    assert any("node_modules" in p for p in _files([str(tmp_path)], DiscoverySettings(exclude=(), root=tmp_path)))


def test_each_file_once_in_the_order_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _touch(tmp_path, "b.txt", "a.txt")
    monkeypatch.chdir(tmp_path)
    found = _files(["b.txt", str(tmp_path), "./a.txt", "b.txt", "-", "-"])
    assert found == ["b.txt", str(tmp_path / "a.txt"), "-"]


def test_each_folder_is_judged_by_its_own_settings(tmp_path):
    """A desk's configuration excludes its drafts; the rest of the tree keeps its own patterns."""
    for rel in ("news/drafts/a.md", "news/b.md", "desk/drafts/c.md", "desk/d.md"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("Text.\n", encoding="utf-8")
    desk = DiscoverySettings(extend_exclude=("drafts/",), root=tmp_path / "desk")
    plain = DiscoverySettings(root=tmp_path)

    def settings_for(folder: Path) -> DiscoverySettings:
        return desk if (tmp_path / "desk") in (folder, *folder.parents) else plain

    named = str(tmp_path / "desk" / "drafts" / "c.md")
    found = {Path(p).relative_to(tmp_path).as_posix() for p in discover([str(tmp_path), named], settings_for)}
    assert found == {"news/drafts/a.md", "news/b.md", "desk/d.md"}  # named on the command line: still excluded
