"""A rich progress bar on stderr for long runs; silent when stderr is not a terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

T = TypeVar("T")
MIN_ITEMS = 5


def progress(items: Iterable[T], total: int, label: str, enabled: bool | None = None) -> Iterator[T]:
    """Yield ``items``, showing a bar when there are many and stderr is a terminal.

    ``enabled=True`` forces the bar even when stderr is not a terminal.
    """
    show = (sys.stderr.isatty() and total >= MIN_ITEMS) if enabled is None else enabled
    if not show:
        yield from items
        return
    console = Console(file=sys.stderr, force_terminal=True if enabled else None)
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(label, total=total)
        for item in items:
            yield item
            bar.advance(task)
