"""Check that a speed change keeps findings and fixes identical: snapshot, then compare.

The corpus is seeds/ (the sample article), the clean dev news texts and the
garbled texts of the round-trip dev set, written to a temporary folder as one
``.txt`` per document, plus one garble-dense file (the sample repeated) big
enough to be checked in chunks.  For each, ``cleaner lint --format json
--no-languagetool`` (findings) and ``cleaner fix --diff --no-languagetool``
(the fixes) are run as whole commands::

    python scripts/check_identical.py save /tmp/before.json     # on the old code
    python scripts/check_identical.py compare /tmp/before.json  # on the new code

``--code DIR`` runs the cleaner of another checkout (``save --code /work/main``)
over this checkout's corpus.  The fluency model is left out (``--fluency off``):
this compares the rule engine, the planner and the reports.

``compare`` prints every difference (file, rule, span) and exits 1 if any.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = Path("/work/shared/data")
BIG_REPEATS = 60
"""The sample article repeated this often (about 300 KB: chunked, and a dense fix plan)."""


def write_corpus(folder: Path) -> None:
    """One text file per document of the development data."""
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        (folder / f"seed-{seed.name}").write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    with gzip.open(DATA / "clean" / "clean_en_news.dev.docs.jsonl.gz", "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            (folder / f"clean-{n:03d}.txt").write_text(json.loads(line)["text"], encoding="utf-8")
    with gzip.open(DATA / "roundtrip" / "roundtrip_dev.jsonl.gz", "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            (folder / f"garbled-{n:03d}.txt").write_text(json.loads(line)["garbled"], encoding="utf-8")
    sample = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    (folder / "big-garble.txt").write_text("\n\n".join([sample.strip()] * BIG_REPEATS) + "\n", encoding="utf-8")


JOBS: list[str] = []
"""Extra ``--jobs N`` for both commands (``--jobs`` of this script)."""
CODE = [ROOT]
"""The checkout whose cleaner runs (``--code`` of this script)."""


def run(folder: Path, *args: str) -> str:
    env = dict(os.environ, PYTHONPATH=str(CODE[0]))
    cmd = [sys.executable, "-m", "cleaner", *args, *JOBS, "--no-languagetool", "--fluency", "off", str(folder)]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=folder, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout.replace(str(folder), "<corpus>")


def snapshot() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_corpus(folder)
        lint = json.loads(run(folder, "lint", "--format", "json"))
        diff = run(folder, "fix", "--diff")
    return {"lint": lint, "diff": diff}


def compare(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    old_files = {f["path"]: f for f in before["lint"]["files"]}
    new_files = {f["path"]: f for f in after["lint"]["files"]}
    for path in sorted(old_files.keys() | new_files.keys()):
        old, new = old_files.get(path), new_files.get(path)
        if old is None or new is None:
            problems.append(f"{path}: only in {'after' if old is None else 'before'}")
            continue
        for key in ("words", "readability", "garble_score", "suppressed"):
            if old[key] != new[key]:
                problems.append(f"{path}: {key} {old[key]} -> {new[key]}")
        olds = {json.dumps(f, sort_keys=True) for f in old["findings"]}
        news = {json.dumps(f, sort_keys=True) for f in new["findings"]}
        for f in sorted(olds - news):
            d = json.loads(f)
            problems.append(f"{path}: lost {d['rule_id']} {d['start']}-{d['end']} {d['text']!r}")
        for f in sorted(news - olds):
            d = json.loads(f)
            problems.append(f"{path}: new {d['rule_id']} {d['start']}-{d['end']} {d['text']!r}")
        if [f["start"] for f in old["findings"]] != [f["start"] for f in new["findings"]] and olds == news:
            problems.append(f"{path}: same findings in a different order")
    if before["diff"] != after["diff"]:
        problems.append("fix --diff output differs")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["save", "compare"])
    parser.add_argument("snapshot", type=Path)
    parser.add_argument("--jobs", type=int, default=None, help="pass --jobs N to cleaner (default: its own)")
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout whose cleaner runs (default: this one)")
    args = parser.parse_args()
    CODE[0] = args.code.resolve()
    if args.jobs is not None:
        JOBS.extend(["--jobs", str(args.jobs)])
    current = snapshot()
    if args.action == "save":
        args.snapshot.write_text(json.dumps(current, ensure_ascii=False), encoding="utf-8")
        n = sum(len(f["findings"]) for f in current["lint"]["files"])
        print(f"saved {len(current['lint']['files'])} files, {n} findings to {args.snapshot}")
        return 0
    problems = compare(json.loads(args.snapshot.read_text(encoding="utf-8")), current)
    for p in problems:
        print(p)
    n = sum(len(f["findings"]) for f in current["lint"]["files"])
    print(f"{len(problems)} differences over {len(current['lint']['files'])} files, {n} findings")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
