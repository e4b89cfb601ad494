"""What every article command shares: building the pipeline and running it over paths."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from cleaner.checkers import Checker
from cleaner.engine.api import load_checker
from cleaner.errors import CleanerError, InputError
from cleaner.pipeline import ArticleResult, Pipeline, Warn
from cleaner.settings import Settings
from cleaner.sources import read_source

CheckerFactory = Callable[[Settings, Warn], Checker | None]


def _rules(settings: Settings, warn: Warn) -> Checker:
    return load_checker(
        settings.rule_paths,
        builtin=settings.builtin_rules,
        disabled=settings.disabled_rules,
        use_cache=settings.use_rule_cache,
    )


def _names(settings: Settings, warn: Warn) -> Checker | None:
    from cleaner.checks.names import NameConsistencyChecker

    return NameConsistencyChecker()


CHECKERS: dict[str, CheckerFactory] = {
    "rules": _rules,
    # names: registered once cleaner/checks/names.py lands
}
"""The registry of checkers, in precedence order; a new checker is one entry here."""


def build_pipeline(settings: Settings, warn: Warn) -> Pipeline:
    """A Pipeline with every available checker for these settings."""
    checkers = [c for make in CHECKERS.values() if (c := make(settings, warn)) is not None]
    return Pipeline(checkers, settings, warn)


def analyze_paths(
    targets: Sequence[str | InputError], pipeline: Pipeline, on_error: Callable[[CleanerError], None]
) -> Iterator[ArticleResult | InputError]:
    """Analyze each collected article; input errors are reported and the batch goes on."""
    for item in targets:
        if isinstance(item, InputError):
            on_error(item)
            yield item
            continue
        try:
            source = read_source(item)
        except InputError as exc:
            on_error(exc)
            yield exc
            continue
        yield pipeline.analyze(source)
