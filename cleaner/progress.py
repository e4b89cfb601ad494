"""Progress on stderr for long runs and big files; silent when stderr is not a terminal.

Two displays share one live area: a bar over the files of a long batch
(:data:`MIN_ITEMS` or more), and a bar per big article (over
:data:`BIG_FILE_CHARS` characters) that moves as its chunks are checked, so a
50 MB article shows signs of life.  When stderr is piped or redirected
nothing extra is written.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # rich is imported only when a bar is shown: 25 ms that a piped run never needs
    from rich.progress import Progress, TaskID

T = TypeVar("T")
MIN_ITEMS = 5
BIG_FILE_CHARS = 1_000_000
"""Articles with more characters than this get a bar of their own."""


def _show(enabled: bool | None) -> bool:
    return sys.stderr.isatty() if enabled is None else enabled


def progress(items: Iterable[T], total: int, label: str, enabled: bool | None = None) -> Iterator[T]:
    """Yield ``items``, showing a bar when there are many and stderr is a terminal.

    ``enabled=True`` forces the bar even when stderr is not a terminal.
    """
    show = (sys.stderr.isatty() and total >= MIN_ITEMS) if enabled is None else enabled
    if not show:
        yield from items
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(file=sys.stderr, force_terminal=True if enabled else None)
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(label, total=total)
        for item in items:
            yield item
            bar.advance(task)


class RunProgress:
    """The live display of one run: a bar over a long batch, and one per big article.

    Started only once there is something to show, so short runs on a terminal
    print nothing either.  ``article`` has the signature of the pipeline's
    ``on_progress`` hook.
    """

    def __init__(self, total: int, label: str, enabled: bool | None = None) -> None:
        self.total = total
        self.label = label
        self.shown = _show(enabled)
        self._forced = enabled is True
        self._bar: Progress | None = None
        self._batch: TaskID | None = None
        self._file: tuple[str, TaskID] | None = None

    def __enter__(self) -> RunProgress:
        if self.shown and self.total >= MIN_ITEMS:
            self._batch = self._display().add_task(self.label, total=self.total)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def _display(self) -> Progress:
        if self._bar is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            console = Console(file=sys.stderr, force_terminal=True if self._forced else None)
            columns = (
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
            )
            self._bar = Progress(*columns, console=console, transient=True)
            self._bar.start()
        return self._bar

    def over(self, items: Iterable[T]) -> Iterator[T]:
        """Yield ``items`` (one per file), advancing the batch bar."""
        for item in items:
            yield item
            if self._batch is not None and self._bar is not None:
                self._bar.advance(self._batch)

    def article(self, path: str, done: int, total: int) -> None:
        """An article's progress in characters; a big one gets its own bar until it is done."""
        if not self.shown or total <= BIG_FILE_CHARS:
            return
        bar = self._display()
        if self._file is None or self._file[0] != path:
            self._drop_file()
            self._file = (path, bar.add_task(_short(path), total=total))
        bar.update(self._file[1], completed=done)
        if done >= total:
            self._drop_file()

    def _drop_file(self) -> None:
        if self._file is not None and self._bar is not None:
            self._bar.remove_task(self._file[1])
        self._file = None


def _short(path: str, width: int = 40) -> str:
    return path if len(path) <= width else "…" + path[-(width - 1) :]
