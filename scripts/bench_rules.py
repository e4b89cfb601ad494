"""Rules-only throughput benchmark (issue: rule engine). Prints a Markdown table.

    python scripts/bench_rules.py [--mb 1] [--synthetic 10000] [--no-proselint]

Rows: the real built-in rule set; the same set inflated with N synthetic rules (the
automaton's cost must not grow with the rule count); proselint on the same file.
Each configuration runs in its own process so peak memory (ru_maxrss) is its own.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_9274cd7fb5159084.txt"


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


def run_cleaner(corpus: Path, extra: Path | None) -> dict[str, float]:
    """Compile (timed separately) and check the corpus once in this process."""
    from cleaner.checks.rules.compiler import compile_rules
    from cleaner.checks.rules.loader import load_rules
    from cleaner.checks.rules.matcher import RuleChecker
    from cleaner.document.document import Document
    from cleaner.paths import builtin_rules_dir

    t0 = time.perf_counter()
    compiled = compile_rules(load_rules([builtin_rules_dir()] + ([extra] if extra else [])))
    compile_s = time.perf_counter() - t0
    checker = RuleChecker(compiled)
    text = corpus.read_text("utf-8")
    best = float("inf")
    findings = 0
    for _ in range(3):
        t0 = time.perf_counter()
        findings = len(list(checker.check(Document.from_text(text))))
        best = min(best, time.perf_counter() - t0)
    return {"rules": compiled.size, "compile_s": compile_s, "check_s": best, "findings": findings}


def regex_costs(corpus: Path, top: int) -> None:
    """The slowest regex rules on the corpus: where rule-engine time goes."""
    from cleaner.checks.rules.compiler import compile_rules
    from cleaner.checks.rules.loader import load_rules
    from cleaner.document.document import Document
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


def child(args: argparse.Namespace) -> None:
    result = run_cleaner(Path(args.corpus), Path(args.extra) if args.extra else None)
    result["rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--synthetic", type=int, default=10_000)
    ap.add_argument("--no-proselint", action="store_true")
    ap.add_argument(
        "--clean-news", type=Path, default=None, metavar="JSONL_GZ", help="repeat this clean news corpus instead"
    )
    ap.add_argument("--regex-costs", type=int, default=0, metavar="N", help="also list the N slowest regex rules")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--corpus", help=argparse.SUPPRESS)
    ap.add_argument("--extra", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args)
        return
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.txt"
        words = make_corpus(corpus, args.mb, args.clean_news)
        synth = Path(tmp) / "synthetic"
        synth.mkdir()
        make_synthetic_rules(synth, args.synthetic)
        rows = []
        for label, extra in (
            ("cleaner rules (built-in set)", None),
            (f"cleaner + {args.synthetic:,} synthetic rules", synth),
        ):
            cmd = [sys.executable, __file__, "--child", "--corpus", str(corpus)] + (
                ["--extra", str(extra)] if extra else []
            )
            r = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
            rows.append(
                (
                    label,
                    int(r["rules"]),
                    r["compile_s"],
                    r["check_s"],
                    words / r["check_s"],
                    r["rss_mib"],
                    int(r["findings"]),
                )
            )
        if not args.no_proselint:
            # proselint stops after max_errors (1,000 by default): lift the cap so it reads the whole file.
            dumped = subprocess.run(
                [sys.executable, "-m", "proselint", "dump-config"], capture_output=True, text=True, check=True
            )
            config = json.loads(dumped.stdout)
            config["max_errors"] = 10**9
            config_path = Path(tmp) / "proselint.json"
            config_path.write_text(json.dumps(config), encoding="utf-8")
            t0 = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, "-m", "proselint", "check", "--config", str(config_path), "-o", "json", str(corpus)],
                capture_output=True,
                text=True,
            )
            elapsed = time.perf_counter() - t0
            rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            try:
                files = json.loads(proc.stdout).get("result", {}) if proc.stdout else {}
                n = sum(len(v.get("diagnostics", [])) for v in files.values())
            except (json.JSONDecodeError, AttributeError):
                n = -1
            rows.append(("proselint 0.16 (default checks, no error cap)", 0, 0.0, elapsed, words / elapsed, rss, n))
    source = "clean news" if args.clean_news else "sample article"
    print(f"corpus: {source} repeated to {args.mb:g} MB = {words:,} words\n")
    print("| configuration | rules | compile s | check s | words/s | peak RSS MiB | findings |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, n, comp, check, wps, rss, found in rows:
        print(f"| {label} | {n:,} | {comp:.2f} | {check:.2f} | {wps:,.0f} | {rss:.0f} | {found:,} |")
    base, synth_row = rows[0], rows[1]
    print(f"\nsynthetic / real check time: {synth_row[3] / base[3]:.2f}x")
    if len(rows) > 2:
        print(f"cleaner / proselint words/s: {base[4] / rows[2][4]:.1f}x")
    if args.regex_costs:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus.txt"
            make_corpus(corpus, args.mb)
            regex_costs(corpus, args.regex_costs)


if __name__ == "__main__":
    main()
