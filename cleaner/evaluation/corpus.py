"""Reading the evaluation corpora: MQM-annotated MT (segment or article records) and clean news.

The format is the one of ``../shared/data`` (see its README).  Everything is
turned into :class:`Segment` values with offsets relative to the segment's own
``mt``, grouped into :class:`Article` values, so the metrics never care which
kind of file they came from.  The gold filters are the data README's
recommended ones, applied here once:

- *target* errors: Major or Minor; top category Accuracy, Fluency,
  Terminology or Style; not Fluency/Punctuation, Accuracy/Omission,
  Accuracy/Addition or Accuracy/Source language fragment (a monolingual tool
  cannot see omissions and additions; punctuation is mostly house style).
  Overlapping target annotations of different raters are merged into one span
  (their union), which gives the README's 37,968 spans on the 16,000 MT segments.
- *major*: the Major target annotations, merged the same way (20,436 spans).
- *agreed*: merged target spans that at least two raters marked.
- *annotated*: every Major or Minor annotation of any category (lenient precision).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cleaner.document import Span
from cleaner.errors import InputError

TARGET_TOPS = frozenset({"Accuracy", "Fluency", "Terminology", "Style"})
EXCLUDED_CATEGORIES = frozenset(
    {"Fluency/Punctuation", "Accuracy/Omission", "Accuracy/Addition", "Accuracy/Source language fragment"}
)
SEVERE = frozenset({"Major", "Minor"})
QUICK_MODULUS = 5


@dataclass(frozen=True, slots=True)
class GoldSpan:
    """One merged gold span: the union of overlapping annotations, and how many raters marked it."""

    span: Span
    n_raters: int


@dataclass(frozen=True)
class Segment:
    """One rated MT segment with its gold spans, offsets relative to ``mt``."""

    id: str
    article_id: str
    mt: str
    reference: str
    mqm: float
    target: tuple[GoldSpan, ...]
    major: tuple[Span, ...]
    annotated: tuple[Span, ...]
    suspect: bool = False

    @property
    def target_spans(self) -> tuple[Span, ...]:
        return tuple(g.span for g in self.target)

    @property
    def agreed(self) -> tuple[Span, ...]:
        """Target spans that at least two raters marked."""
        return tuple(g.span for g in self.target if g.n_raters >= 2)


@dataclass(frozen=True)
class Article:
    """One (system, document) pair: its segments and where each sits in the joined ``mt``."""

    id: str
    system: str
    doc: str
    mt: str
    segments: tuple[Segment, ...]
    offsets: tuple[Span, ...]
    mqm: float
    context: bool = True
    """True when read from an article record: the whole article is analyzed as one text."""

    @property
    def words(self) -> int:
        """Whitespace-separated words of the article's MT (the README's MQM-per-word divisor)."""
        return len(self.mt.split())

    @property
    def mqm_per_word(self) -> float:
        return self.mqm / max(self.words, 1)


@dataclass(frozen=True)
class CleanDoc:
    """One original-English news article: every flag on it is a likely false alarm."""

    id: str
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def in_quick_slice(doc: str) -> bool:
    """The README's quick slice: 37 of the 155 documents, chosen by a fixed hash of the id."""
    return int(hashlib.sha1(doc.encode("utf-8")).hexdigest(), 16) % QUICK_MODULUS == 0


def is_target(error: Mapping[str, Any]) -> bool:
    """The README's recommended target filter for one annotation."""
    return (
        error.get("start") is not None
        and error.get("severity") in SEVERE
        and error.get("top", str(error.get("category", "")).split("/")[0]) in TARGET_TOPS
        and error.get("category") not in EXCLUDED_CATEGORIES
    )


def merge_annotations(errors: Iterable[Mapping[str, Any]]) -> tuple[GoldSpan, ...]:
    """Overlapping annotations (sharing a character) merged into their union, with distinct raters."""
    merged: list[tuple[int, int, set[str]]] = []
    for e in sorted(errors, key=lambda e: (int(e["start"]), int(e["end"]))):
        start, end, rater = int(e["start"]), int(e["end"]), str(e.get("rater", ""))
        if merged and start < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2] | {rater})
        else:
            merged.append((start, end, {rater}))
    return tuple(GoldSpan(Span(s, e), len(r)) for s, e, r in merged)


def segment_from_errors(
    id: str,
    article_id: str,
    mt: str,
    reference: str,
    mqm: float,
    errors: Sequence[Mapping[str, Any]],
    suspect: bool = False,
) -> Segment:
    """A Segment from its annotations (offsets already relative to ``mt``)."""
    spanned = [e for e in errors if e.get("start") is not None and e.get("end") is not None]
    targets = [e for e in spanned if is_target(e)]
    return Segment(
        id=id,
        article_id=article_id,
        mt=mt,
        reference=reference,
        mqm=float(mqm),
        target=merge_annotations(targets),
        major=tuple(g.span for g in merge_annotations(e for e in targets if e["severity"] == "Major")),
        annotated=tuple(Span(int(e["start"]), int(e["end"])) for e in spanned if e.get("severity") in SEVERE),
        suspect=suspect,
    )


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The JSON objects of a ``.jsonl`` or ``.jsonl.gz`` file; a bad line is an InputError naming it."""
    for _number, record in read_jsonl_numbered(path):
        yield record


def read_jsonl_numbered(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, JSON object) for each non-blank line, so later checks can name the line too."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else path.open(encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(path, f"line {number}: not JSON ({exc.msg})") from None
                if not isinstance(record, dict):
                    raise InputError(path, f"line {number}: expected a JSON object")
                yield number, record
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        problem = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise InputError(path, f"cannot read: {problem}") from None


def _article_from_record(rec: Mapping[str, Any]) -> Article:
    mt = str(rec["mt"])
    refs = str(rec.get("reference", "")).split("\n")
    by_seg: dict[int, list[Mapping[str, Any]]] = {}
    for e in rec.get("errors", ()):
        by_seg.setdefault(int(e["doc_seg"]), []).append(e)
    segments: list[Segment] = []
    offsets: list[Span] = []
    for i, s in enumerate(rec["segments"]):
        start, end = int(s["start"]), int(s["end"])
        shifted = [_shift(e, start, end) for e in by_seg.get(int(s["doc_seg"]), ())]
        segments.append(
            segment_from_errors(
                id=f"{rec['id']}:{s['doc_seg']}",
                article_id=str(rec["id"]),
                mt=mt[start:end],
                reference=refs[i] if len(refs) == len(rec["segments"]) else "",
                mqm=float(s.get("mqm", 0.0)),
                errors=shifted,
                suspect=bool(s.get("suspect_leaked_edit", False)),
            )
        )
        offsets.append(Span(start, end))
    return Article(
        id=str(rec["id"]),
        system=str(rec.get("system", "")),
        doc=str(rec.get("doc", "")),
        mt=mt,
        segments=tuple(segments),
        offsets=tuple(offsets),
        mqm=float(rec.get("mqm", sum(s.mqm for s in segments))),
        context=True,
    )


def _shift(error: Mapping[str, Any], start: int, end: int) -> dict[str, Any]:
    """An article-level annotation moved into its segment's coordinates (clipped to the segment)."""
    out = dict(error)
    if error.get("start") is not None and error.get("end") is not None:
        out["start"] = min(max(int(error["start"]) - start, 0), end - start)
        out["end"] = min(max(int(error["end"]) - start, 0), end - start)
    return out


def _segment_from_record(rec: Mapping[str, Any]) -> Segment:
    rid = str(rec["id"])
    return segment_from_errors(
        id=rid,
        article_id=rid.rsplit(":", 1)[0],
        mt=str(rec["mt"]),
        reference=str(rec.get("reference", "")),
        mqm=float(rec.get("mqm", 0.0)),
        errors=rec.get("errors", ()),
        suspect=bool(rec.get("suspect_leaked_edit", False)),
    )


def _article_from_segments(article_id: str, records: Sequence[Mapping[str, Any]]) -> Article:
    ordered = sorted(records, key=lambda r: int(r.get("doc_seg", 0)))
    segments = [_segment_from_record(r) for r in ordered]
    offsets: list[Span] = []
    pos = 0
    for s in segments:
        offsets.append(Span(pos, pos + len(s.mt)))
        pos += len(s.mt) + 1
    first = ordered[0]
    return Article(
        id=article_id,
        system=str(first.get("system", "")),
        doc=str(first.get("doc", "")),
        mt="\n".join(s.mt for s in segments),
        segments=tuple(segments),
        offsets=tuple(offsets),
        mqm=sum(s.mqm for s in segments),
        context=False,
    )


def load_mqm(
    path: Path, *, quick: bool = False, include_human: bool = False, limit: int | None = None
) -> list[Article]:
    """The articles of an MQM corpus (article or segment records), filtered as asked.

    Segment records are grouped into articles by system and document (for the
    document-level scores) but each keeps ``context=False``: its segments are
    analyzed one by one, as the records were written.
    """
    articles: list[Article] = []
    grouped: dict[str, list[dict[str, Any]]] = {}
    for number, rec in enumerate(read_jsonl(path), 1):
        if "mt" not in rec or "id" not in rec:
            raise InputError(path, f"line {number}: not an MQM record (no 'id' or 'mt')")
        if rec.get("is_human", False) and not include_human:
            continue
        if quick and not in_quick_slice(str(rec.get("doc", ""))):
            continue
        if "segments" in rec:
            articles.append(_article_from_record(rec))
        else:
            grouped.setdefault(str(rec["id"]).rsplit(":", 1)[0], []).append(rec)
    articles.extend(_article_from_segments(aid, recs) for aid, recs in grouped.items())
    return articles[:limit] if limit is not None else articles


def load_clean(path: Path, *, limit: int | None = None) -> list[CleanDoc]:
    """The documents of a clean-news corpus (``id`` and ``text`` per record)."""
    docs: list[CleanDoc] = []
    for number, rec in enumerate(read_jsonl(path), 1):
        if "text" not in rec:
            raise InputError(path, f"line {number}: not a clean-news record (no 'text')")
        docs.append(CleanDoc(id=str(rec.get("id", f"doc-{number}")), text=str(rec["text"])))
    return docs[:limit] if limit is not None else docs
