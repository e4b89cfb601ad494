"""Whole-command benchmark: cleaner against proselint and Vale, side by side. Prints Markdown tables.

    python scripts/bench_rules.py [--sizes 0.1,0.25,1,10] [--proselint PATH] [--vale PATH]
                                  [--article] [--languagetool] [--regex-costs N]

Every row is one whole command as a user runs it (a new process: start-up, rule
loading, checking, output), run under GNU ``/usr/bin/time`` so CPU time (user +
system) and peak RSS are that command's own.  Corpora: the sample article repeated
(garble-dense) and the clean dev news repeated, at each size.  Configurations:

- ``cleaner lint --no-languagetool`` (text output) with 100 rules (synthetic, no
  built-in set), the built-in set, and the built-in set + 10,000 synthetic rules;
  the rule cache is warmed first (a cold run is measured separately);
- proselint (its own virtualenv; its 1,000-error cap lifted so it reads everything);
- Vale v3.19.0 with one substitution style of 500 literal swaps.

``--article`` adds one 700-word article cold (empty rule cache) and warm, with and
without LanguageTool (warm: the shared server running).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_9274cd7fb5159084.txt"
CLEAN = Path("/work/shared/data/clean/clean_en_news.dev.docs.jsonl.gz")
sys.path.insert(0, str(REPO))  # this checkout's cleaner, for reading the rules (the timed commands get PYTHONPATH)


def make_corpus(path: Path, megabytes: float, clean_news: Path | None = None) -> int:
    """The sample article (or the clean news) repeated to the given size; returns its word count."""
    if clean_news is None:
        text = SEED.read_text("utf-8").strip() + "\n\n"
    else:
        with gzip.open(clean_news, "rt", encoding="utf-8") as fh:
            text = "\n".join(json.loads(line)["text"] for line in fh) + "\n"
    target = int(megabytes * 1024 * 1024)
    body = text * (target // len(text) + 1)
    body = body[:target].rsplit("\n", 1)[0] + "\n"
    path.write_text(body, encoding="utf-8")
    return len(body.split())


def make_synthetic_rules(folder: Path, n: int) -> None:
    """N distinct phrase rules over invented words (they compile and never fire on news)."""
    lines = ["domain: synthetic", "rules:"]
    for i in range(n):
        a, b = f"zq{i:05d}x", f"wv{i:05d}y"
        lines.append(
            textwrap.dedent(
                f"""\
                  - id: SYN_{i:05d}
                    match: "{a} {{{b}|{b}s}}"
                    replace: "{b}"
                    message: "synthetic"
                    category: style
                    severity: info
                    confidence: 0.5
                    examples:
                      - bad: "The {a} {b} here."
                        good: "The {b} here."
                """
            ).rstrip()
        )
    (folder / "synthetic.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class Run:
    """One whole command: wall and CPU seconds, peak RSS, findings reported."""

    wall: float
    cpu: float
    rss_mib: float
    findings: int


def measure(cmd: list[str], count: Callable[[str], int], env: dict[str, str] | None = None) -> Run:
    """Run ``cmd`` once under GNU time: its own CPU time and peak RSS (``wait4`` in a small parent,
    so the forked copy of this big Python process never counts towards the command's memory)."""
    with tempfile.TemporaryDirectory() as tmp:
        usage = Path(tmp) / "usage"
        out = Path(tmp) / "out"
        with out.open("w", encoding="utf-8") as fh:
            t0 = time.perf_counter()
            done = subprocess.run(
                ["/usr/bin/time", "-f", "%U %S %M", "-o", str(usage), *cmd],
                stdout=fh,
                stderr=subprocess.DEVNULL,
                env=env,
            )
            wall = time.perf_counter() - t0
        if done.returncode not in (0, 1) and not (done.returncode == 2 and "vale" in cmd[0]):
            raise SystemExit(f"{' '.join(cmd)} failed with {done.returncode}")
        user, system, rss_kb = usage.read_text().split()[-3:]
        found = count(out.read_text(encoding="utf-8"))
    return Run(wall, float(user) + float(system), int(rss_kb) / 1024, found)


def count_cleaner(text: str) -> int:
    """Findings from the last line of the text output: ``N findings (...) in M files``."""
    last = text.strip().splitlines()[-1] if text.strip() else "0"
    return int(last.split()[0].replace(",", ""))


def count_proselint(text: str) -> int:
    files = json.loads(text).get("result", {}) if text.strip() else {}
    return sum(len(v.get("diagnostics", [])) for v in files.values())


def count_vale(text: str) -> int:
    return sum(len(alerts) for alerts in json.loads(text).values()) if text.strip() else 0


def vale_config(folder: Path, swaps: int) -> Path:
    """A .vale.ini and one substitution style of ``swaps`` literal swaps (taken from the phrase rules)."""
    from cleaner.checks.rules.loader import load_rules
    from cleaner.paths import builtin_rules_dir

    pairs: dict[str, str] = {}
    for rule in load_rules([builtin_rules_dir()]).rules:
        if rule.pattern is None or not rule.replacements:
            continue
        words = rule.pattern.expand()
        for seq, _ in words:
            phrase = " ".join(seq)
            if phrase.replace(" ", "").isalpha() and phrase not in pairs:
                pairs[phrase] = rule.replacements[0].replace("{", "").replace("}", "")
                break
        if len(pairs) >= swaps:
            break
    i = 0
    while len(pairs) < swaps:  # top up with invented words
        pairs[f"zq{i:05d}x"] = f"wv{i:05d}y"
        i += 1
    style = folder / "styles" / "Swaps"
    style.mkdir(parents=True)
    lines = [
        "extends: substitution",
        "message: \"Use '%s' instead of '%s'.\"",
        "level: warning",
        "ignorecase: true",
        "swap:",
    ]
    lines += [f"  {json.dumps(a)}: {json.dumps(b)}" for a, b in pairs.items()]
    (style / "Swaps.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ini = folder / ".vale.ini"
    ini.write_text(f"StylesPath = {folder / 'styles'}\nMinAlertLevel = suggestion\n[*]\nBasedOnStyles = Swaps\n")
    return ini


def proselint_config(proselint: Path, folder: Path) -> Path:
    """proselint's default configuration with its 1,000-error cap lifted, so it reads the whole file."""
    dumped = subprocess.run([str(proselint), "dump-config"], capture_output=True, text=True, check=True)
    config = json.loads(dumped.stdout)
    config["max_errors"] = 10**9
    path = folder / "proselint.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    return path


def cleaner_cmd(corpus: Path, rules: list[str], *extra: str) -> list[str]:
    """cleaner's rule engines alone: the fluency model, on by default, is not what proselint and Vale do."""
    return [sys.executable, "-m", "cleaner", "lint", "--jobs", "1", "--fluency", "off", *rules, *extra, str(corpus)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="0.1,0.25,1,10", help="corpus sizes in MB, comma-separated")
    ap.add_argument("--big-configs", action="store_true", help="also run 100 and +10,000 rules at the largest size")
    ap.add_argument("--synthetic", type=int, default=10_000)
    ap.add_argument("--proselint", type=Path, default=Path("/work/wt/speed-venvs/proselint/bin/proselint"))
    ap.add_argument("--vale", type=Path, default=Path("/work/wt/speed-venvs/bin/vale"))
    ap.add_argument("--swaps", type=int, default=500)
    ap.add_argument("--corpora", default="garble,clean")
    ap.add_argument("--article", action="store_true", help="one 700-word article: cold, warm, with LanguageTool")
    ap.add_argument("--regex-costs", type=int, default=0, metavar="N", help="also list the N slowest regex rules")
    args = ap.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        syn100, synbig = tmp / "syn100", tmp / "synbig"
        syn100.mkdir()
        synbig.mkdir()
        make_synthetic_rules(syn100, 100)
        make_synthetic_rules(synbig, args.synthetic)
        configs = {
            "100 rules": ["--no-builtin-rules", "--rules", str(syn100)],
            "built-in": [],
            f"built-in + {args.synthetic:,}": ["--rules", str(synbig)],
        }
        warm = tmp / "warm.txt"
        warm.write_text("Warm-up.\n", encoding="utf-8")
        for rules in configs.values():  # compile and cache each rule set once, outside the timings
            measure(cleaner_cmd(warm, rules, "--no-languagetool"), count_cleaner, env)
        tools: dict[str, tuple[list[str], Callable[[str], int]]] = {}
        if args.proselint.exists():
            cfg = proselint_config(args.proselint, tmp)
            tools["proselint (default checks)"] = (
                [str(args.proselint), "check", "--config", str(cfg), "-o", "json"],
                count_proselint,
            )
        if args.vale.exists():
            ini = vale_config(tmp / "vale", args.swaps)
            tools[f"Vale 3.19 ({args.swaps} swaps)"] = (
                [str(args.vale), "--config", str(ini), "--output", "JSON"],
                count_vale,
            )
        for corpus_name in args.corpora.split(","):
            print(
                f"\n### {'garble-dense (the sample article repeated)' if corpus_name == 'garble' else 'clean news'}\n"
            )
            print("| MB | words | command | rules | CPU s | wall s | words / CPU s | peak RSS MiB | findings |")
            print("|---:|---:|---|---|---:|---:|---:|---:|---:|")
            cpu_builtin: dict[float, float] = {}
            for mb in sizes:
                corpus = tmp / f"{corpus_name}-{mb:g}.txt"
                words = make_corpus(corpus, mb, CLEAN if corpus_name == "clean" else None)
                for label, rules in configs.items():
                    if mb == max(sizes) and label != "built-in" and not args.big_configs and len(sizes) > 1:
                        continue
                    r = measure(cleaner_cmd(corpus, rules, "--no-languagetool"), count_cleaner, env)
                    if label == "built-in":
                        cpu_builtin[mb] = r.cpu
                    print(
                        f"| {mb:g} | {words:,} | cleaner lint --no-languagetool --fluency off | {label} "
                        f"| {r.cpu:.2f} | {r.wall:.2f} "
                        f"| {words / r.cpu:,.0f} | {r.rss_mib:.0f} | {r.findings:,} |",
                        flush=True,
                    )
                for label, (cmd, count) in tools.items():
                    r = measure([*cmd, str(corpus)], count)
                    print(
                        f"| {mb:g} | {words:,} | {label} | | {r.cpu:.2f} | {r.wall:.2f} | {words / r.cpu:,.0f} "
                        f"| {r.rss_mib:.0f} | {r.findings:,} |",
                        flush=True,
                    )
            ratios = [
                f"{b:g}→{a:g} MB: {cpu_builtin[a] / cpu_builtin[b]:.2f}× CPU for {a / b:g}× text"
                for b, a in itertools.pairwise(sizes)
                if a in cpu_builtin and b in cpu_builtin
            ]
            print("\nscaling (built-in rules): " + "; ".join(ratios))
        if args.article:
            article_rows(tmp, env)
    if args.regex_costs:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus.txt"
            make_corpus(corpus, 1.0)
            regex_costs(corpus, args.regex_costs)


def article_rows(tmp: Path, env: dict[str, str]) -> None:
    """One ~700-word article (the sample plus a clean news story), cold and warm, with and without LanguageTool."""
    with gzip.open(CLEAN, "rt", encoding="utf-8") as fh:
        extra = json.loads(fh.readline())["text"]
    article = tmp / "article.txt"
    text = SEED.read_text("utf-8").strip() + "\n\n" + extra
    article.write_text(text, encoding="utf-8")
    words = len(text.split())
    cold_cache = tmp / "cold-cache"
    rows = []
    cold_env = dict(env, XDG_CACHE_HOME=str(cold_cache))
    rows.append(
        (
            "cold (empty rule cache), rules only",
            measure(cleaner_cmd(article, [], "--no-languagetool"), count_cleaner, cold_env),
        )
    )
    for n in range(3):
        rows.append(
            (
                f"warm, rules only (run {n + 1})",
                measure(cleaner_cmd(article, [], "--no-languagetool"), count_cleaner, env),
            )
        )
    for n in range(3):
        rows.append(
            (
                f"warm, with LanguageTool (server up; run {n + 1})",
                measure(cleaner_cmd(article, [], "--require-languagetool"), count_cleaner, env),
            )
        )
    print(f"\n### One article ({words} words)\n")
    print("| run | wall s | CPU s (Python side) | peak RSS MiB | findings |")
    print("|---|---:|---:|---:|---:|")
    for label, r in rows:
        print(f"| {label} | {r.wall:.2f} | {r.cpu:.2f} | {r.rss_mib:.0f} | {r.findings} |")


def regex_costs(corpus: Path, top: int) -> None:
    """The slowest regex rules on the corpus: where rule-engine time goes."""
    from cleaner.checks.rules.compiler import compile_rules
    from cleaner.checks.rules.loader import load_rules
    from cleaner.document import Document
    from cleaner.paths import builtin_rules_dir

    compiled = compile_rules(load_rules([builtin_rules_dir()]))
    doc = Document.from_text(corpus.read_text("utf-8"))
    costs = []
    for i in compiled.regex_rules:
        rule = compiled.rules[i]
        assert rule.regex is not None
        rule.regex.compiled  # noqa: B018 - compile outside the timing
        t0 = time.perf_counter()
        hits = sum(1 for p in doc.paragraphs for _ in rule.regex.finditer(doc.check_text, p.start, p.end))
        costs.append((time.perf_counter() - t0, rule.id, hits))
    total = sum(c for c, _, _ in costs)
    print(f"\n{len(costs)} regex rules take {total:.2f} s in all (no prefilter); the slowest:\n")
    print("| regex rule | s | matches |")
    print("|---|---:|---:|")
    for cost, rid, hits in sorted(costs, reverse=True)[:top]:
        print(f"| {rid} | {cost:.3f} | {hits} |")


if __name__ == "__main__":
    main()
