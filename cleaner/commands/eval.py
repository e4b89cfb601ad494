"""``cleaner eval``: detection and correction quality on annotated MT and on clean news.

One run = one configuration of checkers over an MQM corpus (segment or
article records) and/or a clean-news corpus.  The Markdown table goes to
stdout; ``--summary`` writes every number as JSON, ``--predictions`` the
flagged spans and corrected segments (data README §5 format), ``--rule-stats``
the per-rule fires and hits used for tuning.  The results of the committed
commands are in docs/evaluation.md.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shlex
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cleaner import __version__
from cleaner.checks.languagetool import LanguageToolSettings
from cleaner.checks.registry import NAMES, Mode
from cleaner.checks.rules import RuleSettings, table_json
from cleaner.commands.common import open_pipeline
from cleaner.config import Settings
from cleaner.errors import CleanerError, ExitCode
from cleaner.evaluation import (
    ArticlePrediction,
    CleanPrediction,
    EngineSet,
    PairPrediction,
    load_clean,
    load_mqm,
    load_pairs,
    precision,
    predict_article,
    predict_clean,
    predict_pairs,
    report,
    roundtrip_report,
)
from cleaner.files import write_text_atomic
from cleaner.pipeline import Pipeline, Warn
from cleaner.progress import progress

SERVER_ENGINES = ("languagetool", "pivot")
"""Engines that need the LanguageTool server."""
LT_DEFAULTS_NAME = "LanguageTool alone (its default rules)"


class EvalError(CleanerError):
    """A usage mistake specific to ``cleaner eval``."""


@dataclass(frozen=True)
class EvalOptions:
    """What one ``cleaner eval`` run measures and where it writes."""

    corpus: Path | None = None
    clean: Path | None = None
    roundtrip: Path | None = None
    quick: bool = False
    limit: int | None = None
    engines: tuple[str, ...] = tuple(NAMES)
    lt_only_defaults: bool = False
    predictions: Path | None = None
    summary: Path | None = None
    rule_stats: Path | None = None
    write_precision: Path | None = None
    """Write the rule engine's measured precision here (rules/measured-precision.json)."""
    name: str | None = None
    bootstrap_samples: int = 1000
    show_progress: bool | None = None
    """None: a bar when stderr is a terminal; True/False forces it."""

    def run_name(self) -> str:
        if self.name:
            return self.name
        if self.lt_only_defaults:
            return LT_DEFAULTS_NAME
        return "cleaner" if set(self.engines) == set(NAMES) else f"cleaner ({'+'.join(self.engines)})"


def parse_engines(value: str | None, no_languagetool: bool = False) -> tuple[str, ...]:
    """``rules,names`` → ("rules", "names") in registry order (default: all; without LanguageTool if asked)."""
    if value is None:
        return tuple(name for name in NAMES if not (no_languagetool and name in SERVER_ENGINES))
    wanted = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [w for w in wanted if w not in NAMES]
    if unknown or not wanted:
        raise EvalError(
            f"--engines: unknown engine {', '.join(unknown) or '(none given)'}; choose from {', '.join(NAMES)}"
        )
    if no_languagetool and "languagetool" in wanted:
        raise EvalError("--no-languagetool and --engines ...languagetool exclude each other")
    return tuple(name for name in NAMES if name in wanted)


def baseline_lt_settings() -> LanguageToolSettings:
    """LanguageTool as a user would run it: all its default rules, none of cleaner's filters."""
    return replace(
        LanguageToolSettings(),
        disabled_rules=frozenset(),
        disabled_categories=frozenset(),
        skip_names_in_spelling=False,
        skip_british_spelling=False,
        grade_spelling=False,
    )


@contextlib.contextmanager
def open_eval_pipeline(settings: Settings, options: EvalOptions, warn: Warn) -> Iterator[Pipeline]:
    """The pipeline of this run: the selected checkers, or LanguageTool alone with its defaults.

    Every selected checker is required: a run that silently fell back to
    rules only would report the wrong configuration's numbers.
    """
    if options.lt_only_defaults:
        modes = {name: Mode.REQUIRED if name == "languagetool" else Mode.OFF for name in NAMES}
        settings = replace(settings, languagetool=baseline_lt_settings())
    else:
        modes = {name: Mode.REQUIRED if name in options.engines else Mode.OFF for name in NAMES}
    with open_pipeline(replace(settings, modes=modes), warn) as pipeline:
        yield pipeline


def eval_settings(
    rule_paths: Sequence[Path], builtin_rules: bool, threshold: float | None, config: Path | None
) -> Settings:
    """cleaner's defaults (not a configuration file found nearby, so numbers are reproducible).

    ``--config`` reads that file; rule folders and the threshold given on the
    command line win over it.
    """
    from cleaner.config import Overrides, load_settings

    if config is not None:
        overrides = Overrides(
            rule_paths=tuple(rule_paths), builtin_rules=None if builtin_rules else False, fix_threshold=threshold
        )
        return load_settings([], config, overrides)
    settings = Settings(rules=RuleSettings(paths=tuple(rule_paths), builtin=builtin_rules))
    return settings if threshold is None else replace(settings, fix_threshold=threshold)


def run_eval(
    options: EvalOptions, settings: Settings, out: Callable[[str], None], err: Callable[[str], None]
) -> ExitCode:
    """Run one evaluation, print its Markdown table, write the requested files."""
    if options.corpus is None and options.clean is None and options.roundtrip is None:
        raise EvalError("give an MQM corpus (JSONL or JSONL.gz), --clean FILE, --roundtrip FILE, or several")
    articles = load_mqm(options.corpus, quick=options.quick, limit=options.limit) if options.corpus else None
    docs = load_clean(options.clean, limit=options.limit) if options.clean else None
    pairs = load_pairs(options.roundtrip, limit=options.limit) if options.roundtrip else None
    roundtrip_runs = None
    started = time.monotonic()
    mqm_preds: list[ArticlePrediction] | None = None
    clean_preds: list[CleanPrediction] | None = None
    with open_eval_pipeline(settings, options, err) as pipeline:
        engines = [c.name for c in pipeline.checkers]
        if articles is not None:
            mqm_preds = [
                predict_article(pipeline, a)
                for a in progress(articles, len(articles), "MT articles", options.show_progress)
            ]
        if docs is not None:
            clean_preds = [
                predict_clean(pipeline, d) for d in progress(docs, len(docs), "clean news", options.show_progress)
            ]
        if pairs is not None:
            roundtrip_runs = predict_pairs(pipeline, pairs, options.show_progress)
    seconds = time.monotonic() - started
    err(
        f"eval: analyzed {len(articles or ())} MT articles, {len(docs or ())} clean documents "
        f"and {len(pairs or ())} round-trip pairs in {seconds:.0f} s"
    )
    run = _run_info(options, settings, engines, seconds)
    summary = report.summary(
        run, mqm_preds, clean_preds, bootstrap_samples=options.bootstrap_samples, fail_on=settings.fail_on
    )
    if pairs is not None and roundtrip_runs is not None:
        summary["roundtrip"] = roundtrip_report.summary(pairs, roundtrip_runs[1], roundtrip_runs[0], settings.fail_on)
    evidence = _rule_evidence(options, summary, engines, mqm_preds, roundtrip_runs)
    declared = (
        precision.declared_confidences(settings.rules.paths, settings.rules.builtin) if evidence is not None else {}
    )
    if evidence is not None:
        summary["precision"] = precision.summary(evidence, declared)
    if options.predictions:
        _write_predictions(options.predictions, mqm_preds or [], clean_preds or [])
    if options.summary:
        write_text_atomic(options.summary, json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    if options.rule_stats:
        stats = report.rule_stats(mqm_preds or (), clean_preds or ())
        as_csv = options.rule_stats.suffix == ".csv"
        write_text_atomic(options.rule_stats, (report.rule_stats_csv if as_csv else report.rule_stats_markdown)(stats))
    if articles is not None or docs is not None:
        out(report.markdown(summary))
    if "roundtrip" in summary:
        out(roundtrip_report.markdown(summary["roundtrip"]))
    if "precision" in summary:
        out(precision.markdown(summary["precision"]))
    if options.write_precision:
        if evidence is None:
            raise EvalError("--write-precision needs the rule engine and an MQM corpus or --roundtrip pairs")
        meta = {
            "description": "Rule precision measured by cleaner eval; see cleaner/checks/rules/measured.py",
            "date": run["date"],
            "command": "cleaner " + shlex.join(sys.argv[1:]),
            "sources": [str(p) for p in (options.roundtrip, options.corpus) if p is not None],
        }
        write_text_atomic(options.write_precision, table_json(precision.as_table(evidence), declared, meta))
    return ExitCode.OK


def _rule_evidence(
    options: EvalOptions,
    summary: dict[str, Any],
    engines: Sequence[str],
    mqm_preds: Sequence[ArticlePrediction] | None,
    roundtrip_runs: tuple[Sequence[EngineSet], Mapping[str, Sequence[PairPrediction]]] | None,
) -> dict[str, precision.Evidence] | None:
    """The rule engine's measured precision and fix outcomes in this run (None without the rule engine)."""
    if "rules" not in engines or options.lt_only_defaults or ("mqm" not in summary and "roundtrip" not in summary):
        return None
    evidence = precision.collect(
        summary.get("roundtrip", {}).get("rules"),
        summary["rules"] if "mqm" in summary else None,
        roundtrip_name=options.roundtrip.name if options.roundtrip else "roundtrip",
        mqm_name=options.corpus.name if options.corpus else "mqm",
    )
    if mqm_preds:
        precision.add_fix_outcomes(evidence, precision.mqm_fix_outcomes(mqm_preds))
    if roundtrip_runs is not None:
        sets, runs = roundtrip_runs
        alone = next((s.label for s in sets if s.engines == ("rules",)), None)
        if alone is not None:
            precision.add_fix_outcomes(evidence, precision.roundtrip_fix_outcomes(runs[alone]))
    return evidence


def _run_info(options: EvalOptions, settings: Settings, engines: Sequence[str], seconds: float) -> dict[str, Any]:
    return {
        "name": options.run_name(),
        "date": dt.date.today().isoformat(),
        "cleaner_version": __version__,
        "corpus": str(options.corpus) if options.corpus else None,
        "clean": str(options.clean) if options.clean else None,
        "roundtrip": str(options.roundtrip) if options.roundtrip else None,
        "quick": options.quick,
        "limit": options.limit,
        "engines": list(engines),
        "languagetool_defaults_only": options.lt_only_defaults,
        "fix_threshold": settings.fix_threshold,
        "seconds": round(seconds, 1),
    }


def _write_predictions(path: Path, articles: Sequence[ArticlePrediction], clean: Sequence[CleanPrediction]) -> None:
    lines = [json.dumps(s.to_json(), ensure_ascii=False) for a in articles for s in a.segments]
    lines += [json.dumps({"id": c.doc.id, "spans": [f.to_json() for f in c.flags]}, ensure_ascii=False) for c in clean]
    write_text_atomic(path, "".join(line + "\n" for line in lines))
