"""Where cleaner keeps per-user files (compiled rules, LanguageTool, result caches), and which package
versions their names carry."""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

import platformdirs

CACHE_ENV = "CLEANER_CACHE_DIR"


def cache_dir() -> Path:
    """The per-user cache folder: ``$CLEANER_CACHE_DIR`` or the platform's cache folder."""
    override = os.environ.get(CACHE_ENV)
    base = Path(override) if override else Path(platformdirs.user_cache_dir("cleaner"))
    base.mkdir(parents=True, exist_ok=True)
    return base


def builtin_rules_dir() -> Path:
    """The rule files shipped with cleaner (``rules/`` at the top of the repository)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the built-in rules folder is missing from this installation")


@cache
def installed_version(distribution: str) -> str:
    """The installed version of ``distribution``, as in the name of its ``*.dist-info`` folder.

    Why not :func:`importlib.metadata.version`: importing that module costs about
    45 ms (it imports the email package), and the caches keyed by a package's
    version are opened by every process that checks an article.  Falls back to it
    when no such folder is on the path (another kind of installation).
    """
    found = _dist_info_versions().get(_normalized(distribution))
    if found is not None:
        return found
    import importlib.metadata

    return importlib.metadata.version(distribution)


@cache
def _dist_info_versions() -> dict[str, str]:
    """Normalized project name → version, from the ``*.dist-info`` folders on the path (the first wins)."""
    versions: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = [p.name for p in Path(entry or ".").iterdir()]
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                project, _, version = name[: -len(".dist-info")].partition("-")
                if version:
                    versions.setdefault(_normalized(project), version)
    return versions


def _normalized(project: str) -> str:
    return project.lower().replace("-", "_").replace(".", "_")
