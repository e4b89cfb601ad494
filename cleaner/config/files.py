"""Configuration files: ``[tool.cleaner]`` in ``pyproject.toml``, or a ``.cleaner.toml``.

One file is found by walking up from a checked file's folder; the nearest
folder holding one wins (in one folder ``.cleaner.toml`` beats
``pyproject.toml``, and a ``pyproject.toml`` without a ``[tool.cleaner]``
table is passed over); the walk stops at the top of the git work tree.
This module reads and checks one file: every mistake is reported as
``file:line: key: what is wrong`` (exit code 2).  Every key names the field
of one stage's settings section it sets (``policy.disabled_rules``,
``languagetool.idle_timeout_minutes`` …), so each section is built straight
from the file.  Files that extend others and ``[[per-path]]`` sections are
:mod:`cleaner.config.layers`; which settings each article gets is
:mod:`cleaner.config.per_file`.  The keys are documented in
docs/configuration.md.
"""

from __future__ import annotations

import difflib
import math
import stat
import tomllib
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from cleaner.checks.registry import Mode
from cleaner.config.lines import key_line, syntax_error_line
from cleaner.config.suppress_table import SUPPRESS_TABLE, parse_entries
from cleaner.errors import ConfigError, ConfigErrors
from cleaner.findings import Selection, Severity, check_term

CONFIG_FILE = ".cleaner.toml"
PYPROJECT = "pyproject.toml"
LT_TABLE = "languagetool"
FLUENCY_TABLE = "fluency"

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
    languagetool: Mode | str | None = None
    """LanguageTool's mode ("auto" is "optional")."""
    fluency: str | None = None
    """The fluency checker: auto, off, gate or full (see ``checks.fluency.settings.choice_fields``)."""
    report_dir: Path | None = None
    use_rule_cache: bool | None = None
    time_budget: float | None = None
    selection: Selection | None = None
    """``--select`` / ``--ignore``."""
    surprise: float | None = None
    """``--surprise``: the fluency checker's surprising-word threshold in nats (0: off)."""


OVERRIDE_FIELDS = {
    "rule_paths": "rules.paths",
    "builtin_rules": "rules.builtin",
    "fail_on": "fail_on",
    "fix_threshold": "fix_threshold",
    "languagetool": "modes.languagetool",
    "report_dir": "report_dir",
    "use_rule_cache": "rules.use_cache",
    "time_budget": "time_budget",
    "surprise": "fluency.surprise",
    "selection": "policy.selection",
}
"""Command-line option → the settings field it sets."""


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


def _budget_seconds(value: Any, base: Path) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not (0 <= value < math.inf):
        raise _Bad(f"expected a number of seconds (0: no limit), got {value!r}")
    return float(value)


def _lt_mode(value: Any, base: Path) -> Mode:
    if value is True or value in ("auto", "optional"):
        return Mode.OPTIONAL
    if value is False or value == "off":
        return Mode.OFF
    if value == "required":
        return Mode.REQUIRED
    raise _Bad(f'expected true, false or "required", got {value!r}')


def mode(value: Mode | str) -> Mode:
    """A checker mode from its name; "auto" is the old name of "optional"."""
    return _lt_mode(value, Path())


def _text(value: Any, base: Path) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Bad(f"expected a non-empty string, got {value!r}")
    return value.strip()


def _texts(value: Any, base: Path) -> tuple[str, ...]:
    return tuple(sorted(_ids(value, base))) if value else ()


def _seconds(value: Any, base: Path) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not (0 < value < math.inf):
        raise _Bad(f"expected a positive number of seconds, got {value!r}")
    return float(value)


def _megabytes(value: Any, base: Path) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not (0 <= value < math.inf):
        raise _Bad(f"expected a number of megabytes, got {value!r}")
    return float(value)


def _path(value: Any, base: Path) -> Path:
    if not isinstance(value, str) or not value:
        raise _Bad(f"expected a folder name, got {value!r}")
    return base / Path(value).expanduser()


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


def _suppressions(value: Any, base: Path) -> tuple[Any, ...]:
    """``[[suppress]]`` entries; :func:`parse_config` reads them with their lines instead (this is the fallback)."""
    entries, errors = parse_entries(value, Path(), "", "", base)
    if errors:
        raise _Bad(errors[0].problem)
    return entries


def _patterns(value: Any, base: Path) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _Bad(f"expected a list of gitignore-style patterns, got {value!r}")
    return tuple(v.strip() for v in value)


def _terms(value: Any, base: Path) -> tuple[str, ...]:
    """A vocabulary: an inline list of terms, or a file of them (one a line, ``#`` comments)."""
    if isinstance(value, str) and value.strip():
        return _term_file(base / Path(value.strip()).expanduser())
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _Bad(f"expected a list of terms or the name of a file of terms, got {value!r}")
    for term in value:
        problem = check_term(term.strip())
        if problem:
            raise _Bad(f"{term!r}: {problem}")
    return tuple(dict.fromkeys(v.strip() for v in value))


def _term_file(path: Path) -> tuple[str, ...]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise _Bad(f"cannot read the term file {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise _Bad(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    terms: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        term = line.strip()
        if not term or term.startswith("#"):
            continue
        problem = check_term(term)
        if problem:
            raise _Bad(f"{path}:{number}: {term!r}: {problem}")
        terms.append(term)
    return tuple(dict.fromkeys(terms))


KEYS: dict[str, tuple[str, Check]] = {
    "exclude": ("discovery.exclude", _patterns),
    "extend-exclude": ("discovery.extend_exclude", _patterns),
    "respect-gitignore": ("discovery.respect_gitignore", _bool),
    "rules": ("rules.paths", _rule_paths),
    "builtin-rules": ("rules.builtin", _bool),
    "disable": ("policy.disabled_rules", _ids),
    "enable": ("policy.enabled_rules", _ids),
    "disable-categories": ("policy.disabled_categories", _ids),
    "severity": ("policy.severity_overrides", _severity_table),
    "fail-on": ("fail_on", _severity),
    "fix-threshold": ("fix_threshold", _unit),
    "report-dir": ("report_dir", _folder),
    "time-budget": ("time_budget", _budget_seconds),
    "accept": ("vocabulary.accept", _terms),
    "reject": ("vocabulary.reject", _terms),
    SUPPRESS_TABLE: ("policy.suppressions", _suppressions),
}
"""Top-level keys: key → (settings field, checker)."""

LT_KEYS: dict[str, tuple[str, Check]] = {
    "enabled": ("modes.languagetool", _lt_mode),
    "disable": ("languagetool.disabled_rules", _ids),
    "enable": ("languagetool.enabled_rules", _ids),
    "disable-categories": ("languagetool.disabled_categories", _ids),
    "enable-categories": ("languagetool.enabled_categories", _ids),
    "idle-timeout": ("languagetool.idle_timeout_minutes", _minutes),
    "home": ("languagetool.home", _path),
    "folder": ("languagetool.folder", _path),
    "version": ("languagetool.version", _text),
    "fallback-versions": ("languagetool.fallback_versions", _texts),
    "max-heap": ("languagetool.max_heap", _text),
    "language": ("languagetool.language", _text),
    "request-timeout": ("languagetool.request_timeout", _seconds),
    "start-timeout": ("languagetool.start_timeout", _seconds),
    "cache-max-mb": ("languagetool.cache_max_mb", _megabytes),
    "java-options": ("languagetool.extra_java_options", _texts),
    "skip-names-in-spelling": ("languagetool.skip_names_in_spelling", _bool),
    "skip-british-spelling": ("languagetool.skip_british_spelling", _bool),
    "grade-spelling": ("languagetool.grade_spelling", _bool),
}
"""Keys of the ``languagetool`` table: every field of LanguageToolSettings, plus its mode."""

TOP_TABLES = (LT_TABLE, FLUENCY_TABLE, "extend", "per-path")
"""Top-level keys besides KEYS (named in the hint for a mistyped key)."""

ADDED_TO_DEFAULTS = frozenset(
    {
        "languagetool.disabled_rules",
        "languagetool.enabled_rules",
        "languagetool.disabled_categories",
        "languagetool.enabled_categories",
    }
)
"""LanguageTool selections that extend cleaner's defaults (selection.py) instead of replacing them."""


# -- finding and reading -------------------------------------------------------------------


def find_config(start: Path) -> Path | None:
    """The nearest configuration file at or above ``start`` (a file or a folder), up to the git work tree's top."""
    here = start_folder(start)
    for folder in (here, *here.parents):
        found = config_in(folder)
        if found is not None or is_repository_top(folder):
            return found
    return None


def start_folder(start: Path) -> Path:
    """The folder a search from ``start`` begins in: ``start`` itself if it is a folder, else its parent."""
    try:
        here = start.resolve()
    except (OSError, RuntimeError):  # a symlink loop: search from where the link itself is
        here = start.absolute()
    return here if _is(here, stat.S_ISDIR) else here.parent


def config_in(folder: Path) -> Path | None:
    """The configuration file of ``folder`` itself, if it holds one."""
    candidate = folder / CONFIG_FILE
    if _is(candidate, stat.S_ISREG):
        return candidate
    candidate = folder / PYPROJECT
    if _is(candidate, stat.S_ISREG) and _mentions_cleaner(candidate):
        return candidate
    return None


def is_repository_top(folder: Path) -> bool:
    """True for the top of a git work tree (a ``.git`` folder or file): the search goes no higher."""
    try:
        (folder / ".git").lstat()
    except (OSError, ValueError):
        return False
    return True


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


def parse_config(
    config: ConfigFile, skip: Collection[str] = (), forbidden: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The file's values by settings field (``policy.disabled_rules``).

    ``skip`` are keys read elsewhere (``extend``, ``per-path``); ``forbidden``
    maps keys not allowed here to the reason.  Raises ConfigErrors naming
    every mistake, each with its line.
    """
    base = config.path.parent
    values: dict[str, Any] = {}
    errors: list[ConfigError] = []
    for key, value in config.table.items():
        if key in skip:
            continue
        if forbidden and key in forbidden:
            errors.append(config.error(forbidden[key], key))
            continue
        if key == LT_TABLE:
            if not isinstance(value, dict):
                errors.append(config.error("must be a table ([tool.cleaner.languagetool])", key))
                continue
            for sub, sub_value in value.items():
                _collect(values, errors, config, LT_KEYS, sub_value, base, key, sub)
            continue
        if key == FLUENCY_TABLE:
            _fluency_table(values, errors, config, value, base)
            continue
        if key == SUPPRESS_TABLE:
            entries, problems = parse_entries(value, config.path, config.prefix, config.text, base)
            values["policy.suppressions"] = entries
            errors.extend(problems)
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


def _fluency_table(
    values: dict[str, Any], errors: list[ConfigError], config: ConfigFile, value: Any, base: Path
) -> None:
    from cleaner.checks.fluency.settings import parse_table

    fields, problems = parse_table(value, base)
    errors.extend(config.error(problem, FLUENCY_TABLE, *([key] if key else [])) for key, problem in problems)
    values.update(fields)


def _checked(
    config: ConfigFile, known: Mapping[str, tuple[str, Check]], value: Any, base: Path, *key: str
) -> dict[str, Any]:
    name = key[-1]
    if name not in known:
        choices = [*known, *TOP_TABLES] if len(key) == 1 else list(known)
        close = difflib.get_close_matches(name, choices, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f" (known keys: {', '.join(sorted(choices))})"
        raise config.error(f"unknown key{hint}", *key)
    field_name, check = known[name]
    try:
        return {field_name: check(value, base)}
    except _Bad as exc:
        raise config.error(str(exc), *key) from None


# -- fields ----------------------------------------------------------------------------------


def _fluency_fields() -> tuple[str, ...]:
    from cleaner.checks.fluency.settings import FluencyOptions

    return ("modes.fluency", *(f"fluency.{f.name}" for f in fields(FluencyOptions)))


FIELDS = tuple(name for name, _ in (*KEYS.values(), *LT_KEYS.values())) + _fluency_fields()
"""Every settings field a configuration file can set, by dotted name."""


def get_field(settings: Any, name: str) -> Any:
    """The value of the dotted settings field ``name`` (``modes.languagetool`` gives the checker's mode)."""
    head, _, rest = name.partition(".")
    if head == "modes":
        from cleaner.checks.registry import mode_of

        return mode_of(rest, settings.modes)
    value = getattr(settings, head)
    return get_field(value, rest) if rest else value


def set_field(settings: Any, name: str, value: Any) -> Any:
    """``settings`` with the dotted field ``name`` set (LanguageTool selections added to the defaults)."""
    head, _, rest = name.partition(".")
    if head == "modes":
        return replace(settings, modes={**settings.modes, rest: value})
    if not rest:
        return replace(settings, **{head: value})
    section = getattr(settings, head)
    if name in ADDED_TO_DEFAULTS:
        value = getattr(section, rest) | value
    return replace(settings, **{head: replace(section, **{rest: value})})


def given(overrides: Overrides) -> dict[str, Any]:
    """The command line's values by settings field (only those given)."""
    given = {f.name: getattr(overrides, f.name) for f in fields(Overrides)}
    fluency = given.pop("fluency")
    out = {OVERRIDE_FIELDS[k]: v for k, v in given.items() if v is not None and v != ()}
    if fluency is not None:
        from cleaner.checks.fluency.settings import choice_fields

        out.update(choice_fields(fluency))
    if "modes.languagetool" in out:
        out["modes.languagetool"] = mode(out["modes.languagetool"])
    return out
