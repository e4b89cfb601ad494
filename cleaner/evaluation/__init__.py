"""Measuring cleaner on annotated machine translation and on clean English news.

Modules, one job each: ``corpus`` (read the JSONL records, the recommended
gold filters, the quick slice), ``metrics`` (pure scoring functions),
``predict`` (run the pipeline and map findings and fixes onto segments) and
``report`` (the summary dict and its Markdown table).  The command is
``cleaner eval`` (:mod:`cleaner.commands.eval`); the results are in
docs/evaluation.md.
"""

from importlib.util import find_spec

from cleaner.errors import CleanerError
from cleaner.evaluation import precision, report, roundtrip_report
from cleaner.evaluation.corpus import load_clean, load_mqm
from cleaner.evaluation.predict import ArticlePrediction, CleanPrediction, predict_article, predict_clean
from cleaner.evaluation.roundtrip import load_pairs
from cleaner.evaluation.roundtrip_predict import EngineSet, PairPrediction, predict_pairs

__all__ = [
    "ArticlePrediction",
    "CleanPrediction",
    "EngineSet",
    "PairPrediction",
    "load_clean",
    "load_mqm",
    "load_pairs",
    "precision",
    "predict_article",
    "predict_clean",
    "predict_pairs",
    "report",
    "require_eval_extra",
    "roundtrip_report",
]

EXTRA_MODULES = ("sacrebleu", "scipy")
"""What ``cleaner eval`` needs beyond the core install (the ``eval`` extra)."""


def require_eval_extra() -> None:
    """Fail with one line when the ``eval`` extra is not installed, instead of an ImportError mid-run."""
    missing = [m for m in EXTRA_MODULES if find_spec(m) is None]
    if missing:
        raise CleanerError(f"cleaner eval needs {', '.join(missing)}: pip install 'cleaner[eval]'")
