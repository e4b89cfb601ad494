"""Benchmark the LanguageTool half: cold start, warm lint, words/s, cache speed-up, server memory.

Runs against a server of its own (a temporary cache folder; the installed jars
are reused), so it neither disturbs nor benefits from a server you have running.
Prints Markdown tables for docs/benchmarks.md.  Usage:

    python scripts/bench_languagetool.py [--data ../shared/data] [--seed seeds/000_9274cd7fb5159084.txt]
                                         [--runs 5] [--no-cli] [--rule-counts]

``--rule-counts`` also prints which LanguageTool rules fire on the clean news,
with all of LanguageTool's default rules and with cleaner's curated selection;
``--mt-precision`` prints, per rule, how often its flags on the quick MQM slice
of Chinese→English MT (37 documents × 8 systems) overlap an annotated error.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cleaner.checks.languagetool.client import LTClient
    from cleaner.checks.languagetool.install import Installation
    from cleaner.checks.languagetool.settings import LanguageToolSettings
    from cleaner.document.document import Document

ROOT = Path(__file__).resolve().parents[1]
COMMANDLINE_POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>cleaner</groupId><artifactId>bench-commandline</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.languagetool</groupId><artifactId>languagetool-commandline</artifactId>
      <version>{version}</version>
      <exclusions><exclusion><groupId>*</groupId><artifactId>*</artifactId></exclusion></exclusions></dependency>
    <dependency><groupId>commons-io</groupId><artifactId>commons-io</artifactId><version>2.17.0</version></dependency>
  </dependencies>
</project>
"""


def all_rules(settings: LanguageToolSettings) -> LanguageToolSettings:
    """LanguageTool's own defaults: nothing switched off, no filters of ours."""
    return replace(
        settings,
        disabled_rules=frozenset(),
        disabled_categories=frozenset(),
        skip_names_in_spelling=False,
        skip_british_spelling=False,
    )


def load_clean_news(data: Path) -> list[str]:
    path = data / "clean" / "clean_en_news.dev.docs.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh]


def words(text: str) -> int:
    return len(text.split())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--seed", type=Path, default=ROOT / "seeds" / "000_9274cd7fb5159084.txt")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-cli", action="store_true", help="skip LanguageTool's command-line tool")
    parser.add_argument("--rule-counts", action="store_true")
    parser.add_argument("--mt-precision", action="store_true")
    args = parser.parse_args()

    from cleaner.checks.languagetool.settings import HOME_ENV, LanguageToolSettings
    from cleaner.paths import CACHE_ENV

    os.environ[HOME_ENV] = str(LanguageToolSettings().install_root())  # reuse the installed jars
    scratch = Path(tempfile.mkdtemp(prefix="cleaner-lt-bench-"))
    os.environ[CACHE_ENV] = str(scratch / "cache")
    try:
        return run(args, scratch)
    finally:
        from cleaner.checks.languagetool.server import stop_server

        stop_server(LanguageToolSettings())
        shutil.rmtree(scratch, ignore_errors=True)


def run(args: argparse.Namespace, scratch: Path) -> int:
    from cleaner.checks.languagetool import LanguageToolChecker, LanguageToolSettings, open_cache
    from cleaner.checks.languagetool.client import LTClient
    from cleaner.checks.languagetool.install import install
    from cleaner.checks.languagetool.server import server_status
    from cleaner.document.document import Document

    settings = LanguageToolSettings()
    installation = install(settings)
    rows: list[tuple[str, str]] = []
    load = os.getloadavg()
    print(
        f"LanguageTool {installation.version}, {os.cpu_count()} CPUs, load average {load[0]:.1f} at start", flush=True
    )

    # 1. Cold start: installed, no server running, to the first result.
    started = time.perf_counter()
    client = LTClient(settings, installation)
    first = LanguageToolChecker(client, settings).check(Document.from_text("The negotiations has stalled."))
    cold = time.perf_counter() - started
    assert [f.rule_id for f in first] == ["AGREEMENT_SENT_START"], first
    rows.append(("Cold start to first result (server not running)", f"{cold:.1f} s"))

    # 2. Warm lint of the sample article (uncached), in-process and as a fresh process.
    seed = Document.from_text(args.seed.read_text(encoding="utf-8"))
    checker = LanguageToolChecker(client, settings)
    for _ in range(3):
        checker.check(seed)  # let the JIT warm up
    times = []
    for _ in range(args.runs):
        t = time.perf_counter()
        checker.check(seed)
        times.append(time.perf_counter() - t)
    rows.append(
        (
            f"Warm lint of {args.seed.name} ({seed.word_count} words, {len(seed.paragraphs)} paragraphs), in-process",
            f"{statistics.median(times):.2f} s (median of {args.runs})",
        )
    )
    code = (
        "import sys\nfrom cleaner.document.document import Document\n"
        "from cleaner.checks.languagetool import open_checker, "
        "LanguageToolSettings\nwith open_checker(LanguageToolSettings(), use_cache=False) as c:\n"
        "    c.check(Document.from_text(open(sys.argv[1], encoding='utf-8').read()))\n"
    )
    fresh = []
    for _ in range(args.runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", code, str(args.seed)], check=True)
        fresh.append(time.perf_counter() - t)
    rows.append(
        ("Same, as a new Python process (start-up, imports, connect, check)", f"{statistics.median(fresh):.2f} s")
    )

    # 2b. The real command, end to end (rules + LanguageTool), warm server: first uncached, then cached.
    lint = [sys.executable, "-m", "cleaner", "lint", "--format", "json"]
    subprocess.run([*lint, "--no-languagetool", str(args.seed)], capture_output=True, check=False)  # compile rules
    t = time.perf_counter()
    subprocess.run([*lint, "--no-languagetool", str(args.seed)], capture_output=True, check=False)
    rows.append(
        (
            f"`cleaner lint --no-languagetool {args.seed.name}` (rules only, for reference)",
            f"{time.perf_counter() - t:.2f} s",
        )
    )
    for label in ("uncached: every paragraph checked by the warm server", "again: every paragraph from the cache"):
        t = time.perf_counter()
        done = subprocess.run([*lint, "--require-languagetool", str(args.seed)], capture_output=True, check=False)
        elapsed = time.perf_counter() - t
        if done.returncode not in (0, 1):
            print(done.stderr.decode(errors="replace")[-2000:])
            raise SystemExit("cleaner lint failed")
        rows.append((f"`cleaner lint --require-languagetool {args.seed.name}`, {label}", f"{elapsed:.2f} s"))

    # 3. Words per second on the clean news, server warm, no cache.
    texts = load_clean_news(args.data)
    docs = [Document.from_text(t) for t in texts]
    total_words = sum(words(t) for t in texts)
    for d in docs:  # one full untimed pass: the JIT needs more than one article to settle
        checker.check(d)
    t = time.perf_counter()
    server_findings = sum(len(checker.check(d)) for d in docs)
    server_time = time.perf_counter() - t
    rows.append(
        (
            f"Clean news, {len(docs)} articles, {total_words:,} words: server warm, one request per paragraph",
            f"{total_words / server_time:,.0f} words/s ({server_time:.1f} s)",
        )
    )

    # 4. The same text through LanguageTool's command-line tool.
    if not args.no_cli:
        cli = commandline(installation, settings, texts, scratch)
        if cli is not None:
            wall, internal = cli
            rows.append(
                (
                    "Same text, `org.languagetool.commandline.Main` (new JVM, same rule selection), wall",
                    f"{total_words / wall:,.0f} words/s ({wall:.1f} s)",
                )
            )
            if internal:
                rows.append(("  of which checking, as the tool reports it", f"{total_words / internal:,.0f} words/s"))

    # 5. Cached re-lint.
    cache = open_cache(settings.state_dir(), settings.cache_max_mb)
    cached_checker = LanguageToolChecker(client, settings, cache)
    t = time.perf_counter()
    for d in docs:
        cached_checker.check(d)
    filling = time.perf_counter() - t
    requests_before = client.requests
    t = time.perf_counter()
    for d in docs:
        cached_checker.check(d)
    relint = time.perf_counter() - t
    assert client.requests == requests_before
    rows.append(
        (
            "Re-lint of the clean news from the cache (no request)",
            f"{relint * 1000:.0f} ms vs {filling:.1f} s uncached: {filling / relint:,.0f}× faster",
        )
    )
    seed_cached = []
    for _ in range(args.runs):
        t = time.perf_counter()
        cached_checker.check(seed)
        seed_cached.append(time.perf_counter() - t)
    rows.append(
        (
            f"Re-lint of {args.seed.name} from the cache",
            f"{statistics.median(seed_cached) * 1000:.1f} ms: "
            f"{statistics.median(times) / statistics.median(seed_cached):,.0f}× faster",
        )
    )

    # 6. Memory.
    status = server_status(settings)
    if status is not None:
        rows.append(("Server RSS after the runs (-Xmx1g)", f"{status.rss_bytes / 2**20:,.0f} MB"))
    rows.append(("Load average at the end (1 min)", f"{os.getloadavg()[0]:.1f}"))

    print("\n| measure | result |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    print(f"\nFindings on the clean news with the curated selection: {server_findings}")

    if args.rule_counts:
        rule_counts(client, settings, docs, total_words)
    if args.mt_precision:
        mt_precision(client, settings, args.data)
    return 0


def commandline(
    installation: Installation, settings: LanguageToolSettings, texts: list[str], scratch: Path
) -> tuple[float, float] | None:
    """Wall time and LanguageTool's own checking time for the command-line tool on the same text."""
    from cleaner.checks.languagetool.install import copy_dependencies_command

    mvn = shutil.which("mvn")
    java = shutil.which("java")
    if mvn is None or java is None or installation.kind != "maven":
        print("(skipping the command-line comparison: needs Maven and a Maven installation)")
        return None
    work = scratch / "commandline"
    work.mkdir()
    (work / "pom.xml").write_text(COMMANDLINE_POM.format(version=installation.version), encoding="utf-8")
    subprocess.run(copy_dependencies_command(mvn, work / "pom.xml", work / "lib"), check=True)
    text_file = work / "clean-news.txt"
    # One paragraph per line of the corpus, as the server sees them.
    text_file.write_text("\n\n".join(line for t in texts for line in t.split("\n") if line.strip()), encoding="utf-8")
    classpath = os.pathsep.join([*installation.classpath, str(work / "lib" / "*")])
    cmd = [
        java,
        f"-Xmx{settings.max_heap}",
        "-cp",
        classpath,
        "org.languagetool.commandline.Main",
        "-l",
        settings.language,
        "-d",
        ",".join(settings.server_disabled_rules()),
        "--disablecategories",
        ",".join(settings.server_disabled_categories()),
        str(text_file),
    ]
    t = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t
    m = re.search(r"Time: (\d+)ms for (\d+) sentences", out.stdout + out.stderr)
    return wall, (int(m.group(1)) / 1000 if m else 0.0)


def rule_counts(client: LTClient, settings: LanguageToolSettings, docs: list[Document], total_words: int) -> None:
    """Per-rule counts on the clean news: LanguageTool's defaults versus the curated selection."""
    from cleaner.checks.languagetool import LanguageToolChecker, LTClient

    everything = all_rules(settings)
    all_client = LTClient(everything, client.installation)
    counts: dict[str, Counter[str]] = {"default": Counter(), "curated": Counter()}
    for d in docs:
        for f in LanguageToolChecker(all_client, everything).check(d):
            counts["default"][f.rule_id] += 1
        for f in LanguageToolChecker(client, settings).check(d):
            counts["curated"][f.rule_id] += 1
    print("\n| rule | LanguageTool defaults | curated |\n|---|---|---|")
    for rule, n in counts["default"].most_common():
        print(f"| {rule} | {n} | {counts['curated'][rule]} |")
    for name, c in counts.items():
        total = sum(c.values())
        print(f"\n{name}: {total} flags, {1000 * total / total_words:.1f} per 1,000 words")


TARGET_TOPS = {"Accuracy", "Fluency", "Terminology", "Style"}
NOT_TARGET = {"Fluency/Punctuation", "Accuracy/Omission", "Accuracy/Addition", "Accuracy/Source language fragment"}


def mt_precision(client: LTClient, settings: LanguageToolSettings, data: Path) -> None:
    """Per rule (all default rules on): flags on MT and the share hitting an annotation / a target error."""
    import hashlib

    from cleaner.checks.languagetool import LanguageToolChecker, LTClient
    from cleaner.document.document import Document

    everything = all_rules(settings)
    checker = LanguageToolChecker(LTClient(everything, client.installation), everything)
    curated = LanguageToolChecker(client, settings)
    fires: Counter[str] = Counter()
    lenient: Counter[str] = Counter()
    strict: Counter[str] = Counter()
    kept: Counter[str] = Counter()
    kept_strict: Counter[str] = Counter()
    with gzip.open(data / "mqm" / "newstest2020_zhen.docs.jsonl.gz", "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    for rec in records:
        if rec["is_human"] or int(hashlib.sha1(rec["doc"].encode()).hexdigest(), 16) % 5 != 0:
            continue
        doc = Document.from_text(rec["mt"], rec["id"])
        annotated = [
            (e["start"], e["end"])
            for e in rec["errors"]
            if e["start"] is not None and e["severity"] in ("Major", "Minor")
        ]
        target = [
            (sp["start"], sp["end"])
            for sp in rec["spans"]
            if sp["severity"] in ("Major", "Minor")
            and any(c.split("/")[0] in TARGET_TOPS and c not in NOT_TARGET for c in sp["categories"])
        ]
        for f in checker.check(doc):
            fires[f.rule_id] += 1
            lenient[f.rule_id] += any(f.start < e and s < f.end for s, e in annotated)
            strict[f.rule_id] += any(f.start < e and s < f.end for s, e in target)
        for f in curated.check(doc):
            kept[f.rule_id] += 1
            kept_strict[f.rule_id] += any(f.start < e and s < f.end for s, e in target)
    print("\n| rule | flags on MT | hit an annotation | hit a target error | kept (curated) | kept, on target |")
    print("|---|---|---|---|---|---|")
    for rule, n in fires.most_common():
        k = kept[rule]
        on_target = f"{kept_strict[rule] / k:.0%}" if k else "-"
        print(f"| {rule} | {n} | {lenient[rule] / n:.0%} | {strict[rule] / n:.0%} | {k} | {on_target} |")
    total, total_kept = sum(fires.values()), sum(kept.values())
    print(
        f"\nall default rules: {total} flags, {sum(strict.values()) / total:.0%} on target errors; "
        f"curated: {total_kept} flags, {sum(kept_strict.values()) / max(total_kept, 1):.0%} on target errors"
    )


if __name__ == "__main__":
    sys.exit(main())
