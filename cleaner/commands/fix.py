"""``cleaner fix``: apply each article's fix plan in place, or show it as a diff."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from cleaner.commands.common import warn_about_selection
from cleaner.commands.lint import analyze_all
from cleaner.config import Configurations, Settings
from cleaner.errors import ExitCode
from cleaner.files import WriteError, encode, write_atomic
from cleaner.files.leftovers import sweep
from cleaner.files.permissions import read_only_reason
from cleaner.pipeline import ArticleResult
from cleaner.report.run import Report

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def run_fix(
    paths: Sequence[str],
    settings: Settings | Configurations,
    diff: bool,
    dry_run: bool,
    out: Callable[[str], None],
    err: Callable[[str], None],
    force: bool = False,
    jobs: int | None = 1,
) -> ExitCode:
    """Fix every article; print a summary line per file; return the exit code.

    Files are rewritten atomically, keeping their mode, BOM and newline style.
    With ``diff`` a unified diff is printed, nothing is written, and pending
    changes make the exit code 1 (so ``fix --diff`` serves as a check); with
    ``dry_run`` only the summary is printed.  Standard input (``-``) gets its
    corrected text printed to stdout.  Exit codes as ``lint``, judged on what
    is left after fixing; a file that cannot be written is reported, left as
    it was, and makes the exit code 2.  A read-only file (no write bit) is
    such a file unless ``force``; temporary files left next to the articles by
    an earlier, interrupted ``fix`` are removed first.  ``jobs`` processes
    share the checking (None or 0: the free cores).
    """
    results, errors = analyze_all(paths, settings, err, jobs)
    warn_about_selection(settings, results, err)
    stdout_has_data = diff or any(r.source.is_stdin for r in results)
    say = err if stdout_has_data else out
    write = not (diff or dry_run)
    failed = pending = False
    if write:
        _sweep_leftovers(results, err)
    for result in results:
        if diff:
            patch = unified_diff(result)
            if patch:
                out(patch)
                pending = True
        elif result.source.is_stdin and not dry_run:
            out(result.corrected.removesuffix("\n"))
        elif write and result.plan.edits:
            try:
                _write_back(result, force)
            except WriteError as exc:
                err(f"error: {exc}; left unchanged")
                failed = True
                continue
        say(summary_line(result, written=write))
    report = Report(tuple(results), tuple(errors), fail_on=None, after_fix=True)
    if len(results) > 1:
        say(total_line(report, written=write))
    if failed:
        return ExitCode.ERROR
    code = report.exit_code
    return ExitCode.FINDINGS if pending and code == ExitCode.OK else code


def _sweep_leftovers(results: Sequence[ArticleResult], err: Callable[[str], None]) -> None:
    folders = {Path(r.source.path).resolve().parent for r in results if not r.source.is_stdin}
    for folder in sorted(folders):
        removed = sweep(folder)
        if removed:
            names = ", ".join(p.name for p in removed)
            err(f"note: {folder}: removed {len(removed)} temporary file(s) left by an interrupted fix: {names}")


def _write_back(result: ArticleResult, force: bool = False) -> None:
    """Replace the file with the corrected text, unless it changed since it was read or is read-only."""
    source = result.source
    path = Path(source.path)
    reason = None if force else read_only_reason(path)
    if reason is not None:
        raise WriteError(source.path, f"{reason}; use --force to rewrite it anyway")
    try:
        current = path.read_bytes()
    except OSError as exc:
        raise WriteError(source.path, f"cannot read it again: {exc.strerror or exc}") from None
    if current != encode(source.text, source):
        raise WriteError(source.path, "the file changed while it was being checked")
    write_atomic(path, encode(result.corrected, source))


def summary_line(result: ArticleResult, written: bool) -> str:
    """``path: N edits applied, M suggestions`` (or ``to apply`` when nothing is written)."""
    n, m = len(result.plan.edits), len(result.plan.suggestions)
    verb = "applied" if written or result.source.is_stdin else "to apply"
    return f"{result.path}: {_plural(n, 'edit')} {verb}, {_plural(m, 'suggestion')}"


def total_line(report: Report, written: bool) -> str:
    """``N edits applied in F files of A, M suggestions``, from the run's totals."""
    t = report.totals
    verb = "applied" if written else "to apply"
    return (
        f"{_plural(t.applied, 'edit')} {verb} in {_plural(report.changed_files, 'file')} of {len(report.articles)}, "
        f"{_plural(t.suggested, 'suggestion')}"
    )


def unified_diff(result: ArticleResult) -> str:
    """The plan as a unified diff (``a/path`` → ``b/path``); empty when nothing changes."""
    before, after = result.source.text, result.corrected
    if before == after:
        return ""
    name = result.path.lstrip("/")
    lines = difflib.unified_diff(_lines(before), _lines(after), fromfile=f"a/{name}", tofile=f"b/{name}")
    return "".join(lines).removesuffix("\n")


def _lines(text: str) -> list[str]:
    """Lines with their endings; a last line without one is marked as ``diff`` does."""
    lines = _LINE.findall(text)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n\\ No newline at end of file\n"
    return lines


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
