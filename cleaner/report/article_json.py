"""The JSON twin of an article's HTML report: the same data, for programs.

Version 1.  Top-level keys: ``schema`` ("cleaner.article-report"),
``version``, ``path``, ``name``, ``format``, ``words``, ``garble_score``
(with ``garble_score_explained``), ``readability`` (``before`` and
``after``), ``threshold``, ``engines``, ``counts``, ``findings`` (every
finding numbered by ``id``, with ``status`` "applied" or "suggested"),
``edits`` (applied, smallest form: ``before``/``after`` text with original
and output offsets, plus the finding's whole ``finding_text`` and its
``replacement``),
``suggestions`` (not applied, with the reason), ``original_text`` and
``corrected_text``.  Fields are only added, never renamed, within a version.
"""

from __future__ import annotations

import json
from typing import Any

from cleaner.fixes import output_spans
from cleaner.pipeline import ArticleResult
from cleaner.report.jsonout import finding_dict
from cleaner.report.model import GARBLE_SCORE_EXPLAINED, Status, choice, counts, display_name, statuses

SCHEMA = "cleaner.article-report"
VERSION = 1


def status_dict(result: ArticleResult, s: Status) -> dict[str, Any]:
    """One finding as in ``lint --format json``, plus its number, status, alternatives and choice.

    ``choice`` is the edit that accepting the finding makes in the original text (``start``,
    ``end``, ``after``), or None when nothing can be accepted safely.
    """
    accepted = choice(result, s)
    entry = {"id": s.id, **finding_dict(result, s.finding)}
    entry.update(
        status=s.status,
        reason=s.reason,
        applied=s.edit.replacement if s.edit else None,
        alternatives=list(s.alternatives),
        also=list(s.finding.also),
        choice=accepted.as_dict() if accepted else None,
    )
    return entry


def article_dict(result: ArticleResult) -> dict[str, Any]:
    """Everything the article's HTML report shows, as plain data."""
    found = statuses(result)
    edits = [
        {
            "finding": edit.finding_id,
            "rule_id": edit.finding.rule_id,
            "start": edit.span.start,
            "end": edit.span.end,
            "output_start": out.start,
            "output_end": out.end,
            "before": edit.before,
            "after": edit.after,
            "finding_text": edit.finding.text,
            "replacement": edit.replacement,
        }
        for edit, out in output_spans(result.plan)
    ]
    suggestions = [
        {
            "finding": sug.finding_id,
            "rule_id": sug.finding.rule_id,
            "start": sug.finding.start,
            "end": sug.finding.end,
            "text": sug.finding.text,
            "replacements": list(sug.finding.replacements),
            "reason": sug.reason,
        }
        for sug in result.plan.suggestions
    ]
    return {
        "schema": SCHEMA,
        "version": VERSION,
        "path": result.path,
        "name": display_name(result),
        "format": result.document.format,
        "words": result.words,
        "garble_score": result.garble_score,
        "garble_score_explained": GARBLE_SCORE_EXPLAINED,
        "readability": {
            "before": result.readability_before.as_dict(),
            "after": result.readability_after.as_dict(),
        },
        "threshold": result.plan.threshold,
        "engines": list(result.engines),
        "counts": counts(result).as_dict(),
        "findings": [status_dict(result, s) for s in found],
        "edits": edits,
        "suggestions": suggestions,
        "original_text": result.source.text,
        "corrected_text": result.corrected,
    }


def render_article_json(result: ArticleResult) -> str:
    """The article's JSON report."""
    return json.dumps(article_dict(result), ensure_ascii=False, indent=2) + "\n"
