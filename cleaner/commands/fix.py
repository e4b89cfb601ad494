"""``cleaner fix``: apply each article's fix plan in place, or show it as a diff."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from cleaner.atomic import WriteError, encode, write_atomic
from cleaner.commands.lint import analyze_all, exit_code
from cleaner.errors import ExitCode
from cleaner.pipeline import ArticleResult
from cleaner.settings import Settings

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def run_fix(
    paths: Sequence[str],
    settings: Settings,
    diff: bool,
    dry_run: bool,
    out: Callable[[str], None],
    err: Callable[[str], None],
    jobs: int | None = 1,
) -> ExitCode:
    """Fix every article; print a summary line per file; return the exit code.

    Files are rewritten atomically, keeping their mode, BOM and newline style.
    With ``diff`` a unified diff is printed and nothing is written; with
    ``dry_run`` only the summary is printed.  Standard input (``-``) gets its
    corrected text printed to stdout.  Exit codes as ``lint``, judged on what
    is left after fixing; a file that cannot be written is reported, left as
    it was, and makes the exit code 2.
    """
    results, errors = analyze_all(paths, settings, err, jobs)
    stdout_has_data = diff or any(r.source.is_stdin for r in results)
    say = err if stdout_has_data else out
    write = not (diff or dry_run)
    failed = False
    for result in results:
        if diff:
            patch = unified_diff(result)
            if patch:
                out(patch)
        elif result.source.is_stdin and not dry_run:
            out(result.corrected.removesuffix("\n"))
        elif write and result.plan.edits:
            try:
                _write_back(result)
            except WriteError as exc:
                err(f"error: {exc}; left unchanged")
                failed = True
                continue
        say(summary_line(result, written=write))
    if len(results) > 1:
        say(_total_line(results, written=write))
    if failed:
        return ExitCode.ERROR
    return exit_code(results, errors, settings, after_fix=True)


def _write_back(result: ArticleResult) -> None:
    """Replace the file with the corrected text, unless it changed since it was read."""
    source = result.source
    path = Path(source.path)
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


def _total_line(results: Sequence[ArticleResult], written: bool) -> str:
    n = sum(len(r.plan.edits) for r in results)
    m = sum(len(r.plan.suggestions) for r in results)
    changed = sum(1 for r in results if r.plan.edits)
    verb = "applied" if written else "to apply"
    return f"{_plural(n, 'edit')} {verb} in {_plural(changed, 'file')} of {len(results)}, {_plural(m, 'suggestion')}"


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
