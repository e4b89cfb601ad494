"""The evaluation summary: one JSON-ready dict per run, and Markdown tables of one or several runs.

The summary is computed once, here, from the predictions; the Markdown
renderers only read it.  ``rule_stats`` gives the per-rule table used to tune
rule confidences and the LanguageTool selection (docs/rule-stats.md).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cleaner.evaluation import metrics
from cleaner.evaluation.predict import ArticlePrediction, CleanPrediction, Flag, SegmentPrediction
from cleaner.findings import Severity

SCHEMA_VERSION = 1
MAJOR_CLEAN_TARGET = 0.5
"""Target: fewer than this many major findings per 1,000 words of clean news."""
TOP_RULES = 15
EXAMPLES_PER_RULE = 3


# -- MQM ---------------------------------------------------------------------------------


def _span_block(segs: Sequence[SegmentPrediction]) -> dict[str, Any]:
    lenient = strict = major = agreed = metrics.ZERO
    for s in segs:
        pred, g = s.spans, s.segment
        lenient += metrics.span_prf(pred, g.target_spans, g.annotated)
        strict += metrics.span_prf(pred, g.target_spans)
        major += metrics.span_prf(pred, g.major)
        agreed += metrics.span_prf(pred, g.agreed)
    return {
        "lenient": lenient.as_dict(),
        "strict": strict.as_dict(),
        "major": major.as_dict(),
        "agreed": agreed.as_dict(),
    }


def mqm_summary(
    articles: Sequence[ArticlePrediction], *, bootstrap_samples: int = metrics.BOOTSTRAP_SAMPLES
) -> dict[str, Any]:
    """Span, character, segment, correction and document-level scores over the MT articles."""
    segs = [s for a in articles for s in a.segments]
    flags = [f for s in segs for f in s.flags]
    chars = metrics.ZERO
    for s in segs:
        chars += metrics.char_prf(s.spans, s.segment.target_spans)
    correction = metrics.correction_scores(
        [s.segment.mt for s in segs],
        [s.corrected for s in segs],
        [s.segment.reference for s in segs],
        samples=bootstrap_samples,
    )
    scores = [a.score for a in articles]
    return {
        "articles": len(articles),
        "segments": len(segs),
        "words": sum(a.article.words for a in articles),
        "gold_target_spans": sum(len(s.segment.target) for s in segs),
        "gold_major_spans": sum(len(s.segment.major) for s in segs),
        "predicted_spans": len(flags),
        "predicted_by_severity": _severity_counts(flags),
        "span": _span_block(segs),
        "span_without_suspect": _span_block([s for s in segs if not s.segment.suspect]),
        "span_chance": metrics.chance_prf((s.spans, s.segment.target_spans, s.segment.mt) for s in segs).as_dict(),
        "char": {**chars.as_dict(), "mean_span_length": metrics.mean_length(f.span for f in flags)},
        "segment": metrics.segment_prf((bool(s.flags), bool(s.segment.target)) for s in segs).as_dict(),
        "correction": correction.as_dict(),
        "document": {
            **metrics.correlation(scores, [a.article.mqm_per_word for a in articles]),
            "score": "severity-weighted findings per 100 words (major 5, minor 1, info 0.1)",
            "score_distribution": metrics.distribution(scores),
            "mqm_per_word_distribution": metrics.distribution([a.article.mqm_per_word for a in articles]),
        },
    }


def _severity_counts(flags: Sequence[Flag]) -> dict[str, int]:
    counts = Counter(f.severity.value for f in flags)
    return {s.value: counts.get(s.value, 0) for s in Severity}


# -- clean news -------------------------------------------------------------------------


def clean_summary(
    docs: Sequence[CleanPrediction], top_n: int = TOP_RULES, fail_on: Severity = Severity.MINOR
) -> dict[str, Any]:
    """Flags per 1,000 words of clean news by severity, category and rule; the rules that fire most.

    ``failing_per_1000`` counts the flags at or above ``fail_on``: those that
    make ``cleaner lint`` fail on the article.
    """
    words = sum(d.doc.words for d in docs)
    flags = [f for d in docs for f in d.flags]
    by_rule = Counter(f.rule for f in flags)
    examples: dict[str, list[str]] = defaultdict(list)
    for f in flags:
        if len(examples[f.rule]) < EXAMPLES_PER_RULE:
            examples[f.rule].append(f.text)
    severities = _severity_counts(flags)
    return {
        "documents": len(docs),
        "words": words,
        "flags": len(flags),
        "per_1000_words": metrics.per_thousand(len(flags), words),
        "by_severity_per_1000": {k: metrics.per_thousand(v, words) for k, v in severities.items()},
        "by_severity": severities,
        "fail_on": fail_on.value,
        "failing_per_1000": metrics.per_thousand(sum(f.severity.at_least(fail_on) for f in flags), words),
        "major_per_1000_target": MAJOR_CLEAN_TARGET,
        "by_category_per_1000": metrics.rates(Counter(f.category for f in flags), words),
        "by_rule_per_1000": metrics.rates(by_rule, words),
        "top_rules": [
            {"rule": rule, "count": n, "per_1000": metrics.per_thousand(n, words), "examples": examples[rule]}
            for rule, n in metrics.top(by_rule, top_n)
        ],
        "documents_flagged": sum(bool(d.flags) for d in docs),
        "share_documents_flagged": sum(bool(d.flags) for d in docs) / len(docs) if docs else 0.0,
        "score_distribution": metrics.distribution([d.score for d in docs]),
    }


# -- per rule ----------------------------------------------------------------------------


@dataclass
class RuleStat:
    """How one rule fares: fires on clean news (false alarms) and on MT, and its MT hit rates."""

    rule: str
    clean_fires: int = 0
    mqm_fires: int = 0
    mqm_hits: int = 0
    """Fires overlapping any Major/Minor annotation (lenient)."""
    mqm_target_hits: int = 0
    """Fires overlapping a target span (strict)."""
    severity: str = ""
    confidence: float = 0.0

    @property
    def hit_rate(self) -> float:
        return self.mqm_hits / self.mqm_fires if self.mqm_fires else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "clean_fires": self.clean_fires,
            "mqm_fires": self.mqm_fires,
            "mqm_hits": self.mqm_hits,
            "mqm_target_hits": self.mqm_target_hits,
            "hit_rate": self.hit_rate,
            "severity": self.severity,
            "confidence": self.confidence,
        }


def rule_stats(articles: Sequence[ArticlePrediction], clean: Sequence[CleanPrediction]) -> list[RuleStat]:
    """Per-rule fires and hits, most fired first."""
    stats: dict[str, RuleStat] = {}

    def stat(f: Flag) -> RuleStat:
        return stats.setdefault(f.rule, RuleStat(f.rule, severity=f.severity.value, confidence=f.confidence))

    for a in articles:
        for seg in a.segments:
            for f in seg.flags:
                s = stat(f)
                s.mqm_fires += 1
                s.mqm_hits += any(metrics.hits(f.span, g) for g in seg.segment.annotated)
                s.mqm_target_hits += any(metrics.hits(f.span, g) for g in seg.segment.target_spans)
    for d in clean:
        for f in d.flags:
            stat(f).clean_fires += 1
    return sorted(stats.values(), key=lambda s: (-(s.mqm_fires + s.clean_fires), s.rule))


def rule_stats_markdown(stats: Sequence[RuleStat]) -> str:
    """The per-rule table as Markdown."""
    lines = [
        "| rule | severity | confidence | clean fires | MT fires | MT hits (any) | MT hits (target) | hit rate |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for s in stats:
        lines.append(
            f"| `{s.rule}` | {s.severity} | {s.confidence:.2f} | {s.clean_fires} | {s.mqm_fires} | "
            f"{s.mqm_hits} | {s.mqm_target_hits} | {100 * s.hit_rate:.0f}% |"
        )
    return "\n".join(lines) + "\n"


def rule_stats_csv(stats: Sequence[RuleStat]) -> str:
    """The per-rule table as CSV."""
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    fields = ["rule", "severity", "confidence", "clean_fires", "mqm_fires", "mqm_hits", "mqm_target_hits", "hit_rate"]
    writer.writerow(fields)
    for s in stats:
        d = s.as_dict()
        writer.writerow([f"{d[k]:.4f}" if isinstance(d[k], float) else d[k] for k in fields])
    return buf.getvalue()


# -- the whole summary ---------------------------------------------------------------------


def summary(
    run: Mapping[str, Any],
    articles: Sequence[ArticlePrediction] | None,
    clean: Sequence[CleanPrediction] | None,
    *,
    bootstrap_samples: int = metrics.BOOTSTRAP_SAMPLES,
    fail_on: Severity = Severity.MINOR,
) -> dict[str, Any]:
    """Everything one ``cleaner eval`` run measured, JSON-ready."""
    out: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "run": dict(run)}
    if articles is not None:
        out["mqm"] = mqm_summary(articles, bootstrap_samples=bootstrap_samples)
    if clean is not None:
        out["clean"] = clean_summary(clean, fail_on=fail_on)
        if articles is not None:
            out["clean"]["mt_score_distribution"] = out["mqm"]["document"]["score_distribution"]
    out["rules"] = [s.as_dict() for s in rule_stats(articles or (), clean or ())]
    return out


# -- Markdown --------------------------------------------------------------------------------


def _cell_text(text: str) -> str:
    """Text safe inside a Markdown table cell and code span."""
    return " ".join(text.split()).replace("|", "\\|").replace("`", "'")


def _pct(x: Any) -> str:
    return "–" if x is None else f"{100 * float(x):.1f}"


def _num(x: Any, digits: int = 2) -> str:
    return "–" if x is None else f"{float(x):.{digits}f}"


def _signed(x: Any, digits: int = 2) -> str:
    return "–" if x is None else f"{float(x):+.{digits}f}"


def _get(summary: Mapping[str, Any], *path: str) -> Any:
    node: Any = summary
    for key in path:
        if not isinstance(node, Mapping) or key not in node:
            return None
        node = node[key]
    return node


Row = tuple[str, Callable[[Mapping[str, Any]], str]]


def _prf(label: str, *path: str) -> Row:
    def cell(s: Mapping[str, Any]) -> str:
        return " / ".join(_pct(_get(s, "mqm", *path, k)) for k in ("precision", "recall", "f1"))

    return (f"{label} P / R / F1 (%)", cell)


def _counts(s: Mapping[str, Any]) -> str:
    return "–" if _get(s, "mqm") is None else f"{_get(s, 'mqm', 'articles')} / {_get(s, 'mqm', 'segments')}"


def _wtl(s: Mapping[str, Any]) -> str:
    c = _get(s, "mqm", "correction")
    return "–" if c is None else f"{c['wins']} / {c['ties']} / {c['losses']}"


def _clean_severities(s: Mapping[str, Any]) -> str:
    if _get(s, "clean") is None:
        return "–"
    return " / ".join(_num(_get(s, "clean", "by_severity_per_1000", k)) for k in ("major", "minor", "info"))


def _clean_docs(s: Mapping[str, Any]) -> str:
    if _get(s, "clean") is None:
        return "–"
    return f"{_get(s, 'clean', 'documents_flagged')} / {_get(s, 'clean', 'documents')}"


ROWS: list[Row] = [
    ("MT articles / segments", _counts),
    ("predicted spans", lambda s: str(_get(s, "mqm", "predicted_spans") or "–")),
    _prf("span lenient", "span", "lenient"),
    _prf("span strict", "span", "strict"),
    _prf("span Major-only", "span", "major"),
    _prf("span ≥2 raters", "span", "agreed"),
    _prf("span strict, no suspect records", "span_without_suspect", "strict"),
    _prf("span strict, the same spans at random words (chance)", "span_chance"),
    _prf("char", "char"),
    ("mean predicted span length (chars)", lambda s: _num(_get(s, "mqm", "char", "mean_span_length"), 1)),
    _prf("segment", "segment"),
    ("chrF corrected − MT", lambda s: _signed(_get(s, "mqm", "correction", "chrf_delta"), 3)),
    ("BLEU corrected − MT", lambda s: _signed(_get(s, "mqm", "correction", "bleu_delta"), 3)),
    ("changed segments: win / tie / loss (chrF)", _wtl),
    ("chrF paired bootstrap p", lambda s: _num(_get(s, "mqm", "correction", "chrf_p_value"), 3)),
    ("doc score vs MQM/word: Pearson r", lambda s: _num(_get(s, "mqm", "document", "pearson"), 3)),
    ("doc score vs MQM/word: Kendall τ-b", lambda s: _num(_get(s, "mqm", "document", "kendall_tau_b"), 3)),
    ("clean news: flags / 1,000 words", lambda s: _num(_get(s, "clean", "per_1000_words"))),
    ("clean news: major / minor / info per 1,000 words", _clean_severities),
    ("clean news: failing (≥ fail-on) per 1,000 words", lambda s: _num(_get(s, "clean", "failing_per_1000"))),
    ("clean news: documents flagged", _clean_docs),
]


def markdown_table(summaries: Mapping[str, Mapping[str, Any]]) -> str:
    """One column per named run, one row per headline metric."""
    names = list(summaries)
    lines = ["| metric | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for label, cell in ROWS:
        lines.append(f"| {label} | " + " | ".join(cell(summaries[n]) for n in names) + " |")
    return "\n".join(lines) + "\n"


def markdown(summary: Mapping[str, Any]) -> str:
    """One run as Markdown: the headline table, then the clean-news rules that fire most."""
    parts = [markdown_table({str(_get(summary, "run", "name") or "cleaner"): summary})]
    top = _get(summary, "clean", "top_rules")
    if top:
        parts.append("\nRules firing most on clean news (each a likely false alarm):\n")
        parts.append("| rule | fires | per 1,000 words | examples |\n|---|---:|---:|---|")
        for t in top:
            shown = "; ".join(f"`{_cell_text(e)}`" for e in t["examples"])
            parts.append(f"| `{t['rule']}` | {t['count']} | {t['per_1000']:.2f} | {shown} |")
        parts.append("")
    return "\n".join(parts) + "\n"
