"""The output folder: one findings file per partition, the summary beside them, reports below.

Layout: ``part-000000.jsonl`` … (one JSON line per article), ``summary.json``
and, when asked for, ``reports/<id>-<key>.html``.  Every file is written
atomically, so a run that is killed leaves whole part files only and the
next run resumes from them.  A lock keeps two runs from writing to one folder.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from cleaner.batch.keys import short_key
from cleaner.errors import CleanerError
from cleaner.files import write_text_atomic

PART_GLOB = "part-*.jsonl"
_PART = re.compile(r"part-(\d+)\.jsonl$")
SUMMARY = "summary.json"
REPORTS = "reports"
LOCK = ".cleaner-batch.lock"


@contextlib.contextmanager
def locked(out_dir: Path) -> Iterator[Path]:
    """Create the folder and hold its lock for the run; another run on it is refused at once."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CleanerError(f"{out_dir}: cannot create the output folder: {exc.strerror or exc}") from None
    lock = FileLock(str(out_dir / LOCK))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise CleanerError(f"{out_dir}: another cleaner batch is writing to this folder") from None
    except OSError as exc:
        raise CleanerError(f"{out_dir}: cannot lock the output folder: {exc.strerror or exc}") from None
    try:
        yield out_dir
    finally:
        lock.release()


def part_files(out_dir: Path) -> list[Path]:
    """The part files in index order."""
    return sorted((p for p in out_dir.glob(PART_GLOB) if _PART.search(p.name)), key=_index)


def _index(path: Path) -> int:
    match = _PART.search(path.name)
    return int(match.group(1)) if match else -1


def next_index(out_dir: Path) -> int:
    """The number of the next part file: after every existing one, so nothing is overwritten."""
    parts = part_files(out_dir)
    return _index(parts[-1]) + 1 if parts else 0


def records(out_dir: Path) -> Iterator[dict[str, Any]]:
    """Every stored record, part file by part file; unreadable lines are left out (they were never ours)."""
    for part in part_files(out_dir):
        try:
            fh = part.open(encoding="utf-8")
        except OSError:
            continue
        with fh:
            for line in fh:
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if isinstance(record, dict) and _is_key(record.get("key")):
                    yield record


def done_keys(out_dir: Path) -> Counter[int]:
    """How many records each (short) key already has in the output."""
    return Counter(short_key(r["key"]) for r in records(out_dir))


def write_part(out_dir: Path, index: int, lines: tuple[str, ...]) -> Path:
    """Write one partition's lines as ``part-NNNNNN.jsonl``, atomically."""
    path = out_dir / f"part-{index:06d}.jsonl"
    write_text_atomic(path, "".join(f"{line}\n" for line in lines))
    return path


def write_reports(out_dir: Path, pages: tuple[tuple[str, str], ...]) -> None:
    """Write the partition's HTML report pages under ``reports/``."""
    if not pages:
        return
    folder = out_dir / REPORTS
    folder.mkdir(exist_ok=True)
    for name, html in pages:
        write_text_atomic(folder / name, html)


def write_summary(out_dir: Path, summary: dict[str, Any]) -> Path:
    path = out_dir / SUMMARY
    write_text_atomic(path, json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
    return path


def _is_key(value: object) -> bool:
    return isinstance(value, str) and len(value) >= 16 and all(c in "0123456789abcdef" for c in value[:16])
