"""SARIF 2.1.0 output of ``cleaner lint --format sarif``, for GitHub code scanning and IDEs.

One run, one ``tool.driver`` listing the rules that fired (severity as
default level; help text, Markdown and a documentation link from
:mod:`cleaner.report.rule_help`), one result per finding with its location
(lines and columns 1-based, end exclusive, columns and ``charOffset`` in
Unicode code points as ``columnKind`` says) and, where a replacement exists,
a fix per replacement, planned by the fix planner (so it touches prose only).
Validated in the tests against the official OASIS schema.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from cleaner import __version__
from cleaner.document import Span
from cleaner.findings import Finding, Severity
from cleaner.fixes import propose_edit
from cleaner.pipeline import ArticleResult
from cleaner.report.rule_help import help_uri, rule_help
from cleaner.report.run import Report

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Severity.MAJOR: "error", Severity.MINOR: "warning", Severity.INFO: "note"}


SRCROOT = "%SRCROOT%"
FINGERPRINT = "cleanerFinding/v1"
"""partialFingerprints key: rule, flagged words and their neighbours, not the line, so alerts survive moves."""
_CONTEXT_WORDS = 3
_WORDS = re.compile(r"\w+")


def artifact_uri(path: str) -> str:
    """A file's URI: relative to the current folder (the repository root, ``%SRCROOT%``), ``/``-separated;
    a file outside it gets an absolute ``file://`` URI."""
    if path == "<stdin>":
        return "stdin"
    rel = os.path.relpath(path) if Path(path).is_absolute() else os.path.normpath(path)
    if rel.startswith(".."):
        return Path(path).resolve().as_uri()
    return quote(Path(rel).as_posix(), safe="/")


def artifact_location(path: str) -> dict[str, str]:
    """``artifactLocation``: relative URIs name ``%SRCROOT%`` as their base (see ``originalUriBaseIds``)."""
    uri = artifact_uri(path)
    return {"uri": uri} if uri.startswith("file:") or uri == "stdin" else {"uri": uri, "uriBaseId": SRCROOT}


def fingerprints(result: ArticleResult) -> dict[int, str]:
    """A fingerprint per finding (by position in ``result.findings``), stable when lines move.

    It hashes the rule id, the flagged words and up to three words either side on the same line,
    all case-folded;
    identical ones within the file are told apart by their order (``…:2``).
    """
    text = result.document.text
    seen: dict[str, int] = {}
    out: dict[int, str] = {}
    for i, f in enumerate(result.findings):
        line_start = text.rfind("\n", 0, f.start) + 1
        line_end = text.find("\n", f.end)
        line_end = len(text) if line_end < 0 else line_end
        left = _WORDS.findall(text[max(line_start, f.start - 80) : f.start])[-_CONTEXT_WORDS:]
        right = _WORDS.findall(text[f.end : min(line_end, f.end + 80)])[:_CONTEXT_WORDS]
        words = [" ".join(_WORDS.findall(f.text)), " ".join(left), " ".join(right)]
        key = "\x1f".join([f.engine, f.rule_id, *words]).casefold()
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
        seen[digest] = seen.get(digest, 0) + 1
        out[i] = f"{digest}:{seen[digest]}"
    return out


def information_uri() -> str | None:
    """The project's home page from the installed package metadata, if it declares one."""
    from importlib import metadata  # here: importing it costs every other command 45 ms

    try:
        meta = metadata.metadata("cleaner")
    except metadata.PackageNotFoundError:
        return None
    for entry in meta.get_all("Project-URL") or []:
        _, _, url = str(entry).partition(",")
        if url.strip().startswith("http"):
            return url.strip()
    homes = [str(h) for h in meta.get_all("Home-page") or [] if str(h).startswith("http")]
    return homes[0] if homes else None


def _region(result: ArticleResult, span: Span) -> dict[str, int]:
    start_line, start_col = result.document.line_col(span.start)
    end_line, end_col = result.document.line_col(span.end)
    return {
        "startLine": start_line,
        "startColumn": start_col,
        "endLine": end_line,
        "endColumn": end_col,
        "charOffset": span.start,
        "charLength": len(span),
    }


def _rule(f: Finding, report: Report, repository: str | None) -> dict[str, Any]:
    text = " ".join(f.message.split())
    return {
        "id": f.rule_id,
        "name": f.rule_id,
        "shortDescription": {"text": text},
        "fullDescription": {"text": text},
        "help": rule_help(f, report.rules),
        "helpUri": help_uri(f.engine, repository),
        "defaultConfiguration": {"level": LEVELS[f.severity]},
        "properties": {"category": f.category, "engine": f.engine, "tags": [f.category]},
    }


def _fixes(result: ArticleResult, f: Finding, location: dict[str, str]) -> list[dict[str, Any]]:
    fixes: list[dict[str, Any]] = []
    for option in f.replacements:
        edit = propose_edit(result.document, f, option)
        if edit is None:
            continue
        fixes.append(
            {
                "description": {"text": f"Replace {f.text!r} with {option!r}."},
                "artifactChanges": [
                    {
                        "artifactLocation": dict(location),
                        "replacements": [
                            {
                                "deletedRegion": _region(result, edit.span),
                                "insertedContent": {"text": edit.after},
                            }
                        ],
                    }
                ],
            }
        )
    return fixes


def _result(
    result: ArticleResult, f: Finding, location: dict[str, str], rule_index: int, fingerprint: str
) -> dict[str, Any]:
    message = " ".join(f.message.split())
    if f.replacements:
        message += f" Suggested: {f.replacements[0]!r}."
    out: dict[str, Any] = {
        "ruleId": f.rule_id,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": dict(location), "region": _region(result, f.span)}}],
        "partialFingerprints": {FINGERPRINT: fingerprint},
        "properties": {"category": f.category, "engine": f.engine, "confidence": round(f.confidence, 3)},
    }
    fixes = _fixes(result, f, location)
    if fixes:
        out["fixes"] = fixes
    return out


def sarif_log(report: Report) -> dict[str, Any]:
    """The whole run as a SARIF log object."""
    results, errors = report.articles, report.errors
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    sarif_results: list[dict[str, Any]] = []
    home = information_uri()
    for result in results:
        location = artifact_location(result.path)
        prints = fingerprints(result)
        for i, f in enumerate(result.findings):
            if f.rule_id not in index:
                index[f.rule_id] = len(rules)
                rules.append(_rule(f, report, home))
            sarif_results.append(_result(result, f, location, index[f.rule_id], prints[i]))
    driver: dict[str, Any] = {"name": "cleaner", "version": __version__, "semanticVersion": __version__}
    if home:
        driver["informationUri"] = home
    driver["rules"] = rules
    notifications = [
        {
            "level": "error",
            "message": {"text": str(e)},
            "locations": [{"physicalLocation": {"artifactLocation": artifact_location(e.path)}}],
        }
        for e in errors
    ]
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "invocations": [{"executionSuccessful": not errors, "toolExecutionNotifications": notifications}],
        "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
        "properties": {"suppressed": report.suppressed},
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render_sarif(report: Report) -> str:
    """The whole run as SARIF 2.1.0 JSON text."""
    return json.dumps(sarif_log(report), ensure_ascii=False, indent=2)
