"""What every article command shares: building the pipeline and running it over paths."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence

from cleaner.checks.registry import Mode, open_checkers
from cleaner.config import Settings
from cleaner.document import read_source
from cleaner.errors import CleanerError, InputError
from cleaner.pipeline import ArticleResult, Pipeline, Warn


@contextlib.contextmanager
def open_pipeline(settings: Settings, warn: Warn) -> Iterator[Pipeline]:
    """A Pipeline with every checker these settings ask for, open for the duration of a run."""
    with contextlib.ExitStack() as stack:
        opened = open_checkers(settings, stack)
        required = frozenset(c.name for c, mode in opened if mode is Mode.REQUIRED)
        yield Pipeline([c for c, _ in opened], settings, warn, required=required)


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
