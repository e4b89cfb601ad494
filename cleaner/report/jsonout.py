"""The JSON output of ``cleaner lint --format json``: a versioned public contract.

Version 1 (documented in docs/json-output.md, schema in docs/lint-output.schema.json):
``{"version": 1, "files": [{"path", "words", "readability", "findings": [...]}], "errors": [...]}``.
Fields are only ever added, never renamed or removed, within one version.
"""

from __future__ import annotations

import json
from typing import Any

from cleaner.findings import Finding
from cleaner.pipeline import ArticleResult
from cleaner.report.run import Report

SCHEMA_VERSION = 1


def finding_dict(result: ArticleResult, f: Finding) -> dict[str, Any]:
    """One finding as the schema describes it."""
    line, column = result.document.line_col(f.start)
    return {
        "start": f.start,
        "end": f.end,
        "line": line,
        "column": column,
        "text": f.text,
        "rule_id": f.rule_id,
        "engine": f.engine,
        "category": f.category,
        "severity": f.severity.value,
        "confidence": round(f.confidence, 3),
        "message": f.message,
        "replacements": list(f.replacements),
    }


def file_dict(result: ArticleResult) -> dict[str, Any]:
    """One article's entry."""
    return {
        "path": result.path,
        "words": result.words,
        "readability": result.readability_before.as_dict(),
        "garble_score": result.garble_score,
        "suppressed": result.suppressed,
        "findings": [finding_dict(result, f) for f in result.findings],
    }


def render_json(report: Report) -> str:
    """The whole run as one JSON object."""
    doc = {
        "version": SCHEMA_VERSION,
        "files": [file_dict(r) for r in report.articles],
        "errors": [{"path": e.path, "message": str(e)} for e in report.errors],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)
