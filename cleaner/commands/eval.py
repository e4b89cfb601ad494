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
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cleaner import __version__
from cleaner.atomic import write_text_atomic
from cleaner.commands.common import CHECKERS
from cleaner.errors import CleanerError, ExitCode
from cleaner.evaluation import report
from cleaner.evaluation.corpus import load_clean, load_mqm
from cleaner.evaluation.predict import ArticlePrediction, CleanPrediction, predict_article, predict_clean
from cleaner.languagetool.settings import LanguageToolSettings
from cleaner.pipeline import Pipeline, Warn
from cleaner.progress import progress
from cleaner.settings import Settings

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
    quick: bool = False
    limit: int | None = None
    engines: tuple[str, ...] = tuple(CHECKERS)
    lt_only_defaults: bool = False
    predictions: Path | None = None
    summary: Path | None = None
    rule_stats: Path | None = None
    name: str | None = None
    bootstrap_samples: int = 1000
    show_progress: bool | None = None
    """None: a bar when stderr is a terminal; True/False forces it."""

    def run_name(self) -> str:
        if self.name:
            return self.name
        if self.lt_only_defaults:
            return LT_DEFAULTS_NAME
        return "cleaner" if set(self.engines) == set(CHECKERS) else f"cleaner ({'+'.join(self.engines)})"


def parse_engines(value: str | None, no_languagetool: bool = False) -> tuple[str, ...]:
    """``rules,names`` → ("rules", "names") in registry order (default: all; without LanguageTool if asked)."""
    if value is None:
        return tuple(name for name in CHECKERS if not (no_languagetool and name in SERVER_ENGINES))
    wanted = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [w for w in wanted if w not in CHECKERS]
    if unknown or not wanted:
        raise EvalError(
            f"--engines: unknown engine {', '.join(unknown) or '(none given)'}; choose from {', '.join(CHECKERS)}"
        )
    if no_languagetool and "languagetool" in wanted:
        raise EvalError("--no-languagetool and --engines ...languagetool exclude each other")
    return tuple(name for name in CHECKERS if name in wanted)


def baseline_lt_settings() -> LanguageToolSettings:
    """LanguageTool as a user would run it: all its default rules, none of cleaner's filters."""
    return replace(
        LanguageToolSettings(),
        disabled_rules=frozenset(),
        disabled_categories=frozenset(),
        skip_names_in_spelling=False,
        skip_british_spelling=False,
    )


@contextlib.contextmanager
def open_eval_pipeline(settings: Settings, options: EvalOptions, warn: Warn) -> Iterator[Pipeline]:
    """The pipeline of this run: the selected checkers, or LanguageTool alone with its defaults.

    LanguageTool, when selected, is required: a run that silently fell back to
    rules only would report the wrong configuration's numbers.
    """
    with contextlib.ExitStack() as stack:
        if options.lt_only_defaults:
            from cleaner.languagetool import open_checker

            checker = stack.enter_context(open_checker(baseline_lt_settings()))
            yield Pipeline([checker], replace(settings, languagetool="required"), warn)
            return
        mode = "required" if set(SERVER_ENGINES) & set(options.engines) else "off"
        settings = replace(settings, languagetool=mode)
        checkers = [c for name in options.engines if (c := CHECKERS[name](settings, warn, stack)) is not None]
        yield Pipeline(checkers, settings, warn)


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
    settings = Settings(rule_paths=tuple(rule_paths), builtin_rules=builtin_rules)
    return settings if threshold is None else replace(settings, fix_threshold=threshold)


def run_eval(
    options: EvalOptions, settings: Settings, out: Callable[[str], None], err: Callable[[str], None]
) -> ExitCode:
    """Run one evaluation, print its Markdown table, write the requested files."""
    if options.corpus is None and options.clean is None:
        raise EvalError("give an MQM corpus (JSONL or JSONL.gz), --clean FILE, or both")
    articles = load_mqm(options.corpus, quick=options.quick, limit=options.limit) if options.corpus else None
    docs = load_clean(options.clean, limit=options.limit) if options.clean else None
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
    seconds = time.monotonic() - started
    err(f"eval: analyzed {len(articles or ())} MT articles and {len(docs or ())} clean documents in {seconds:.0f} s")
    run = _run_info(options, settings, engines, seconds)
    summary = report.summary(run, mqm_preds, clean_preds, bootstrap_samples=options.bootstrap_samples)
    if options.predictions:
        _write_predictions(options.predictions, mqm_preds or [], clean_preds or [])
    if options.summary:
        write_text_atomic(options.summary, json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    if options.rule_stats:
        stats = report.rule_stats(mqm_preds or (), clean_preds or ())
        as_csv = options.rule_stats.suffix == ".csv"
        write_text_atomic(options.rule_stats, (report.rule_stats_csv if as_csv else report.rule_stats_markdown)(stats))
    out(report.markdown(summary))
    return ExitCode.OK


def _run_info(options: EvalOptions, settings: Settings, engines: Sequence[str], seconds: float) -> dict[str, Any]:
    return {
        "name": options.run_name(),
        "date": dt.date.today().isoformat(),
        "cleaner_version": __version__,
        "corpus": str(options.corpus) if options.corpus else None,
        "clean": str(options.clean) if options.clean else None,
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
