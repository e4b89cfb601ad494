"""The corpus as work items: folders, globs and JSON-lines corpora, read on the client.

Reading happens here, once, so that workers need no shared file system: an
item carries its raw bytes (a whole article file, or one line of a corpus).
Nothing is parsed or decoded here; the worker does that and records whatever
is wrong with an item as that item's error, so one bad line never stops a
run.  Problems that have no bytes to carry (a missing path, a corpus that
cannot be read past some line) become error items too.
"""

from __future__ import annotations

import glob
import gzip
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from cleaner.document import STDIN, discover
from cleaner.errors import InputError

CORPUS_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
GLOB_CHARS = frozenset("*?[")

FILE = "file"
RECORD = "record"
ERROR = "error"


@dataclass(frozen=True, slots=True)
class Item:
    """One unit of work: an article file, a corpus line, or an input problem."""

    locator: str
    """The file path, or ``corpus:LINE`` (1-based) for a corpus record."""
    kind: str
    """:data:`FILE`, :data:`RECORD` or :data:`ERROR`."""
    data: bytes
    """The file's bytes, the raw line, or (for an error) the message in UTF-8."""

    @property
    def size(self) -> int:
        return len(self.data)


def is_corpus(path: str | Path) -> bool:
    """A JSON-lines corpus (optionally gzipped), by its name."""
    return str(path).lower().endswith(CORPUS_SUFFIXES)


def iter_items(inputs: Iterable[str]) -> Iterator[Item]:
    """Every work item of the given folders, globs, article files and corpora, in a stable order."""
    for raw in inputs:
        if raw == STDIN:
            yield _error(raw, "standard input is not supported by batch; give files, folders or corpora")
            continue
        for path in _expand(raw):
            if isinstance(path, InputError):
                yield _error(path.path, path.problem)
            elif Path(path).is_dir():
                yield from _folder(path)
            elif is_corpus(path):
                yield from _corpus(path)
            else:
                yield _file(path)


def _expand(raw: str) -> Iterator[str | InputError]:
    """A glob pattern's matches (sorted), or the path itself."""
    if GLOB_CHARS & set(raw) and not Path(raw).exists():
        matches = sorted(glob.glob(raw, recursive=True))  # noqa: PTH207 - absolute patterns too
        if not matches:
            yield InputError(raw, "no file or folder matches this pattern")
        yield from matches
        return
    if not Path(raw).exists():
        yield InputError(raw, "no such file or folder")
        return
    yield raw


def _folder(folder: str) -> Iterator[Item]:
    """Article files (as ``lint`` discovers them) and corpora under a folder."""
    corpora = sorted(
        p
        for p in Path(folder).rglob("*")
        if is_corpus(p) and p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )
    for found in discover([folder]):
        if isinstance(found, InputError):
            if not corpora:  # only "no article files": fine when the folder holds corpora
                yield _error(found.path, found.problem)
            continue
        yield _file(found)
    for corpus in corpora:
        yield from _corpus(str(corpus))


def _file(path: str) -> Item:
    try:
        return Item(path, FILE, Path(path).read_bytes())
    except IsADirectoryError:
        return _error(path, "is a folder, not a file")
    except OSError as exc:
        return _error(path, f"cannot read: {exc.strerror or exc}")


def _open(path: str) -> IO[bytes]:
    if path.lower().endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, "rb"))
    return Path(path).open("rb")


def _corpus(path: str) -> Iterator[Item]:
    """One item per non-blank line; a corpus unreadable past some line ends with an error item there."""
    line_no = 0
    try:
        with _open(path) as fh:
            for line_no, line in enumerate(fh, start=1):
                stripped = line.strip()
                if stripped:
                    yield Item(f"{path}:{line_no}", RECORD, stripped)
    except (OSError, EOFError, zlib.error) as exc:
        yield _error(f"{path}:{line_no + 1}", f"cannot read the corpus past this line: {exc}")


def _error(locator: str, problem: str) -> Item:
    return Item(locator, ERROR, problem.encode("utf-8"))
