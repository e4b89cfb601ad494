"""Running the pipeline over evaluation records and putting its output in segment coordinates.

An article record is analyzed as one text (its segments joined by newlines),
exactly as ``cleaner lint`` would see the article, so document-level checks
(name consistency, repeated words across lines) use the whole article; the
findings and the applied fixes are then cut back into the article's segments
with the record's ``segments[]`` offsets.  Segment records are analyzed one
segment at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cleaner.document import Source, Span
from cleaner.evaluation.corpus import Article, CleanDoc, Segment
from cleaner.findings import Finding, Severity
from cleaner.fixes import Edit, FixPlan
from cleaner.pipeline import Pipeline


@dataclass(frozen=True, slots=True)
class Flag:
    """One finding as the evaluation sees it: a span of a segment (or clean document) and its rule."""

    span: Span
    text: str
    engine: str
    rule_id: str
    category: str
    severity: Severity
    confidence: float
    suggestion: str | None = None

    @property
    def rule(self) -> str:
        """``engine:rule_id``, unique across engines."""
        return f"{self.engine}:{self.rule_id}"

    def to_json(self) -> dict[str, object]:
        """The data README's prediction span, plus what cleaner knows about it."""
        out: dict[str, object] = {"start": self.span.start, "end": self.span.end}
        if self.suggestion is not None:
            out["suggestion"] = self.suggestion
        out.update(
            {
                "rule": self.rule,
                "category": self.category,
                "severity": self.severity.value,
                "confidence": self.confidence,
            }
        )
        return out


@dataclass(frozen=True)
class SegmentPrediction:
    """What cleaner flagged in one segment, and the segment after its automatic fixes."""

    segment: Segment
    flags: tuple[Flag, ...]
    corrected: str

    @property
    def spans(self) -> tuple[Span, ...]:
        return tuple(f.span for f in self.flags)

    def to_json(self) -> dict[str, object]:
        """One line of the predictions file (data README §5)."""
        out: dict[str, object] = {"id": self.segment.id, "spans": [f.to_json() for f in self.flags]}
        if self.corrected != self.segment.mt:
            out["corrected"] = self.corrected
        return out


@dataclass(frozen=True)
class ArticlePrediction:
    """One article's segment predictions and its garble score."""

    article: Article
    segments: tuple[SegmentPrediction, ...]

    @property
    def flags(self) -> tuple[Flag, ...]:
        return tuple(f for s in self.segments for f in s.flags)

    @property
    def score(self) -> float:
        """cleaner's garble score: findings weighted by severity (5/1/0.1) per 100 words."""
        return garble_score(self.flags, self.article.words)


@dataclass(frozen=True)
class CleanPrediction:
    """What cleaner flagged in one clean-news document (each flag a likely false alarm)."""

    doc: CleanDoc
    flags: tuple[Flag, ...]

    @property
    def score(self) -> float:
        return garble_score(self.flags, self.doc.words)


def garble_score(flags: Iterable[Flag], words: int) -> float:
    """Severity-weighted flags per 100 whitespace words (the same weights as ``cleaner.metrics``)."""
    return 100.0 * sum(f.severity.weight for f in flags) / max(words, 1)


def to_flag(f: Finding, offset: int = 0, end: int | None = None) -> Flag:
    """A Finding moved left by ``offset`` (and clipped to ``end``) as a Flag."""
    start = f.span.start - offset
    stop = f.span.end - offset if end is None else min(f.span.end - offset, end)
    return Flag(
        span=Span(start, max(stop, start)),
        text=f.text,
        engine=f.engine,
        rule_id=f.rule_id,
        category=f.category,
        severity=f.severity,
        confidence=f.confidence,
        suggestion=f.best_replacement,
    )


def split_findings(findings: Iterable[Finding], offsets: Sequence[Span]) -> list[list[Flag]]:
    """Findings grouped by the segment their start lies in, in segment coordinates.

    A finding that runs past its segment's end is clipped to it; one that
    starts between segments (on a newline) belongs to none.
    """
    out: list[list[Flag]] = [[] for _ in offsets]
    for f in findings:
        for i, seg in enumerate(offsets):
            if seg.start <= f.span.start < seg.end or (f.span.start == f.span.end == seg.end):
                out[i].append(to_flag(f, seg.start, len(seg)))
                break
    return out


def split_corrections(plan: FixPlan, offsets: Sequence[Span]) -> list[str]:
    """Each segment's text with the plan's edits that lie inside it applied.

    An edit crossing a segment boundary (none of cleaner's do) is left out.
    """
    by_segment: list[list[Edit]] = [[] for _ in offsets]
    for e in plan.edits:
        for i, seg in enumerate(offsets):
            if seg.start <= e.span.start and e.span.end <= seg.end:
                by_segment[i].append(e)
                break
    out: list[str] = []
    for seg, edits in zip(offsets, by_segment, strict=True):
        text = plan.source[seg.start : seg.end]
        for e in sorted(edits, key=lambda e: e.span.start, reverse=True):
            a, b = e.span.start - seg.start, e.span.end - seg.start
            text = text[:a] + e.after + text[b:]
        out.append(text)
    return out


def _source(name: str, text: str) -> Source:
    # The ".txt" suffix makes every record plain text, whatever its id looks like.
    return Source(path=f"{name}.txt", text=text)


def predict_article(pipeline: Pipeline, article: Article) -> ArticlePrediction:
    """Analyze one article (as a whole, or segment by segment) and map the results to segments."""
    if article.context:
        result = pipeline.analyze(_source(article.id, article.mt))
        flags = split_findings(result.findings, article.offsets)
        corrected = split_corrections(result.plan, article.offsets)
        segments = tuple(
            SegmentPrediction(seg, tuple(fl), fixed)
            for seg, fl, fixed in zip(article.segments, flags, corrected, strict=True)
        )
    else:
        parts: list[SegmentPrediction] = []
        for seg in article.segments:
            if not seg.mt.strip():
                parts.append(SegmentPrediction(seg, (), seg.mt))
                continue
            result = pipeline.analyze(_source(seg.id, seg.mt))
            whole = Span(0, len(seg.mt))
            parts.append(
                SegmentPrediction(
                    seg,
                    tuple(split_findings(result.findings, [whole])[0]),
                    split_corrections(result.plan, [whole])[0],
                )
            )
        segments = tuple(parts)
    return ArticlePrediction(article, segments)


def predict_clean(pipeline: Pipeline, doc: CleanDoc) -> CleanPrediction:
    """Analyze one clean-news document."""
    result = pipeline.analyze(_source(doc.id, doc.text))
    return CleanPrediction(doc, tuple(to_flag(f) for f in result.findings))
