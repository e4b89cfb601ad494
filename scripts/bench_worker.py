"""Whole-command benchmark of one ~700-word article: in process, cold and warm, and through the resident worker.

    python scripts/bench_worker.py [--runs 5] [--languagetool] [--hook]

Every row is the whole command a user (or a pre-commit hook) runs, a new
process each time: ``python -m cleaner lint ARTICLE`` (text output).  Wall time
is the client's; CPU is the client's own (GNU ``/usr/bin/time``) plus, through
the worker, the worker's CPU during the request (``/proc/PID/stat``), so the
worker's work is never hidden.  Rows:

- in process, cold: an empty cache folder (the rules are compiled first);
- in process, warm: ``CLEANER_WORKER=off``, rule cache warm;
- through the worker, warm: after ``cleaner serve --detach``;
- ``--languagetool``: the same two warm rows with ``--require-languagetool``
  (a LanguageTool server of the benchmark's own, started before and stopped after);
- ``--hook``: pre-commit end to end in a scratch git repository whose
  ``.pre-commit-config.yaml`` names a committed copy of this checkout (as
  tests/test_precommit_hooks.py does): the hook environment's install time,
  then warm ``pre-commit run cleaner --files article.txt`` with the worker off
  and with the hook's own ``--worker spawn``.

The article is the sample article plus the first clean news story of the dev
set (the same one scripts/bench_rules.py uses).  Everything runs in temporary
folders; every worker and server it starts is stopped.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_9274cd7fb5159084.txt"
CLEAN = Path("/work/shared/data/clean/clean_en_news.dev.docs.jsonl.gz")
RULES_ONLY = ("--no-languagetool", "--fluency", "off")
WITH_LT = ("--require-languagetool", "--fluency", "off")
sys.path.insert(0, str(REPO))  # this checkout's cleaner (the timed commands get PYTHONPATH)


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    code: int


def article(folder: Path) -> tuple[Path, int]:
    extra = ""
    if CLEAN.exists():
        with gzip.open(CLEAN, "rt", encoding="utf-8") as fh:
            extra = "\n\n" + json.loads(fh.readline())["text"]
    text = SEED.read_text("utf-8").strip() + extra + "\n"
    path = folder / "article.txt"
    path.write_text(text, encoding="utf-8")
    return path, len(text.split())


def worker_pid(env: dict[str, str]) -> int | None:
    from cleaner.worker import control, keys

    saved = dict(os.environ)
    os.environ.update(env)
    try:
        answer = control.ask(keys.place(), "status")
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return int(answer["pid"]) if answer else None


def cpu_of(pid: int | None) -> float:
    """User + system seconds of a running process (0 when there is none)."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(
    cmd: Sequence[str],
    env: dict[str, str],
    cwd: Path,
    worker: int | None = None,
    prepare: Callable[[], None] | None = None,
) -> Run:
    """One whole command under GNU time; through a worker, the worker's CPU during it is added.

    ``prepare`` runs first, untimed (emptying LanguageTool's result cache).
    """
    if prepare is not None:
        prepare()
    with tempfile.TemporaryDirectory() as tmp:
        usage = Path(tmp) / "usage"
        before = cpu_of(worker)
        t0 = time.perf_counter()
        done = subprocess.run(
            ["/usr/bin/time", "-f", "%U %S", "-o", str(usage), *cmd],
            cwd=cwd,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        wall = time.perf_counter() - t0
        user, system = usage.read_text().split()[-2:]
    return Run(wall, float(user) + float(system) + cpu_of(worker) - before, done.returncode)


def lint(path: Path, engines: Sequence[str]) -> list[str]:
    return [sys.executable, "-m", "cleaner", "lint", path.name, *engines]


def serve(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "-m", "cleaner", "serve", *args], env=env, check=True, capture_output=True)


def row(label: str, runs: list[Run]) -> str:
    walls = [r.wall for r in runs]
    cpus = [r.cpu for r in runs]
    spread = f"{min(walls):.2f}–{max(walls):.2f}" if len(runs) > 1 else f"{walls[0]:.2f}"
    codes = ",".join(sorted({str(r.code) for r in runs}))
    return f"| {label} | {statistics.median(walls):.2f} | {spread} | {statistics.median(cpus):.2f} | {codes} |"


def repeat(n: int, once: Callable[[], Run]) -> list[Run]:
    return [once() for _ in range(n)]


def lint_rows(tmp: Path, runs: int, languagetool: bool) -> list[str]:
    path, words = article(tmp)
    cache = tmp / "cache"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLEANER_WORKER") and k != "CI"}
    env.update(PYTHONPATH=str(REPO), CLEANER_CACHE_DIR=str(cache))
    if languagetool:
        from cleaner.checks.languagetool.settings import HOME_ENV, LanguageToolSettings

        env.setdefault(HOME_ENV, str(LanguageToolSettings().install_root()))
    off = dict(env, CLEANER_WORKER="off")
    auto = dict(env, CLEANER_WORKER="auto")
    rows = [f"\n### One article ({words} words), `cleaner lint` as a whole command\n"]
    rows.append("| run | wall s (median) | wall s (min–max) | CPU s (median; client + worker) | exit |")
    rows.append("|---|---:|---:|---:|---:|")
    rows.append(row("in process, cold (empty cache: compiles the rules)", [measure(lint(path, RULES_ONLY), off, tmp)]))
    rows.append(
        row(
            f"in process, warm, rules only ({runs} runs)",
            repeat(runs, lambda: measure(lint(path, RULES_ONLY), off, tmp)),
        )
    )
    serve(env, "--detach")
    try:
        pid = worker_pid(env)
        rows.append(
            row(
                f"through the worker, warm, rules only ({runs} runs)",
                repeat(runs, lambda: measure(lint(path, RULES_ONLY), auto, tmp, pid)),
            )
        )
        if languagetool:
            subprocess.run(
                [sys.executable, "-m", "cleaner", "languagetool", "start"], env=env, check=True, capture_output=True
            )

            def forget() -> None:
                for old in (cache / "languagetool").glob("results.sqlite*"):
                    old.unlink()

            try:
                measure(lint(path, WITH_LT), off, tmp)  # the server's own first request warms it
                for label, prepare in (("result cache warm", None), ("result cache emptied before each run", forget)):
                    for where, mode, pid_or_none in (("in process", off, None), ("through the worker", auto, pid)):
                        rows.append(
                            row(
                                f"{where}, with LanguageTool, {label} ({runs} runs)",
                                repeat(
                                    runs,
                                    lambda m=mode, w=pid_or_none, p=prepare: measure(lint(path, WITH_LT), m, tmp, w, p),
                                ),
                            )
                        )
            finally:
                subprocess.run(
                    [sys.executable, "-m", "cleaner", "languagetool", "stop"], env=env, check=False, capture_output=True
                )
    finally:
        serve(env, "--stop")
    return rows


SHIPPED = ("pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml", "cleaner", "rules")


def git(cwd: Path, env: dict[str, str], *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def hook_rows(tmp: Path, runs: int) -> list[str]:
    """pre-commit end to end: install time, then warm runs with the worker off and with the hook's spawn."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT", "CLEANER_WORKER"))}
    env.pop("CI", None)
    env.update(
        GIT_AUTHOR_NAME="b",
        GIT_AUTHOR_EMAIL="b@example.invalid",
        GIT_COMMITTER_NAME="b",
        GIT_COMMITTER_EMAIL="b@example.invalid",
        GIT_CONFIG_NOSYSTEM="1",
        PRE_COMMIT_HOME=str(tmp / "pre-commit-home"),
        CLEANER_CACHE_DIR=str(tmp / "hook-cache"),
    )
    hook_repo = tmp / "cleaner-repo"
    hook_repo.mkdir()
    for name in SHIPPED:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, hook_repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(src, hook_repo / name)
    git(hook_repo, env, "init", "-q")
    git(hook_repo, env, "add", "-A")
    git(hook_repo, env, "commit", "-q", "-m", "hook repository")
    rev = git(hook_repo, env, "rev-parse", "HEAD").strip()
    newsroom = tmp / "newsroom"
    newsroom.mkdir()
    path, words = article(newsroom)
    (newsroom / ".cleaner.toml").write_text("[languagetool]\nenabled = false\n", encoding="utf-8")
    (newsroom / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: cleaner\n"
        "  - repo: local\n    hooks:\n      - id: noop\n        name: noop\n        entry: 'true'\n"
        "        language: system\n        types: [text]\n",
        encoding="utf-8",
    )
    git(newsroom, env, "init", "-q")
    git(newsroom, env, "add", "-A")
    pip_cache = subprocess.run([sys.executable, "-m", "pip", "cache", "dir"], capture_output=True, text=True).stdout
    pip_cache_files = sum(1 for _ in Path(pip_cache.strip()).rglob("*")) if pip_cache.strip() else 0
    pre_commit = [sys.executable, "-m", "pre_commit"]
    t0 = time.perf_counter()
    subprocess.run([*pre_commit, "install-hooks"], cwd=newsroom, env=env, check=True, capture_output=True)
    install = time.perf_counter() - t0
    hook = [*pre_commit, "run", "cleaner", "--files", path.name, "--color", "never"]
    first_off = measure(hook, dict(env, CLEANER_WORKER="off"), newsroom)  # compiles the rules in the hook's env
    rows = [f"\n### pre-commit hook, one article ({words} words), rules only\n"]
    rows.append(
        f"`pre-commit install-hooks` (the hook environment): **{install:.1f} s** "
        f"(pip cache: {pip_cache_files} files before; find-links: {os.environ.get('PIP_FIND_LINKS', 'none')})\n"
    )
    rows.append("| run | wall s (median) | wall s (min–max) | CPU s (median; pre-commit + cleaner + worker) | exit |")
    rows.append("|---|---:|---:|---:|---:|")
    noop = [*pre_commit, "run", "noop", "--files", path.name, "--color", "never"]
    rows.append(
        row(
            f"pre-commit's own floor: a no-op hook (`entry: true`, {runs} runs)",
            repeat(runs, lambda: measure(noop, env, newsroom)),
        )
    )
    rows.append(row("first run, worker off (compiles the rules)", [first_off]))
    rows.append(
        row(
            f"warm, worker off ({runs} runs)",
            repeat(runs, lambda: measure(hook, dict(env, CLEANER_WORKER="off"), newsroom)),
        )
    )
    spawn = measure(hook, env, newsroom)  # the hook's --worker spawn: runs in process, starts the worker
    rows.append(row("first run with the hook's --worker spawn (runs in process, starts a worker)", [spawn]))
    pid = None
    deadline = time.monotonic() + 120
    from cleaner.worker import control, keys

    places = []
    while pid is None and time.monotonic() < deadline:
        places = [keys.Place(str(p.parent), p.stem) for p in (tmp / "hook-cache" / "worker").glob("*.lock")]
        answers = [a for p in places if (a := control.ask(p, "status"))]
        pid = int(answers[0]["pid"]) if answers else None
        time.sleep(0.2)
    try:
        rows.append(
            row(f"warm, through the worker ({runs} runs)", repeat(runs, lambda: measure(hook, env, newsroom, pid)))
        )
    finally:
        for place in places:
            control.stop(place)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--languagetool", action="store_true", help="also the warm rows with LanguageTool")
    ap.add_argument("--hook", action="store_true", help="also pre-commit end to end (installs a hook environment)")
    args = ap.parse_args()
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bw-") as tmp_name:
        tmp = Path(tmp_name)
        lines = lint_rows(tmp, args.runs, args.languagetool)
        if args.hook:
            lines += hook_rows(tmp, args.runs)
    print(f"load average before: {load:.1f}, after: {os.getloadavg()[0]:.1f}; cores: {os.cpu_count()}")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
