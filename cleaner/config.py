"""Configuration files: ``[tool.cleaner]`` in ``pyproject.toml``, or a ``.cleaner.toml``.

The file is found by walking up from the checked path; the nearest folder
holding one wins (in one folder ``.cleaner.toml`` beats ``pyproject.toml``,
and a ``pyproject.toml`` without a ``[tool.cleaner]`` table is passed over).
When several paths are checked in one run, the first path's configuration
applies to all of them.  Settings are merged once, defaults < file <
command line, and every mistake is reported as ``file: key: what is wrong``
(exit code 2).  The keys are documented in docs/configuration.md.
"""

from __future__ import annotations

import difflib
import math
import stat
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from cleaner.config_lines import key_line, syntax_error_line
from cleaner.errors import ConfigError, ConfigErrors
from cleaner.findings import Severity
from cleaner.settings import Settings

CONFIG_FILE = ".cleaner.toml"
PYPROJECT = "pyproject.toml"
LT_TABLE = "languagetool"

DEFAULT = "default"
FILE = "file"
COMMAND_LINE = "command line"


@dataclass(frozen=True)
class ConfigFile:
    """A parsed configuration table and where it came from."""

    path: Path
    table: Mapping[str, Any]
    prefix: str
    """How the table's keys are spelled in the file: ``tool.cleaner.`` in pyproject.toml."""
    text: str = ""
    """The file's text (for the line numbers of error messages)."""

    def key(self, *parts: str) -> str:
        return self.prefix + ".".join(parts)

    def error(self, problem: str, *parts: str) -> ConfigError:
        """A ConfigError for key ``parts``, with the line the key is written on."""
        full = self.key(*parts)
        return ConfigError(self.path, full, problem, key_line(self.text, tuple(full.split("."))))


@dataclass(frozen=True)
class Overrides:
    """Values given on the command line; None means "not given"."""

    rule_paths: tuple[Path, ...] = ()
    """Added to the configuration file's rule folders."""
    builtin_rules: bool | None = None
    fail_on: Severity | None = None
    fix_threshold: float | None = None
    languagetool: str | None = None
    report_dir: Path | None = None
    use_rule_cache: bool | None = None
    time_budget: float | None = None


@dataclass(frozen=True)
class Resolved:
    """The effective settings, the file they came from, and the origin of every setting."""

    settings: Settings
    config: ConfigFile | None
    origins: Mapping[str, str]


# -- value checkers: each returns the Settings value or raises ValueError(what is wrong) ---------


class _Bad(ValueError):
    pass


def _bool(value: Any, base: Path) -> bool:
    if not isinstance(value, bool):
        raise _Bad(f"expected true or false, got {value!r}")
    return value


def _ids(value: Any, base: Path) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _Bad(f"expected a list of non-empty strings, got {value!r}")
    return frozenset(v.strip() for v in value)


def _severity(value: Any, base: Path) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        raise _Bad(f"expected one of {', '.join(s.value for s in Severity)}, got {value!r}") from None


def _severity_table(value: Any, base: Path) -> dict[str, Severity]:
    if not isinstance(value, dict):
        raise _Bad(f"expected a table of rule id or category = severity, got {value!r}")
    out: dict[str, Severity] = {}
    for name, level in value.items():
        try:
            out[name] = _severity(level, base)
        except _Bad as exc:
            raise _Bad(f"{name}: {exc}") from None
    return out


def _unit(value: Any, base: Path) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise _Bad(f"expected a number from 0 to 1, got {value!r}")
    return float(value)


def _minutes(value: Any, base: Path) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not (0 < value < math.inf):
        raise _Bad(f"expected a positive number of minutes, got {value!r}")
    return float(value)


def _seconds(value: Any, base: Path) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not (0 <= value < math.inf):
        raise _Bad(f"expected a number of seconds (0: no limit), got {value!r}")
    return float(value)


def _lt_mode(value: Any, base: Path) -> str:
    if value is True or value == "auto":
        return "auto"
    if value is False or value == "off":
        return "off"
    if value == "required":
        return "required"
    raise _Bad(f'expected true, false or "required", got {value!r}')


def _rule_paths(value: Any, base: Path) -> tuple[Path, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _Bad(f"expected a list of rule files or folders, got {value!r}")
    paths = tuple(base / v for v in value)
    for raw, path in zip(value, paths, strict=True):
        if not path.exists():
            raise _Bad(f"no such rule file or folder: {raw} (relative to {base})")
    return paths


def _folder(value: Any, base: Path) -> Path:
    if not isinstance(value, str) or not value:
        raise _Bad(f"expected a folder name, got {value!r}")
    return base / value


Check = Callable[[Any, Path], Any]

KEYS: dict[str, tuple[str, Check]] = {
    "rules": ("rule_paths", _rule_paths),
    "builtin-rules": ("builtin_rules", _bool),
    "disable": ("disabled_rules", _ids),
    "enable": ("enabled_rules", _ids),
    "disable-categories": ("disabled_categories", _ids),
    "severity": ("severity_overrides", _severity_table),
    "fail-on": ("fail_on", _severity),
    "fix-threshold": ("fix_threshold", _unit),
    "report-dir": ("report_dir", _folder),
    "time-budget": ("time_budget", _seconds),
}
"""Top-level keys: key → (Settings field, checker)."""

LT_KEYS: dict[str, tuple[str, Check]] = {
    "enabled": ("languagetool", _lt_mode),
    "disable": ("lt_disabled_rules", _ids),
    "enable": ("lt_enabled_rules", _ids),
    "disable-categories": ("lt_disabled_categories", _ids),
    "idle-timeout": ("lt_idle_minutes", _minutes),
}
"""Keys of the ``languagetool`` table."""


# -- finding and reading -------------------------------------------------------------------


def find_config(start: Path) -> Path | None:
    """The nearest configuration file at or above ``start`` (a file or a folder)."""
    try:
        here = start.resolve()
    except (OSError, RuntimeError):  # a symlink loop: search from where the link itself is
        here = start.absolute()
    if not _is(here, stat.S_ISDIR):
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_FILE
        if _is(candidate, stat.S_ISREG):
            return candidate
        candidate = folder / PYPROJECT
        if _is(candidate, stat.S_ISREG) and _mentions_cleaner(candidate):
            return candidate
    return None


def _is(path: Path, kind: Callable[[int], bool]) -> bool:
    """``kind(mode)`` of ``path``; False when it cannot be looked at (an unreadable folder is passed over)."""
    try:
        return kind(path.stat().st_mode)
    except (OSError, ValueError):
        return False


def _mentions_cleaner(path: Path) -> bool:
    try:
        return "tool.cleaner" in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def read_config(path: Path) -> ConfigFile:
    """Parse a configuration file; a pyproject.toml must hold a ``[tool.cleaner]`` table."""
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as exc:
        raise ConfigError(path, "(file)", f"cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(path, "(file)", f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, "(TOML syntax)", str(exc), syntax_error_line(str(exc))) from None
    if path.name != PYPROJECT:
        return ConfigFile(path, data, "", text)
    tool = data.get("tool", {})
    table = tool.get("cleaner") if isinstance(tool, dict) else None
    if table is None:
        raise ConfigError(path, "tool.cleaner", "no [tool.cleaner] table in this file")
    if not isinstance(table, dict):
        raise ConfigError(path, "tool.cleaner", "must be a table", key_line(text, ("tool", "cleaner")))
    return ConfigFile(path, table, "tool.cleaner.", text)


def parse_config(config: ConfigFile) -> dict[str, Any]:
    """The file's values as Settings fields; raises ConfigErrors naming every mistake, each with its line."""
    base = config.path.parent
    values: dict[str, Any] = {}
    errors: list[ConfigError] = []
    for key, value in config.table.items():
        if key == LT_TABLE:
            if not isinstance(value, dict):
                errors.append(config.error("must be a table ([tool.cleaner.languagetool])", key))
                continue
            for sub, sub_value in value.items():
                _collect(values, errors, config, LT_KEYS, sub_value, base, key, sub)
            continue
        _collect(values, errors, config, KEYS, value, base, key)
    if errors:
        errors.sort(key=lambda e: e.line or 0)
        raise errors[0] if len(errors) == 1 else ConfigErrors(errors)
    return values


def _collect(
    values: dict[str, Any],
    errors: list[ConfigError],
    config: ConfigFile,
    known: Mapping[str, tuple[str, Check]],
    value: Any,
    base: Path,
    *key: str,
) -> None:
    try:
        values.update(_checked(config, known, value, base, *key))
    except ConfigError as exc:
        errors.append(exc)


def _checked(
    config: ConfigFile, known: Mapping[str, tuple[str, Check]], value: Any, base: Path, *key: str
) -> dict[str, Any]:
    name = key[-1]
    if name not in known:
        choices = [*known, LT_TABLE] if len(key) == 1 else list(known)
        close = difflib.get_close_matches(name, choices, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f" (known keys: {', '.join(sorted(choices))})"
        raise config.error(f"unknown key{hint}", *key)
    field_name, check = known[name]
    try:
        return {field_name: check(value, base)}
    except _Bad as exc:
        raise config.error(str(exc), *key) from None


# -- merging ---------------------------------------------------------------------------------


def config_start(paths: Sequence[str]) -> Path:
    """Where discovery starts: the first checked path, or the current folder (stdin, no paths)."""
    first = next((p for p in paths if p != "-"), None)
    return Path(first) if first else Path.cwd()


def resolve(paths: Sequence[str], explicit: Path | None = None, overrides: Overrides | None = None) -> Resolved:
    """Effective settings for checking ``paths``: defaults < configuration file < command line."""
    path = explicit if explicit is not None else find_config(config_start(paths))
    config = read_config(path) if path is not None else None
    from_file = parse_config(config) if config else {}
    cli = _given(overrides or Overrides())
    settings = Settings(**from_file)
    if cli:
        extra = cli.pop("rule_paths", ())
        settings = replace(settings, **cli)
        if extra:
            settings = replace(settings, rule_paths=settings.rule_paths + tuple(extra))
            cli["rule_paths"] = extra
    if config:
        settings = replace(settings, config_path=config.path)
    origins = {
        f.name: COMMAND_LINE if f.name in cli else FILE if f.name in from_file else DEFAULT for f in fields(Settings)
    }
    if "rule_paths" in cli and "rule_paths" in from_file:
        origins["rule_paths"] = f"{FILE} + {COMMAND_LINE}"
    return Resolved(settings, config, origins)


def _given(overrides: Overrides) -> dict[str, Any]:
    given = {f.name: getattr(overrides, f.name) for f in fields(Overrides)}
    return {k: v for k, v in given.items() if v is not None and v != ()}


def load_settings(paths: Sequence[str], explicit: Path | None = None, overrides: Overrides | None = None) -> Settings:
    """The Settings for a run over ``paths`` (see :func:`resolve`)."""
    return resolve(paths, explicit, overrides).settings
