"""cleaner's own LanguageTool XML rules: the class-path folder the server loads them from.

LanguageTool reads extra English rules from the resource
``org/languagetool/rules/en/grammar_custom.xml`` when it finds one on its class
path, so cleaner writes its rule file (``rules/languagetool/grammar_custom.xml``)
into a folder named by the file's digest and puts that folder before the jars.
The digest is part of the installation's identity: a server started with other
rules (an older checkout, or none) no longer matches and is replaced, and the
result cache keys change with it.

These rules are cleaner's rules, not LanguageTool's: they all live in one
category (:data:`CATEGORY`) that the stock LanguageTool checker always switches
off, and that only the pivot checker asks for.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import tempfile
from pathlib import Path

from cleaner.checks.languagetool.install import Installation
from cleaner.checks.languagetool.selection import CUSTOM_CATEGORY
from cleaner.paths import builtin_rules_dir

CATEGORY = CUSTOM_CATEGORY
"""The one LanguageTool category of every cleaner XML rule."""
RULE_PREFIX = "CLEANER_PIVOT_"
RESOURCE = Path("org/languagetool/rules/en/grammar_custom.xml")
RULES_FILE = Path("languagetool/grammar_custom.xml")
"""Where the rule file lives under the built-in rules folder."""
FOLDER = "custom-rules"


def rules_file() -> Path | None:
    """The shipped XML rule file, or None when this installation has none."""
    try:
        path = builtin_rules_dir() / RULES_FILE
    except FileNotFoundError:
        return None
    return path if path.is_file() else None


def fingerprint(data: bytes) -> str:
    """A short digest of the rule file's bytes (the server identity and cache-key part)."""
    return hashlib.sha256(data).hexdigest()[:16]


def is_custom_rule(rule_id: str, category: str = "") -> bool:
    """True for a match made by one of cleaner's XML rules."""
    return category == CATEGORY or rule_id.startswith(RULE_PREFIX)


def classpath_folder(state_dir: Path, data: bytes) -> Path:
    """The folder holding ``RESOURCE`` with ``data``, written once per digest (atomically)."""
    folder = state_dir / FOLDER / fingerprint(data)
    target = folder / RESOURCE
    if target.is_file() and target.read_bytes() == data:
        return folder
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".grammar-", suffix=".xml")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    Path(tmp).replace(target)
    return folder


def with_custom_rules(installation: Installation, state_dir: Path, source: Path | None = None) -> Installation:
    """``installation`` with cleaner's XML rules first on its class path (idempotent).

    ``source`` defaults to the shipped rule file; without one the installation
    is returned unchanged (stock LanguageTool).
    """
    if installation.custom_rules:
        return installation
    path = source if source is not None else rules_file()
    if path is None:
        return installation
    data = path.read_bytes()
    folder = classpath_folder(state_dir, data)
    return dataclasses.replace(
        installation,
        classpath=(str(folder), *installation.classpath),
        custom_rules=fingerprint(data),
    )
