"""Paired before/after of bench_worker.py's row "through the worker, with LanguageTool, result cache emptied".

    python scripts/bench_worker_paired.py BEFORE_CHECKOUT [AFTER_CHECKOUT] [--runs 15]

The machine is shared (other sessions, and CPU steal on the VM), so two separate runs of
bench_worker.py at different times differ by more than most changes do.  Here each checkout
gets its own cache folder, LanguageTool server and resident worker (all started and stopped
here), and the runs alternate (A B, B A, A B, ...), so the machine's drift hits both alike.
AFTER_CHECKOUT defaults to this one; ``git worktree add --detach /tmp/before COMMIT`` makes
a BEFORE_CHECKOUT.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

import bench_worker  # noqa: E402

PID = "from cleaner.worker import control, keys; a = control.ask(keys.place(), 'status'); print(a['pid'] if a else '')"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("before")
    ap.add_argument("after", nargs="?", default=str(REPO))
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    from cleaner.checks.languagetool.settings import HOME_ENV, LanguageToolSettings

    home = str(LanguageToolSettings().install_root())
    with tempfile.TemporaryDirectory(prefix="bench-paired-") as tmp_name:
        tmp = Path(tmp_name)
        path, words = bench_worker.article(tmp)
        sides: dict[str, tuple[dict[str, str], Path, int | None]] = {}
        # Every command runs from its checkout: ``python -m`` puts the working folder before PYTHONPATH.
        try:
            for name, code in (("before", args.before), ("after", args.after)):
                cache = tmp / f"cache-{name}"
                env = {k: v for k, v in os.environ.items() if not k.startswith("CLEANER_WORKER") and k != "CI"}
                env.update(PYTHONPATH=str(Path(code).resolve()), CLEANER_CACHE_DIR=str(cache), CLEANER_WORKER="auto")
                env.setdefault(HOME_ENV, home)
                sides[name] = (env, cache, None)
                cli(env, "serve", "--detach")
                cli(env, "languagetool", "start")
                pid = subprocess.run(
                    [sys.executable, "-c", PID], env=env, cwd=env["PYTHONPATH"], capture_output=True, text=True
                ).stdout
                sides[name] = (env, cache, int(pid) if pid.strip() else None)
            load = os.getloadavg()[0]
            runs = compare(sides, path, args.runs)
        finally:
            for env, _, _ in sides.values():
                cli(env, "languagetool", "stop", check=False)
                cli(env, "serve", "--stop", check=False)
    print(f"article: {words} words; load average before: {load:.1f}, after: {os.getloadavg()[0]:.1f}")
    print("\n| code | wall s (median) | wall s (min–max) | CPU s (median; client + worker) | exit |")
    print("|---|---:|---:|---:|---:|")
    for name, done in runs.items():
        print(bench_worker.row(f"{name} ({len(done)} runs, alternating)", done))
    ratios = [b.wall / a.wall for a, b in zip(runs["before"], runs["after"], strict=True)]
    print(f"\nafter/before wall per pair: median {statistics.median(ratios):.2f} ({min(ratios):.2f}–{max(ratios):.2f})")


def cli(env: dict[str, str], *args: str, check: bool = True) -> None:
    subprocess.run(
        [sys.executable, "-m", "cleaner", *args], env=env, cwd=env["PYTHONPATH"], check=check, capture_output=True
    )


def compare(
    sides: dict[str, tuple[dict[str, str], Path, int | None]], path: Path, runs: int
) -> dict[str, list[bench_worker.Run]]:
    def once(name: str) -> bench_worker.Run:
        env, cache, pid = sides[name]

        def forget() -> None:
            for old in (cache / "languagetool").glob("results.sqlite*"):
                old.unlink()

        return bench_worker.measure(bench_worker.lint(path, bench_worker.WITH_LT), env, path.parent, pid, forget)

    for name in sides:  # each server's and worker's first requests (JIT, pipelines) are not timed
        for _ in range(3):
            once(name)
    done: dict[str, list[bench_worker.Run]] = {"before": [], "after": []}
    for i in range(runs):
        for name in ("before", "after") if i % 2 == 0 else ("after", "before"):
            done[name].append(once(name))
    return done


if __name__ == "__main__":
    main()
