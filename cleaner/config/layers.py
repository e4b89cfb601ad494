"""Configuration files that build on others: ``extend`` (inheritance) and ``[[per-path]]`` sections.

A newsroom keeps one house configuration and lets a desk adjust it: a file
that says ``extend = "../base.toml"`` takes the base file's values first and
overrides them key by key with its own (``accept``, ``reject`` and the
``[[suppress]]`` entries add up instead, so a desk's words and silenced
findings join the house's; each entry's ``path`` stays relative to the file
that writes it).  Every path in either file is
relative to the file that writes it; a chain that comes back to a file it
passed is a mistake.  ``[[per-path]]`` sections (a TOML array of tables)
hold a ``glob`` (gitignore style, relative to the folder of the file that
writes it) and the settings for the articles it matches; a base file's
sections come first, and a later section overrides an earlier one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pathspec

from cleaner.config.files import ConfigFile, parse_config, read_config
from cleaner.config.suppress_table import SUPPRESS_TABLE
from cleaner.errors import ConfigError, ConfigErrors

EXTEND = "extend"
PER_PATH = "per-path"
GLOB = "glob"

ADDED_UP = frozenset({"vocabulary.accept", "vocabulary.reject", "policy.suppressions"})
"""Fields a later layer adds to instead of replacing."""

RUN_WIDE = "applies to the whole run (file discovery or the report folder), not to some articles"
NOT_PER_PATH = {
    "exclude": RUN_WIDE,
    "extend-exclude": RUN_WIDE,
    "respect-gitignore": RUN_WIDE,
    "report-dir": RUN_WIDE,
    EXTEND: "not allowed in a [[per-path]] section (extend the whole file instead)",
    PER_PATH: "[[per-path]] sections do not nest",
    SUPPRESS_TABLE: "[[suppress]] entries name their own articles (path); write them at the top level",
}


@dataclass(frozen=True)
class Section:
    """One ``[[per-path]]`` section: which articles it is for and what it sets for them."""

    number: int
    """Its place among all the sections of the chain (base file first): part of a settings key."""
    glob: tuple[str, ...]
    folder: Path
    """The folder the globs are relative to: that of the file that writes the section (resolved)."""
    values: Mapping[str, Any]
    spec: pathspec.GitIgnoreSpec
    source: ConfigFile = field(compare=False)
    """The section as a file of its own (its text starts at its header), for messages naming its lines."""

    def matches(self, article: Path) -> bool:
        try:
            rel = article.resolve().relative_to(self.folder).as_posix()
        except (ValueError, OSError, RuntimeError):
            return False
        return self.spec.match_file(rel)


@dataclass(frozen=True)
class Layers:
    """A configuration file with every file it extends folded in, and the ``[[per-path]]`` sections of all."""

    config: ConfigFile
    """The file that was found (or given), the nearest of the chain."""
    chain: tuple[Path, ...]
    """Every file read, the farthest base first."""
    values: Mapping[str, Any]
    sections: tuple[Section, ...]

    def sections_for(self, article: Path | None) -> tuple[Section, ...]:
        """The sections that apply to ``article`` (none for standard input)."""
        return () if article is None else tuple(s for s in self.sections if s.matches(article))


def load_layers(path: Path) -> Layers:
    """Read ``path`` and everything it extends; a cycle or a missing base is a ConfigError."""
    configs = _chain(path)
    values: dict[str, Any] = {}
    sections: list[Section] = []
    for config in configs:
        values = fold(values, parse_config(config, skip=(EXTEND, PER_PATH)))
        sections.extend(_sections(config, start=len(sections)))
    return Layers(configs[-1], tuple(c.path for c in configs), values, tuple(sections))


def written_values(path: Path) -> list[tuple[ConfigFile, dict[str, Any]]]:
    """What each file of ``path``'s chain writes itself, and each of its ``[[per-path]]`` sections, unfolded.

    The farthest base first, a file before its sections; for checks that name
    the file and line a value is written on (unknown rule ids).
    """
    out: list[tuple[ConfigFile, dict[str, Any]]] = []
    for config in _chain(path):
        out.append((config, parse_config(config, skip=(EXTEND, PER_PATH))))
        out.extend((s.source, dict(s.values)) for s in _sections(config, start=0))
    return out


def fold(under: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """``over``'s values on top of ``under``'s (vocabularies added up)."""
    out = dict(under)
    for name, value in over.items():
        out[name] = tuple(dict.fromkeys((*out[name], *value))) if name in ADDED_UP and name in out else value
    return out


def _chain(path: Path) -> list[ConfigFile]:
    """``path`` and the files it extends, the farthest base first."""
    seen: list[Path] = []
    configs: list[ConfigFile] = []
    config = read_config(path)
    while True:
        seen.append(_identity(config.path))
        configs.append(config)
        target = config.table.get(EXTEND)
        if target is None:
            return configs[::-1]
        if not isinstance(target, str) or not target.strip():
            raise config.error(f"expected the name of a configuration file, got {target!r}", EXTEND)
        base = _identity(config.path.parent / Path(target.strip()).expanduser())
        if base in seen:
            loop = " -> ".join(str(p) for p in (*(c.path for c in configs), base))
            raise config.error(f"extends itself in a cycle: {loop}", EXTEND)
        if not base.is_file():
            raise config.error(f"no such configuration file: {target} (relative to {config.path.parent})", EXTEND)
        config = read_config(base)


def _identity(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _sections(config: ConfigFile, start: int) -> list[Section]:
    raw = config.table.get(PER_PATH)
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(t, dict) for t in raw):
        raise config.error("expected [[per-path]] tables (an array of tables)", PER_PATH)
    folder = _identity(config.path.parent)
    out: list[Section] = []
    errors: list[ConfigError] = []
    for n, table in enumerate(raw):
        section = _section_file(config, table, n)
        try:
            globs = _globs(section, table.get(GLOB))
            values = parse_config(section, skip=(GLOB,), forbidden=NOT_PER_PATH)
        except ConfigErrors as exc:
            errors.extend(exc.errors)
            continue
        except ConfigError as exc:
            errors.append(exc)
            continue
        spec = pathspec.GitIgnoreSpec.from_lines(globs)
        out.append(Section(start + n, globs, folder, values, spec, section))
    if errors:
        raise errors[0] if len(errors) == 1 else ConfigErrors(errors)
    return out


def _section_file(config: ConfigFile, table: Mapping[str, Any], n: int) -> ConfigFile:
    """Section ``n`` as a ConfigFile whose text starts at its own header, so errors name its lines."""
    header = f"[[{config.prefix}{PER_PATH}]]"
    lines = config.text.splitlines()
    found = [i for i, line in enumerate(lines) if line.strip().replace(" ", "").startswith(header)]
    first = found[n] if n < len(found) else 0
    text = "\n" * first + "\n".join(lines[first:])
    return ConfigFile(config.path, table, f"{config.prefix}{PER_PATH}.", text)


def _globs(section: ConfigFile, value: Any) -> tuple[str, ...]:
    if isinstance(value, str) and value.strip():
        return (value.strip(),)
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(v.strip() for v in value)
    if value is None:
        raise section.error('every [[per-path]] section needs a glob (e.g. glob = "opinion/**")', GLOB)
    raise section.error(f"expected a glob or a list of globs, got {value!r}", GLOB)


def describe(sections: Sequence[Section]) -> str:
    """The sections' globs, for ``cleaner config``'s origin column."""
    return ", ".join(" ".join(s.glob) for s in sections)
