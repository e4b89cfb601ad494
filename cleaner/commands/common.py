"""What every article command shares: building the pipeline and running it over paths."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from cleaner.checkers import Checker
from cleaner.engine.api import load_checker
from cleaner.errors import CleanerError, InputError
from cleaner.pipeline import ArticleResult, Pipeline, Warn
from cleaner.settings import Settings
from cleaner.sources import read_source

if TYPE_CHECKING:  # LanguageTool code is imported only by runs that use it
    from cleaner.languagetool.settings import LanguageToolSettings

CheckerFactory = Callable[[Settings, Warn, contextlib.ExitStack], Checker | None]
"""Makes one checker for a run; resources it opens are closed with the ExitStack."""


def _rules(settings: Settings, warn: Warn, stack: contextlib.ExitStack) -> Checker:
    return load_checker(
        settings.rule_paths,
        builtin=settings.builtin_rules,
        disabled=settings.disabled_rules,
        use_cache=settings.use_rule_cache,
    )


def _names(settings: Settings, warn: Warn, stack: contextlib.ExitStack) -> Checker | None:
    from cleaner.checks.names import NameConsistencyChecker

    return NameConsistencyChecker()


def _languagetool(settings: Settings, warn: Warn, stack: contextlib.ExitStack) -> Checker | None:
    if settings.languagetool == "off":
        return None
    from cleaner.languagetool import open_checker

    return stack.enter_context(open_checker(languagetool_settings(settings)))


def languagetool_settings(settings: Settings) -> LanguageToolSettings:
    """The LanguageTool knobs of a run: its defaults plus the configured selection."""
    from cleaner.languagetool.settings import LanguageToolSettings

    base = LanguageToolSettings()
    return replace(
        base,
        disabled_rules=(base.disabled_rules | settings.lt_disabled_rules) - settings.lt_enabled_rules,
        enabled_rules=base.enabled_rules | settings.lt_enabled_rules,
        disabled_categories=base.disabled_categories | settings.lt_disabled_categories,
        idle_timeout_minutes=base.idle_timeout_minutes
        if settings.lt_idle_minutes is None
        else settings.lt_idle_minutes,
    )


CHECKERS: dict[str, CheckerFactory] = {
    "rules": _rules,
    "names": _names,
    "languagetool": _languagetool,
}
"""The registry of checkers, in precedence order; a new checker is one entry here."""


@contextlib.contextmanager
def open_pipeline(settings: Settings, warn: Warn) -> Iterator[Pipeline]:
    """A Pipeline with every checker these settings ask for, open for the duration of a run."""
    with contextlib.ExitStack() as stack:
        checkers = [c for make in CHECKERS.values() if (c := make(settings, warn, stack)) is not None]
        yield Pipeline(checkers, settings, warn)


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
