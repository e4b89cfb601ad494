"""The batch progress bar: articles done out of articles planned so far, on a terminal only.

The total grows while the client is still reading the corpus (a million
lines are not counted twice), and the bar says how many were skipped as
already done.  When stderr is not a terminal nothing at all is printed.
"""

from __future__ import annotations

import sys
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn


class BatchProgress:
    """A context manager with :meth:`planned` and :meth:`advance`; silent off a terminal."""

    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> BatchProgress:
        if self.enabled:
            console = Console(file=sys.stderr, force_terminal=True)
            columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
            self._bar = Progress(*columns, console=console, transient=True)
            self._bar.__enter__()
            self._task = self._bar.add_task("linting", total=0)
        return self

    def planned(self, total: int, skipped: int) -> None:
        """The articles to lint so far, and how many were skipped as already in the output."""
        if self._bar is not None and self._task is not None:
            label = f"linting ({skipped} already done)" if skipped else "linting"
            self._bar.update(self._task, total=total, description=label)

    def advance(self, articles: int) -> None:
        if self._bar is not None and self._task is not None:
            self._bar.advance(self._task, articles)

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._bar is not None:
            self._bar.__exit__(exc_type, exc, tb)
