"""``cleaner report``: an HTML page and its JSON twin per article, plus an index."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

from cleaner.commands.common import warn_about_selection
from cleaner.commands.lint import iter_prepared
from cleaner.config import Configurations, Settings
from cleaner.errors import CleanerError, ExitCode, InputError
from cleaner.files import WriteError, write_text_atomic
from cleaner.pipeline import ArticleResult
from cleaner.progress import progress
from cleaner.report.article_json import render_article_json
from cleaner.report.html import IndexEntry, render_article_html, render_index_html
from cleaner.report.run import Report

INDEX = "index"
WRITERS = 4
"""Threads writing report files at once."""
_UNSAFE = re.compile(r"[^\w.-]+")


def run_report(
    paths: Sequence[str],
    settings: Settings | Configurations,
    out_dir: Path,
    out: Callable[[str], None],
    err: Callable[[str], None],
    jobs: int | None = 1,
) -> ExitCode:
    """Write ``<stem>.html`` and ``<stem>.json`` per article and ``index.html`` into ``out_dir``.

    Exit codes as ``lint``: 2 if an input could not be read or a report not
    written, else 1 if a finding reaches ``fail_on``, else 0.  ``jobs``
    processes share the checking (None or 0: the free cores).
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CleanerError(f"{out_dir}: cannot create the report folder: {exc.strerror or exc}") from None
    results: list[ArticleResult] = []
    errors: list[InputError] = []
    entries: list[IndexEntry] = []
    failed = False
    taken = {INDEX}
    # Each article's pages are rendered by the process that checked it (with --jobs, a worker; never
    # threads: rendering is pure Python, so they would only take turns at it) and written here by
    # threads, which overlap the fsyncs with the next articles' checking; errors are reported in order.
    with ThreadPoolExecutor(max_workers=WRITERS) as writers:
        pending = []
        for item in iter_prepared(paths, settings, err, _render_article, jobs):
            if isinstance(item, InputError):
                errors.append(item)
                continue
            result, pages = item
            results.append(result)
            stem = _next_stem(result.path, taken)
            pending.append((result, stem, writers.submit(_write_pages, out_dir, stem, pages)))
        for result, stem, done in progress(pending, len(pending), "writing reports"):
            try:
                done.result()
            except WriteError as exc:
                err(f"error: {exc}")
                failed = True
                continue
            entries.append(IndexEntry(result, quote(f"{stem}.html")))
    warn_about_selection(settings, results, err)
    index = out_dir / f"{INDEX}.html"
    try:
        write_text_atomic(index, render_index_html(entries, errors))
    except WriteError as exc:
        err(f"error: {exc}")
        return ExitCode.ERROR
    n = len(entries)
    out(f"wrote {n} article report{'s' if n != 1 else ''} (HTML and JSON) and {index}")
    return ExitCode.ERROR if failed else Report(tuple(results), tuple(errors), fail_on=None).exit_code


def _render_article(result: ArticleResult) -> tuple[str, str]:
    """The article's HTML page and its JSON twin (in a --jobs worker: it computes the corrected text's
    readability, which stays cached on the result for the index page)."""
    return render_article_html(result, f"{INDEX}.html"), render_article_json(result)


def _write_pages(out_dir: Path, stem: str, pages: tuple[str, str]) -> None:
    html, json = pages
    write_text_atomic(out_dir / f"{stem}.html", html)
    write_text_atomic(out_dir / f"{stem}.json", json)


def report_stems(paths: Sequence[str]) -> list[str]:
    """A distinct, file-name-safe stem per article: ``a.txt`` → ``a``, then ``a.md`` → ``a-2``.

    Stems are compared case-insensitively (for case-insensitive file systems)
    and never equal ``index``, the name of the index page.
    """
    taken = {INDEX}
    return [_next_stem(path, taken) for path in paths]


def _next_stem(path: str, taken: set[str]) -> str:
    """The stem for ``path`` given the (lower-cased) stems ``taken`` so far, which it joins."""
    base = "stdin" if path == "<stdin>" else _UNSAFE.sub("_", Path(path).stem).lstrip(".") or "article"
    stem, n = base, 1
    while stem.lower() in taken:
        n += 1
        stem = f"{base}-{n}"
    taken.add(stem.lower())
    return stem
