"""``cleaner report``: an HTML page and its JSON twin per article, plus an index."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import quote

from cleaner.commands.lint import analyze_all
from cleaner.config import Settings
from cleaner.errors import CleanerError, ExitCode
from cleaner.files import WriteError, write_text_atomic
from cleaner.pipeline import ArticleResult
from cleaner.progress import progress
from cleaner.report.article_json import render_article_json
from cleaner.report.html import IndexEntry, render_article_html, render_index_html
from cleaner.report.run import Report

INDEX = "index"
_UNSAFE = re.compile(r"[^\w.-]+")


def run_report(
    paths: Sequence[str],
    settings: Settings,
    out_dir: Path,
    out: Callable[[str], None],
    err: Callable[[str], None],
) -> ExitCode:
    """Write ``<stem>.html`` and ``<stem>.json`` per article and ``index.html`` into ``out_dir``.

    Exit codes as ``lint``: 2 if an input could not be read or a report not
    written, else 1 if a finding reaches ``fail_on``, else 0.
    """
    results, errors = analyze_all(paths, settings, err)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CleanerError(f"{out_dir}: cannot create the report folder: {exc.strerror or exc}") from None
    stems = report_stems([r.path for r in results])
    entries: list[IndexEntry] = []
    failed = False
    for result, stem in progress(zip(results, stems, strict=True), len(results), "writing reports"):
        try:
            _write_article(result, out_dir, stem)
        except WriteError as exc:
            err(f"error: {exc}")
            failed = True
            continue
        entries.append(IndexEntry(result, quote(f"{stem}.html")))
    index = out_dir / f"{INDEX}.html"
    try:
        write_text_atomic(index, render_index_html(entries, errors))
    except WriteError as exc:
        err(f"error: {exc}")
        return ExitCode.ERROR
    n = len(entries)
    out(f"wrote {n} article report{'s' if n != 1 else ''} (HTML and JSON) and {index}")
    return ExitCode.ERROR if failed else Report(tuple(results), tuple(errors), settings.fail_on).exit_code


def _write_article(result: ArticleResult, out_dir: Path, stem: str) -> None:
    write_text_atomic(out_dir / f"{stem}.html", render_article_html(result, f"{INDEX}.html"))
    write_text_atomic(out_dir / f"{stem}.json", render_article_json(result))


def report_stems(paths: Sequence[str]) -> list[str]:
    """A distinct, file-name-safe stem per article: ``a.txt`` → ``a``, then ``a.md`` → ``a-2``.

    Stems are compared case-insensitively (for case-insensitive file systems)
    and never equal ``index``, the name of the index page.
    """
    taken = {INDEX}
    stems: list[str] = []
    for path in paths:
        base = "stdin" if path == "<stdin>" else _UNSAFE.sub("_", Path(path).stem).lstrip(".") or "article"
        stem, n = base, 1
        while stem.lower() in taken:
            n += 1
            stem = f"{base}-{n}"
        taken.add(stem.lower())
        stems.append(stem)
    return stems
