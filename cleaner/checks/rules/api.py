"""The engine's front door: rule folders in, a ready RuleChecker out."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator, Sequence
from pathlib import Path

from cleaner.checks.rules.cache import cache_key, cached_compile
from cleaner.checks.rules.compiler import CompiledRules, compile_rules
from cleaner.checks.rules.examples import check_examples
from cleaner.checks.rules.loader import load_rules, rule_files
from cleaner.checks.rules.matcher import RuleChecker
from cleaner.checks.rules.measured import MEASURED_FILE, measured_for, with_measured_confidence
from cleaner.errors import RuleFileErrors
from cleaner.paths import builtin_rules_dir, cache_dir


def compile_and_verify(paths: Sequence[Path]) -> CompiledRules:
    """Load, validate and compile; fail if any rule's examples do not behave."""
    compiled = compile_rules(load_rules(paths))
    failures = check_examples(RuleChecker(compiled))
    if failures:
        raise RuleFileErrors(failures)
    return compiled


RESIDENT_KEEP = 4
"""Rule checkers a resident process keeps (one per distinct rule files, measured tables and disabled set)."""
_resident: dict[tuple[str, str, frozenset[str], bool], RuleChecker] | None = None


def keep_checkers_loaded() -> None:
    """Reuse a loaded RuleChecker while its rule files and measured tables are unchanged (the resident worker).

    Why: per run, loading means unpickling the compiled rules, applying measured
    confidences and compiling the regex pass, about 0.1 s of a 0.2 s lint.  The
    key is the on-disk cache's (every rule file's bytes, cleaner's code) plus the
    measured tables' bytes, so an edited rule file is loaded afresh.
    """
    global _resident
    if _resident is None:
        _resident = {}


@contextlib.contextmanager
def checkers_kept_loaded() -> Iterator[None]:
    """Within the block, reuse loaded RuleCheckers as :func:`keep_checkers_loaded` does; then forget the
    ones the block loaded (a resident process keeps its own).

    Why: a process pool loads the rules once before forking, and the forked workers, born inside the
    block, find that checker instead of loading their own copy.
    """
    global _resident
    before = _resident
    if _resident is None:
        _resident = {}
    try:
        yield
    finally:
        _resident = before


def load_checker(
    extra: Sequence[Path] = (),
    *,
    builtin: bool = True,
    disabled: frozenset[str] = frozenset(),
    use_cache: bool = True,
    unconfirmed: bool = False,
) -> RuleChecker:
    """A RuleChecker over the built-in rules plus ``extra`` rule files or folders.

    Confidences measured on tuning data (``measured-precision.json`` in a rule
    folder, see :mod:`cleaner.checks.rules.measured`) replace the authors' where
    their support is enough.  With ``unconfirmed``, matches that lack their
    ``near:`` words are reported too, marked for a judge (the fluency gate).
    """
    paths = ([builtin_rules_dir()] if builtin else []) + list(extra)
    files = rule_files(paths)
    if not use_cache:
        compiled = with_measured_confidence(compile_and_verify(files), measured_for(paths))
        return RuleChecker(compiled, disabled, unconfirmed=unconfirmed)
    key = cache_key(files)

    def load() -> RuleChecker:
        compiled = cached_compile(cache_dir(), files, lambda: compile_and_verify(files), key=key)
        return RuleChecker(with_measured_confidence(compiled, measured_for(paths)), disabled, unconfirmed=unconfirmed)

    if _resident is None:
        return load()
    resident = (key, _measured_digest(paths), disabled, unconfirmed)
    if resident not in _resident:
        _resident[resident] = load()
        for old in list(_resident)[:-RESIDENT_KEEP]:
            del _resident[old]
    return _resident[resident]


def _measured_digest(paths: Sequence[Path]) -> str:
    """A digest of the measured tables :func:`measured_for` would read for ``paths``."""
    h = hashlib.sha256()
    for p in paths:
        candidate = p / MEASURED_FILE
        if p.is_dir() and candidate.is_file():
            h.update(str(candidate.resolve()).encode() + b"\0" + candidate.read_bytes() + b"\0")
    return h.hexdigest()
