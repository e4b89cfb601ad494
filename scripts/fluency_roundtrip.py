"""Round-trip scoring for the fluency checker: calibrate on TUNING pairs, report on the development pairs.

Gold spans and restoration follow ../shared/data/roundtrip/README.md (difflib
alignment of word/punctuation tokens, spans one equal token apart merged;
chrF of ``cleaner fix``'s output minus chrF of the garbled text).

    # fit the gate's mapping and the proposal margin (never on roundtrip_dev):
    python scripts/fluency_roundtrip.py calibrate ../wt/data/tune_pairs.jsonl.gz --docs 120 --out cal.json
    # report, with and without the checker:
    python scripts/fluency_roundtrip.py evaluate ../shared/data/roundtrip/roundtrip_dev.jsonl.gz \
        --fluency gate --clean ../shared/data/clean/clean_en_news.dev.docs.jsonl.gz --summary gate.json
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import gzip
import json
import re
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from cleaner.checks.fluency.checker import FluencyChecker
from cleaner.checks.fluency.gate import gains
from cleaner.checks.fluency.propose import propose
from cleaner.checks.fluency.settings import with_choice
from cleaner.checks.registry import Mode
from cleaner.commands.common import open_pipeline
from cleaner.config.settings import Settings
from cleaner.document.sources import Source
from cleaner.document.spans import Span
from cleaner.evaluation.metrics import sentence_chrf
from cleaner.findings import Finding
from cleaner.pipeline import ArticleResult, Pipeline

_TOKEN = re.compile(r"\w+|[^\w\s]")
CLIP = 3.0
"""Δ is clipped before the fit: helpfulness stops rising beyond a few nats (see the bins)."""


def records(path: Path, limit: int | None) -> list[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        out = [json.loads(line) for line in f]
    return out[:limit] if limit else out


def gold_spans(original: str, garbled: str) -> list[Span]:
    """The README's gold garble spans of one document, as offsets into ``garbled``."""
    spans: list[Span] = []
    offset = 0
    for o_line, g_line in zip(original.split("\n"), garbled.split("\n"), strict=False):
        a = [m.group() for m in _TOKEN.finditer(o_line)]
        b_tokens = list(_TOKEN.finditer(g_line))
        b = [m.group() for m in b_tokens]
        line: list[tuple[int, int, int, int]] = []
        for op, _i1, _i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if op == "equal":
                continue
            if j2 > j1:
                start, end = b_tokens[j1].start(), b_tokens[j2 - 1].end()
            else:
                start = b_tokens[j1 - 1].end() if j1 > 0 else 0
                end = b_tokens[j1].start() if j1 < len(b_tokens) else len(g_line)
            line.append((j1, j2, start, end))
        merged: list[tuple[int, int, int, int]] = []
        for item in line:
            if merged and item[0] - merged[-1][1] <= 1:
                merged[-1] = (merged[-1][0], item[1], merged[-1][2], max(merged[-1][3], item[3]))
            else:
                merged.append(item)
        spans.extend(Span(offset + s, offset + e) for _, _, s, e in merged)
        offset += len(g_line) + 1
    return spans


def _hits(f: Span, g: Span) -> bool:
    if g.start == g.end or f.start == f.end:
        return f.start <= g.end and g.start <= f.end
    return f.start < g.end and g.start < f.end


def _line_of(text: str, span: Span) -> tuple[int, int]:
    start = text.rfind("\n", 0, span.start) + 1
    end = text.find("\n", span.end)
    return start, len(text) if end < 0 else end


def _label(garbled: str, original: str, f: Finding, replacement: str) -> float:
    """chrF gain of this one correction on its line (the original's same line is the reference)."""
    start, end = _line_of(garbled, f.span)
    n = garbled.count("\n", 0, start)
    ref = original.split("\n")[n] if n < original.count("\n") + 1 else ""
    before = garbled[start:end]
    after = before[: f.start - start] + replacement + before[f.end - start :]
    return sentence_chrf(after, ref) - sentence_chrf(before, ref)


@contextlib.contextmanager
def pipeline(settings: Settings) -> Iterator[Pipeline]:
    with open_pipeline(settings, lambda m: print(m, file=sys.stderr)) as p:
        yield p


def analyze(p: Pipeline, path: str, text: str) -> ArticleResult:
    return p.analyze(Source(path=path, text=text))


# -- calibration ------------------------------------------------------------------------------


def calibrate(args: argparse.Namespace) -> int:
    recs = records(args.pairs, args.docs)
    settings = with_choice(Settings(modes={"languagetool": Mode.OFF if args.no_languagetool else Mode.REQUIRED}), "off")
    checker = FluencyChecker.open("full", replace(settings.fluency, propose_margin=-1e9))
    gate_rows: list[dict[str, Any]] = []
    propose_rows: list[dict[str, Any]] = []
    t0 = time.process_time()
    with pipeline(settings) as p:
        for n, rec in enumerate(recs):
            for kind, text in (("garbled", rec["garbled"]), ("clean", rec["original"])):
                result = analyze(p, f"{rec['id']}:{kind}", text)
                doc, findings = result.document, list(result.findings)
                for g in gains(doc, findings, checker.scorer):
                    f = findings[g.index]
                    label = _label(text, rec["original"], f, f.replacements[g.best])
                    gate_rows.append(
                        {"kind": kind, "delta": g.delta, "conf": f.confidence, "engine": f.engine, "label": label}
                    )
                taken = [f.span for f in findings]
                for f in propose(doc, checker.table, checker.scorer, checker.options, taken):
                    delta = float(re.findall(r"\(([-+][\d.]+) nats\)", f.message)[-1])
                    label = _label(text, rec["original"], f, f.replacements[0])
                    propose_rows.append({"kind": kind, "delta": delta, "label": label, "words": doc.word_count})
            print(f"{n + 1}/{len(recs)} docs, {time.process_time() - t0:.0f}s", file=sys.stderr)
    fitted = fit_gate(gate_rows)
    words = {"garbled": 0, "clean": 0}
    for rec in recs:
        words["garbled"] += len(rec["garbled"].split())
        words["clean"] += len(rec["original"].split())
    margins = propose_table(propose_rows, words)
    out = {"gate": fitted, "propose": margins, "gate_rows": gate_rows, "propose_rows": propose_rows}
    args.out.write_text(json.dumps(out, indent=1), encoding="utf-8")
    print(json.dumps({"gate": fitted, "propose": margins}, indent=1))
    return 0


def fit_gate(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Logistic regression of P(correction helps) on Δ and the finding's own confidence (log-odds)."""
    data = [r for r in rows if r["label"] != 0]
    y = np.array([1.0 if r["label"] > 0 else 0.0 for r in data])
    conf = np.clip(np.array([r["conf"] for r in data]), 0.01, 0.99)
    deltas = np.array([r["delta"] for r in data])
    x = np.column_stack([np.clip(deltas, -CLIP, CLIP), np.ones(len(data)), np.log(conf / (1 - conf))])
    w = np.zeros(3)
    for _ in range(50):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + 0.01 * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + 0.01 * np.eye(3)
        w -= np.linalg.solve(hess, grad)
    bins = []
    for lo, hi in ((-99, -8), (-8, -4), (-4, -2), (-2, -1), (-1, 0), (0, 1), (1, 2), (2, 4), (4, 8), (8, 99)):
        sel = (deltas >= lo) & (deltas < hi)
        bins.append(
            {
                "delta": f"[{lo}, {hi})",
                "n": int(sel.sum()),
                "helps": round(float(y[sel].mean()), 3) if sel.any() else None,
            }
        )
    drop = choose_drop(deltas, y)
    return {
        "clip": CLIP,
        "slope": round(float(w[0]), 3),
        "offset": round(float(w[1]), 3),
        "prior": round(float(w[2]), 3),
        "n": len(data),
        "helps": round(float(y.mean()), 3),
        "bins": bins,
        "drop_below": drop,
    }


def choose_drop(deltas: np.ndarray[Any, Any], y: np.ndarray[Any, Any]) -> float:
    """The highest Δ cut below which at most 10 % of the findings dropped would have helped."""
    best = -99.0
    for cut in np.arange(-12.0, 0.01, 0.5):
        sel = deltas <= cut
        if sel.sum() >= 10 and y[sel].mean() <= 0.10:
            best = float(cut)
    return best


def propose_table(rows: Sequence[dict[str, Any]], words: dict[str, int]) -> list[dict[str, Any]]:
    table = []
    for margin in (1, 2, 3, 4, 5, 6, 8, 10):
        g = [r for r in rows if r["kind"] == "garbled" and r["delta"] >= margin]
        c = [r for r in rows if r["kind"] == "clean" and r["delta"] >= margin]
        good = sum(1 for r in g if r["label"] > 0)
        table.append(
            {
                "margin": margin,
                "garbled_findings": len(g),
                "helps": good,
                "precision": round(good / len(g), 3) if g else None,
                "clean_per_1000_words": round(1000 * len(c) / max(words["clean"], 1), 3),
            }
        )
    return table


# -- evaluation -------------------------------------------------------------------------------


def evaluate(args: argparse.Namespace) -> int:
    recs = records(args.pairs, args.docs)[args.skip :]
    lt = Mode.OFF if args.no_languagetool else Mode.REQUIRED
    settings = with_choice(Settings(modes={"languagetool": lt}), args.fluency)
    if args.set:
        changes = {k.replace("-", "_"): float(v) for k, _, v in (s.partition("=") for s in args.set)}
        if "max_candidates" in changes:
            changes["max_candidates"] = int(changes["max_candidates"])
        settings = replace(settings, fluency=replace(settings.fluency, **changes))
    tp = fp = hit = gold_total = 0
    gains_chrf: list[float] = []
    t0 = time.process_time()
    with pipeline(settings) as p:
        for rec in recs:
            result = analyze(p, rec["id"], rec["garbled"])
            gold = gold_spans(rec["original"], rec["garbled"])
            spans = [f.span for f in result.findings]
            good = sum(1 for s in spans if any(_hits(s, g) for g in gold))
            tp += good
            fp += len(spans) - good
            hit += sum(1 for g in gold if any(_hits(s, g) for s in spans))
            gold_total += len(gold)
            before = sentence_chrf(rec["garbled"], rec["original"])
            gains_chrf.append(sentence_chrf(result.corrected, rec["original"]) - before)
        seconds = time.process_time() - t0
        clean = clean_rates(p, args.clean, args.clean_docs) if args.clean else {}
    precision = tp / max(tp + fp, 1)
    recall = hit / max(gold_total, 1)
    n = len(gains_chrf)
    summary = {
        "fluency": args.fluency,
        "languagetool": not args.no_languagetool,
        "documents": n,
        "span_precision": round(precision, 4),
        "span_recall": round(recall, 4),
        "span_f1": round(2 * precision * recall / max(precision + recall, 1e-9), 4),
        "chrf_gain_mean": round(float(np.mean(gains_chrf)), 3),
        "docs_better": round(sum(g > 0.005 for g in gains_chrf) / n, 3),
        "docs_worse": round(sum(g < -0.005 for g in gains_chrf) / n, 3),
        "cpu_seconds": round(seconds, 1),
        **clean,
    }
    print(json.dumps(summary, indent=1))
    if args.summary:
        args.summary.write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return 0


def clean_rates(p: Pipeline, path: Path, limit: int | None) -> dict[str, float]:
    words = findings = major = fluency = 0
    for rec in records(path, limit):
        result = analyze(p, rec["id"], rec["text"])
        words += result.words
        findings += len(result.findings)
        major += sum(1 for f in result.findings if f.severity.value == "major")
        fluency += sum(1 for f in result.findings if f.engine == "fluency")
    per = 1000 / max(words, 1)
    return {
        "clean_words": words,
        "clean_findings_per_1000": round(findings * per, 3),
        "clean_major_per_1000": round(major * per, 3),
        "clean_fluency_per_1000": round(fluency * per, 3),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    cal = sub.add_parser("calibrate")
    cal.add_argument("pairs", type=Path)
    cal.add_argument("--docs", type=int, default=None)
    cal.add_argument("--out", type=Path, required=True)
    cal.add_argument("--no-languagetool", action="store_true")
    ev = sub.add_parser("evaluate")
    ev.add_argument("pairs", type=Path)
    ev.add_argument("--fluency", choices=["off", "gate", "full"], default="gate")
    ev.add_argument("--docs", type=int, default=None)
    ev.add_argument("--clean", type=Path, default=None)
    ev.add_argument("--clean-docs", type=int, default=None)
    ev.add_argument("--summary", type=Path, default=None)
    ev.add_argument("--no-languagetool", action="store_true")
    ev.add_argument("--skip", type=int, default=0, help="Leave out the first N records (e.g. those calibrated on).")
    ev.add_argument("--set", action="append", default=[], help="A fluency option, e.g. max-candidates=48.")
    args = ap.parse_args(argv)
    return calibrate(args) if args.command == "calibrate" else evaluate(args)


if __name__ == "__main__":
    raise SystemExit(main())
