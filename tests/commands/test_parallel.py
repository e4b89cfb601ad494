"""``--jobs N``: the same output as one process, in the order of the files, errors included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.commands.parallel import free_cores, worker_count
from tests.support.cmd_fixtures import ARTICLE, Invoke, cli_runner


@pytest.fixture
def run(tmp_path: Path) -> Invoke:
    return cli_runner(tmp_path)


def articles(folder: Path, n: int) -> list[Path]:
    folder.mkdir()
    paths = []
    for i in range(n):
        path = folder / f"a{i:02d}.txt"
        # Different lengths, so a worker that finished early would show up out of order.
        path.write_text(ARTICLE * (1 + (n - i) * 20), encoding="utf-8")
        paths.append(path)
    return paths


def test_lint_json_is_the_same_with_two_jobs(run: Invoke, tmp_path: Path) -> None:
    paths = articles(tmp_path / "in", 6)
    bad = tmp_path / "in" / "a03.txt"
    bad.write_bytes(b"binary \x00 bad")  # a NUL byte: not text
    one = run("lint", "--format", "json", "--jobs", "1", *map(str, paths))
    two = run("lint", "--format", "json", "--jobs", "2", *map(str, paths))
    assert one.exit_code == two.exit_code == 2
    assert one.stdout == two.stdout
    assert [f["path"] for f in json.loads(two.stdout)["files"]] == [str(p) for p in paths if p != bad]
    assert two.stderr == one.stderr
    assert "a03.txt" in two.stderr


def test_fix_diff_and_report_are_the_same_with_two_jobs(run: Invoke, tmp_path: Path) -> None:
    paths = [str(p) for p in articles(tmp_path / "in", 4)]
    assert run("fix", "--diff", "-j", "1", *paths).stdout == run("fix", "--diff", "-j", "2", *paths).stdout
    for j in ("1", "2"):
        assert run("report", "-j", j, "--out", str(tmp_path / f"out{j}"), *paths).exit_code == 1
    written = sorted(p.name for p in (tmp_path / "out1").iterdir())
    assert written == sorted(p.name for p in (tmp_path / "out2").iterdir())
    assert "index.html" in written and len(written) == 1 + 2 * len(paths)  # an HTML page and its JSON per article
    for name in written:
        assert (tmp_path / "out1" / name).read_bytes() == (tmp_path / "out2" / name).read_bytes(), name


def test_worker_count() -> None:
    assert worker_count(3, 10) == 3
    assert worker_count(3, 2) == 2
    assert worker_count(0, 100) == free_cores() >= 1


_SHARING = """
import os, sys
from pathlib import Path
from cleaner.checks.rules import api
from cleaner.cli import cli

loads = Path(sys.argv[1])
real = api.cached_compile

def counted(*args, **kwargs):
    (loads / str(os.getpid())).touch()
    return real(*args, **kwargs)

api.cached_compile = counted
try:
    cli.main(sys.argv[2:], standalone_mode=False)
finally:
    print(os.getpid())
"""


def test_workers_share_the_rules_loaded_before_they_fork(tmp_path: Path) -> None:
    """The compiled rules are loaded once, by the parent; forked workers inherit them (and the patch).

    In a process of its own: this test process may run threads, and then the pool uses a fork server.
    """
    import subprocess
    import sys

    from tests.support.cmd_fixtures import write_rules

    loads = tmp_path / "loads"
    loads.mkdir()
    paths = [str(p) for p in articles(tmp_path / "in", 4)]
    flags = ["--no-builtin-rules", "--rules", str(write_rules(tmp_path)), "--no-languagetool", "--fluency", "off"]
    done = subprocess.run(
        [sys.executable, "-c", _SHARING, str(loads), "lint", "--jobs", "2", *flags, *paths],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    parent = done.stdout.split()[-1]
    assert "pricing talks" in done.stdout  # the workers did check the articles
    assert [p.name for p in loads.iterdir()] == [parent]


def _checked_by(_: object) -> int:
    """What the parallel run prepares from each result: the process that checked it."""
    import os

    return os.getpid()


def test_the_writing_process_checks_articles_too_and_order_is_kept(tmp_path: Path) -> None:
    """With two jobs there is one worker: this process checks whichever articles it would otherwise wait for."""
    import os

    from cleaner.checks.registry import Mode
    from cleaner.commands.parallel import analyze_in_pool
    from cleaner.config import Settings
    from cleaner.errors import InputError

    paths = [str(p) for p in articles(tmp_path / "in", 12)]
    missing = InputError(str(tmp_path / "gone.txt"), "no such file")
    targets: list[str | InputError] = [*paths[:6], missing, *paths[6:]]
    settings = Settings(modes={"languagetool": Mode.OFF, "fluency": Mode.OFF})
    errors: list[object] = []
    items = list(analyze_in_pool(targets, settings, 2, errors.append, print, _checked_by))
    assert items[6] is missing and errors == [missing]
    done = [item for item in items if not isinstance(item, InputError)]
    assert [result.path for result, _ in done] == paths
    checked_by = {pid for _, pid in done}
    assert os.getpid() in checked_by and len(checked_by) == 2
