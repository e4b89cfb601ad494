"""``cleaner config [PATH]``: the effective configuration for a path, and where each value came from."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import fields
from enum import Enum
from pathlib import Path
from typing import Any

from cleaner.checks.registry import Mode
from cleaner.config import FLUENCY_TABLE, KEYS, LT_KEYS, LT_TABLE, Overrides, Resolved, get_field, resolve
from cleaner.errors import ExitCode


def run_config(
    paths: Sequence[str],
    explicit: Path | None,
    fmt: str,
    out: Callable[[str], None],
    overrides: Overrides | None = None,
) -> ExitCode:
    """Print the effective configuration (TOML with origin comments, or JSON)."""
    resolved = resolve(paths, explicit, overrides)
    out(render_json(resolved) if fmt == "json" else render_toml(resolved, paths))
    return ExitCode.OK


def _plain(value: Any) -> Any:
    as_config = getattr(value, "as_config", None)
    if callable(as_config):
        return as_config()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, frozenset | set):
        return sorted(value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in sorted(value.items())}
    return value


def _entries(resolved: Resolved, keys: dict[str, tuple[str, Any]]) -> list[tuple[str, Any, str]]:
    return [
        (key, _plain(get_field(resolved.settings, name)), resolved.origins[name]) for key, (name, _) in keys.items()
    ]


def _fluency_entries(resolved: Resolved) -> list[tuple[str, Any, str]]:
    """``[fluency]``: the checker's mode (off / optional / required), then every option of it."""
    options = resolved.settings.fluency
    mode = ("mode", _plain(get_field(resolved.settings, "modes.fluency")), resolved.origins["modes.fluency"])
    return [mode] + [
        (f.name.replace("_", "-"), _plain(getattr(options, f.name)), resolved.origins[f"fluency.{f.name}"])
        for f in fields(options)
    ]


def _fluency_toml_entries(resolved: Resolved) -> list[tuple[str, Any, str]]:
    """``[fluency]`` as a configuration file spells it: ``mode`` is auto, off, gate or full, and no ``kind``.

    The settings keep the checker's mode and its kind apart; the file's
    ``mode`` says both at once (gate/full are required), so the printed
    table can be saved as a ``.cleaner.toml`` and read back.
    """
    entries = _fluency_entries(resolved)
    (_, mode, origin), options = entries[0], [e for e in entries[1:] if e[0] != "kind"]
    kind = resolved.settings.fluency.kind
    spelled = {Mode.OFF.value: "off", Mode.OPTIONAL.value: "auto"}.get(mode, kind)
    return [("mode", spelled, origin), *options]


def render_json(resolved: Resolved) -> str:
    """``{"file": ..., "settings": {key: value}, "languagetool": {...}, "origins": {...}}``."""
    top = _entries(resolved, KEYS)
    lt = _entries(resolved, LT_KEYS)
    fl = _fluency_entries(resolved)
    doc = {
        "file": str(resolved.config.path) if resolved.config else None,
        "extends": [str(p) for p in resolved.chain[:-1]],
        "settings": {k: v for k, v, _ in top}
        | {LT_TABLE: {k: v for k, v, _ in lt}, FLUENCY_TABLE: {k: v for k, v, _ in fl}},
        "origins": {k: o for k, _, o in top}
        | {f"{LT_TABLE}.{k}": o for k, _, o in lt}
        | {f"{FLUENCY_TABLE}.{k}": o for k, _, o in fl},
    }
    return json.dumps(doc, indent=2, ensure_ascii=False)


def render_toml(resolved: Resolved, paths: Sequence[str]) -> str:
    """The configuration as a ``.cleaner.toml`` would say it, each value with its origin."""
    where = ", ".join(paths) if paths else "."
    source = (
        f"{resolved.config.path} [{resolved.config.prefix.rstrip('.')}]"
        if resolved.config and resolved.config.prefix
        else str(resolved.config.path)
        if resolved.config
        else "none found (defaults)"
    )
    lines = [f"# effective configuration for {where}", f"# configuration file: {source}"]
    if len(resolved.chain) > 1:
        lines.append(f"# extends: {' <- '.join(str(p) for p in resolved.chain[:-1])}")
    lines.extend(_line(k, v, o) for k, v, o in _entries(resolved, KEYS))
    lines.append("")
    lines.append(f"[{LT_TABLE}]")
    lines.extend(_line(k, v, o) for k, v, o in _entries(resolved, LT_KEYS))
    lines.append("")
    lines.append(f"[{FLUENCY_TABLE}]")
    lines.extend(_line(k, v, o) for k, v, o in _fluency_toml_entries(resolved))
    return "\n".join(lines)


def _line(key: str, value: Any, origin: str) -> str:
    shown = f"{key} = {_toml(value)}" if value is not None else f"# {key} = (not set)"
    return f"{shown:<48} # {origin}"


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + " }" if value else "{}"
    return json.dumps(str(value))
