"""The HTML reports: one self-contained page per article, and the index of all of them.

Rendered with Jinja2 with autoescaping on, so article text and rule messages
are always text, never markup.  Each page carries its CSS and JS inline and a
Content-Security-Policy that allows exactly those (by hash) and nothing else:
no network requests, and no script or style that an input could smuggle in
would run.  Everything shown comes from the ArticleResult and
:mod:`cleaner.report.model`; nothing is computed here.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined
from markupsafe import Markup

from cleaner import __version__
from cleaner.errors import InputError
from cleaner.paths import cache_dir
from cleaner.pipeline import ArticleResult
from cleaner.report.article_json import status_dict
from cleaner.report.model import (
    GARBLE_SCORE_EXPLAINED,
    Counts,
    counts,
    display_name,
    score_level,
    statuses,
    total,
    worst_first,
)
from cleaner.report.redline import layout

_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(Environment):
    """Jinja's environment, reading ``row.key`` of a plain dict as its item first.

    Why: Jinja looks ``x.y`` up as an attribute before an item, so on the finding rows
    (plain dicts) every lookup raised and caught an AttributeError, a third of the
    rendering time.  Names a dict has as attributes (``items``, ``keys``) keep Jinja's
    order, so what a template sees is unchanged.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


@cache
def _env() -> Environment:
    return _Environment(
        loader=PackageLoader("cleaner.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # the templates ship with cleaner: no stat of each template file per page
        bytecode_cache=_compiled_templates(),
    )


def _compiled_templates() -> BytecodeCache | None:
    """Jinja's own cache of compiled templates, in cleaner's cache folder (None when it cannot be made).

    Why: compiling the templates took about 40 ms in every process that renders a page
    (each ``--jobs`` worker, and this one again for the index).  Jinja checks each entry
    against the template's source and its own version, and writes entries atomically.
    """
    try:
        folder = cache_dir() / "templates"
        folder.mkdir(exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))


@dataclass(frozen=True, slots=True)
class _Asset:
    text: Markup
    source: str
    """The CSP source expression allowing exactly this inline text."""


@cache
def _asset(name: str) -> _Asset:
    text = (files("cleaner.report") / "templates" / name).read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return _Asset(Markup(text), f"'sha256-{digest}'")


def _csp(style: _Asset, script: _Asset | None = None) -> str:
    scripts = script.source if script else "'none'"
    return (
        f"default-src 'none'; style-src {style.source}; script-src {scripts}; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


def render_article_html(result: ArticleResult, index_href: str | None = "index.html") -> str:
    """The article's report page; ``index_href`` links back to the index (None: no link)."""
    css, js = _asset("report.css"), _asset("report.js")
    found = statuses(result)
    rows = [status_dict(result, s) for s in found]
    return (
        _env()
        .get_template("article.html.j2")
        .render(
            csp=_csp(css, js),
            css=css.text,
            js=js.text,
            version=__version__,
            index_href=index_href,
            name=display_name(result),
            path=result.path,
            words=result.words,
            format=_format_name(result.document.format),
            threshold=result.plan.threshold,
            score=result.garble_score,
            level=score_level(result.garble_score),
            score_explained=GARBLE_SCORE_EXPLAINED,
            before=result.readability_before,
            after=result.readability_after,
            counts=counts(result),
            engines=result.engines,
            blocks=layout(result.source.text, found),
            rows=rows,
            rows_by_id={r["id"]: r for r in rows},
            corrected=result.corrected,
            data={"findings": rows, "original": result.source.text, "download": corrected_name(result)},
        )
    )


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One article of the index and the (relative) address of its report."""

    result: ArticleResult
    href: str


def render_index_html(entries: Sequence[IndexEntry], errors: Sequence[InputError] = ()) -> str:
    """The index page: every article, worst garble score first, linking to its report."""
    css, js = _asset("report.css"), _asset("index.js")
    by_result = {id(e.result): e for e in entries}
    articles: list[dict[str, Any]] = []
    all_counts: list[Counts] = []
    for result in worst_first([e.result for e in entries]):
        c = counts(result)
        all_counts.append(c)
        articles.append(
            {
                "href": by_result[id(result)].href,
                "name": display_name(result),
                "path": result.path,
                "score": result.garble_score,
                "level": score_level(result.garble_score),
                "words": result.words,
                "counts": c,
                "severities": " ".join(sev for sev, n in c.by_severity.items() if n),
                "engines": " ".join(c.by_engine),
                "before": result.readability_before,
                "after": result.readability_after,
            }
        )
    return (
        _env()
        .get_template("index.html.j2")
        .render(
            csp=_csp(css, js),
            css=css.text,
            js=js.text,
            version=__version__,
            articles=articles,
            engines=sorted({e for a in articles for e in a["counts"].by_engine}),
            totals=total(all_counts),
            max_score=max([a["score"] for a in articles] + [10.0]),
            score_explained=GARBLE_SCORE_EXPLAINED,
            errors=[str(e) for e in errors],
        )
    )


def corrected_name(result: ArticleResult) -> str:
    """The file name the corrected text is downloaded as: ``article.corrected.md`` for ``article.md``."""
    name = Path(display_name(result))
    return f"{name.stem}.corrected{name.suffix or '.txt'}"


def _format_name(fmt: str) -> str:
    return {"text": "plain text", "markdown": "Markdown", "html": "HTML"}.get(fmt, fmt)
