"""Which settings each checked file gets: its own nearest configuration, not the first path's.

A run over ``desk/a.md world/b.md`` judges each article by the configuration
found from its own folder (walking up to the top of the git work tree), with
that file's ``extend`` chain and the ``[[per-path]]`` sections matching the
article folded in, then the command line on top.  So a verdict never depends
on the order of the paths or on which other files were checked alongside.
``--config FILE`` names the one file every article uses (its per-path
sections still apply).  Lookups are cached per folder and each distinct
result is built once, so articles that share a configuration share one
Settings object (and so one pipeline).

Run-wide values that are not verdicts (``report-dir``) come from the first
path's configuration, as the settings of :func:`resolve` do.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cleaner.config.files import (
    COMMAND_LINE,
    DEFAULT,
    FIELDS,
    FILE,
    ConfigFile,
    Overrides,
    config_in,
    get_field,
    given,
    is_repository_top,
    set_field,
    start_folder,
)
from cleaner.config.layers import Layers, Section, describe, fold, load_layers
from cleaner.config.settings import Settings
from cleaner.document import DiscoverySettings
from cleaner.findings import Selection

STDIN = "-"


@dataclass(frozen=True)
class Resolved:
    """The effective settings, the file they came from, and the origin of every setting."""

    settings: Settings
    config: ConfigFile | None
    origins: Mapping[str, str]
    chain: tuple[Path, ...] = ()
    """Every configuration file read for these settings, the farthest ``extend`` base first."""


class Configurations:
    """The settings of every file a run checks: defaults < its configuration (chain, per-path) < command line."""

    def __init__(
        self, explicit: Path | None = None, overrides: Overrides | None = None, *, fixed: Settings | None = None
    ) -> None:
        self.explicit = explicit
        self.cli = given(overrides or Overrides())
        self.fixed = fixed
        """When set, these settings apply to every file (tests, corpora read by ``batch``)."""
        self._nearest: dict[Path, Path | None] = {}
        self._layers: dict[Path, Layers] = {}
        self._built: dict[tuple[Path | None, tuple[int, ...]], Resolved] = {}
        self._used: list[Settings] = []

    @classmethod
    def of(cls, settings: Settings | Configurations) -> Configurations:
        """``settings`` as Configurations: a plain Settings applies to every file."""
        return settings if isinstance(settings, Configurations) else cls(fixed=settings)

    def for_file(self, path: str) -> Settings:
        """The settings one article is checked with (standard input: those of the current folder)."""
        if self.fixed is not None:
            return self.fixed
        settings = self.resolved(None if path == STDIN else Path(path), article=True).settings
        if all(known != settings for known in self._used):
            self._used.append(settings)
        return settings

    def used(self) -> tuple[Settings, ...]:
        """The distinct settings articles were given so far (:meth:`for_file`), for run-wide summaries."""
        return (self.fixed,) if self.fixed is not None else tuple(self._used)

    @property
    def selection(self) -> Selection:
        """The run's ``--select`` / ``--ignore``: the command line's, so the same for every article."""
        if self.fixed is not None:
            return self.fixed.policy.selection
        chosen = self.cli.get("policy.selection")
        return chosen if isinstance(chosen, Selection) else Selection()

    def discovery_for(self, folder: Path) -> DiscoverySettings:
        """How files are found in ``folder``: its configuration's exclude patterns and .gitignore choice."""
        if self.fixed is not None:
            return self.fixed.discovery
        return self.resolved(folder).settings.discovery

    def for_run(self, paths: Sequence[str]) -> Settings:
        """Run-wide settings (the report folder, a corpus's one configuration): the first path's."""
        if self.fixed is not None:
            return self.fixed
        return self.resolved(config_start(paths)).settings

    def resolved(self, path: Path | None, article: bool = False) -> Resolved:
        """The settings for ``path`` (None: the current folder); ``article``: apply matching per-path sections."""
        folder = start_folder(path if path is not None else Path.cwd())
        config = self.explicit if self.explicit is not None else self.nearest(folder)
        layers = self._load(config) if config is not None else None
        sections = layers.sections_for(path) if layers is not None and article else ()
        key = (config, tuple(s.number for s in sections))
        if key not in self._built:
            self._built[key] = self._build(layers, sections)
        return self._built[key]

    def nearest(self, folder: Path) -> Path | None:
        """The nearest configuration file at or above ``folder`` (resolved), cached for the run."""
        if folder not in self._nearest:
            found = config_in(folder)
            if found is None and not is_repository_top(folder) and folder.parent != folder:
                found = self.nearest(folder.parent)
            self._nearest[folder] = found
        return self._nearest[folder]

    def _load(self, config: Path) -> Layers:
        if config not in self._layers:
            self._layers[config] = load_layers(config)
        return self._layers[config]

    def _build(self, layers: Layers | None, sections: Sequence[Section]) -> Resolved:
        from_file: dict[str, Any] = dict(layers.values) if layers is not None else {}
        origins = dict.fromkeys(from_file, FILE)
        for section in sections:
            from_file = fold(from_file, section.values)
            origins.update(dict.fromkeys(section.values, f"{FILE} [[per-path]] {describe([section])}"))
        settings = Settings()
        for name, value in from_file.items():
            settings = set_field(settings, name, value)
        for name, value in self.cli.items():
            if name == "rules.paths":
                value = get_field(settings, name) + tuple(value)
            settings = set_field(settings, name, value)
        lt = settings.languagetool
        lt = replace(lt, disabled_rules=lt.disabled_rules - lt.enabled_rules, vocabulary=settings.vocabulary)
        settings = replace(settings, languagetool=lt)
        if layers is not None:
            discovery = replace(settings.discovery, root=layers.config.path.parent)
            settings = replace(settings, config_path=layers.config.path, discovery=discovery)
        all_origins = {name: COMMAND_LINE if name in self.cli else origins.get(name, DEFAULT) for name in FIELDS}
        if "rules.paths" in self.cli and "rules.paths" in from_file:
            all_origins["rules.paths"] = f"{origins['rules.paths']} + {COMMAND_LINE}"
        config = layers.config if layers is not None else None
        return Resolved(settings, config, all_origins, layers.chain if layers is not None else ())


def config_start(paths: Sequence[str]) -> Path:
    """Where the search starts for run-wide settings: the first checked path, or the current folder."""
    first = next((p for p in paths if p != STDIN), None)
    return Path(first) if first else Path.cwd()


def resolve(paths: Sequence[str], explicit: Path | None = None, overrides: Overrides | None = None) -> Resolved:
    """The effective settings for the first of ``paths`` (a file: with its per-path sections)."""
    start = config_start(paths)
    return Configurations(explicit, overrides).resolved(start, article=not start.is_dir())


def load_settings(paths: Sequence[str], explicit: Path | None = None, overrides: Overrides | None = None) -> Settings:
    """The Settings for the first of ``paths`` (see :func:`resolve`)."""
    return resolve(paths, explicit, overrides).settings
