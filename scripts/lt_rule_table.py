"""What each LanguageTool rule costs on clean news and finds in garble: the table behind the LT selection.

LanguageTool 6.8 runs with ALL its default rules and none of cleaner's
filters over
  - clean original-English news (every match a false alarm),
  - round-trip TUNING pairs: the garbled side (a match is a hit when it
    overlaps a gold span, README definition) and the originals (false alarms),
  - optionally MQM-annotated Chinese→English MT (a hit overlaps any Major or
    Minor annotation, the lenient precision),
and every match is written with what the spelling filters need to know about
the flagged word (capitalised, sentence-initial, capitalised elsewhere in the
document mid-sentence, a known name, British form of a suggestion, ...).

Then it prints, as Markdown, the per-rule table (clean fires, tuning-original
fires, garbled fires and hits, MQM fires and hits) and the spelling-filter
table, and writes the per-rule CSV.  Usage (docs/evaluation.md):

    python scripts/lt_rule_table.py --clean ../shared/data/clean/clean_en_news.dev.docs.jsonl.gz \
        --pairs /work/wt/data/tune_pairs.jsonl.gz --mqm ../shared/data/mqm/newstest2020_zhen.docs.jsonl.gz \
        --matches /tmp/lt-matches.jsonl --csv docs/languagetool-rules.csv > docs/languagetool-rules.md

``--matches`` also reads back a previous run's file (``--from-matches``) so
filters can be compared without asking LanguageTool again.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cleaner.document import Document
from cleaner.document.spans import Span
from cleaner.evaluation.corpus import load_clean, load_mqm
from cleaner.evaluation.metrics import hits as span_hits
from cleaner.evaluation.roundtrip import load_pairs
from cleaner.findings import Finding

SPELLING = "MORFOLOGIK_RULE_EN_US"


@dataclass
class Unit:
    """One text to check, and how to tell a hit (None: every match is a false alarm)."""

    source: str
    id: str
    text: str
    hit: Callable[[Span], bool] | None


def units(args: argparse.Namespace) -> Iterator[Unit]:
    if args.clean:
        for d in load_clean(Path(args.clean)):
            yield Unit("clean", d.id, d.text, None)
    if args.pairs:
        seen: set[str] = set()
        for p in load_pairs(Path(args.pairs)):
            gold = p.gold
            yield Unit("tune", p.id, p.garbled, lambda s, gold=gold: any(g.hit_by(s) for g in gold))
            if p.original not in seen:
                seen.add(p.original)
                yield Unit("tune-original", p.id, p.original, None)
    if args.mqm:
        for a in load_mqm(Path(args.mqm), quick=not args.mqm_all):
            annotated = [
                Span(o.start + g.start, o.start + g.end)
                for o, s in zip(a.offsets, a.segments, strict=True)
                for g in s.annotated
            ]
            yield Unit("mqm", a.id, a.mt, lambda s, gold=annotated: any(span_hits(s, g) for g in gold))


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def features(doc: Document, f: Finding) -> dict[str, Any]:
    """What a spelling filter may look at: the word, its case and place, and the rest of the document."""
    word = f.text
    sentence = doc.sentence_at(f.span.start)
    initial = not any(c.isalnum() for c in doc.text[sentence.start : f.span.start])
    low = word.lower()
    mid_caps = 0
    lower_uses = 0
    for m in _WORD.finditer(doc.text):
        if m.group().lower() != low or m.start() == f.span.start:
            continue
        s = doc.sentence_at(m.start())
        if m.group()[:1].isupper() and any(c.isalnum() for c in doc.text[s.start : m.start()]):
            mid_caps += 1
        elif m.group()[:1].islower():
            lower_uses += 1
    return {
        "capitalised": word[:1].isupper(),
        "all_caps": word.isupper() and len(word) > 1,
        "sentence_initial": initial,
        "capitalised_elsewhere_mid_sentence": mid_caps,
        "other_lower_uses": lower_uses,
        "non_ascii": any(ord(c) > 127 for c in word),
        "has_digit": any(c.isdigit() for c in word),
        "hyphen_or_apostrophe": any(c in "-'’" for c in word),
    }


def check_all(args: argparse.Namespace) -> list[dict[str, Any]]:
    from dataclasses import replace

    from cleaner.checks.languagetool import open_checker
    from cleaner.checks.languagetool.mapping import to_finding
    from cleaner.checks.languagetool.selection import is_british_spelling
    from cleaner.checks.languagetool.settings import LanguageToolSettings
    from cleaner.checks.names import NameConsistencyChecker

    names = NameConsistencyChecker()
    settings = replace(
        LanguageToolSettings(),
        disabled_rules=frozenset(),
        disabled_categories=frozenset(),
        skip_names_in_spelling=False,
        skip_british_spelling=False,
        grade_spelling=False,
    )
    rows: list[dict[str, Any]] = []
    all_units = list(units(args))
    with open_checker(settings) as checker:
        for n, u in enumerate(all_units, 1):
            if n % 50 == 0:
                print(f"{n}/{len(all_units)} texts", file=sys.stderr)
            doc = Document.from_text(u.text, f"{u.id}.txt")
            # One request per text (cleaner sends one per paragraph): the same matches for
            # sentence-level rules, and ten times fewer round trips on a loaded machine.
            (matches,) = checker.matches([u.text])
            for f in (to_finding(m, 0, u.text) for m in matches):
                row: dict[str, Any] = {
                    "source": u.source,
                    "id": u.id,
                    "rule": f.rule_id,
                    "category": f.category,
                    "start": f.span.start,
                    "end": f.span.end,
                    "text": f.text,
                    "replacements": list(f.replacements[:3]),
                    "hit": None if u.hit is None else u.hit(f.span),
                }
                if f.rule_id == SPELLING:
                    row.update(features(doc, f))
                    row["known_name"] = f.text.casefold() in names.known
                    row["british"] = is_british_spelling(f.text, f.replacements)
                rows.append(row)
            rows.append({"source": u.source, "id": u.id, "rule": None, "words": len(u.text.split())})
    return rows


def words_by_source(rows: Sequence[dict[str, Any]]) -> Counter[str]:
    return Counter({s: sum(r["words"] for r in rows if r["rule"] is None and r["source"] == s) for s in SOURCES})


SOURCES = ("clean", "tune-original", "tune", "mqm")


def rule_table(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    table: dict[str, dict[str, Any]] = defaultdict(lambda: dict.fromkeys(SOURCES, 0) | {"tune_hits": 0, "mqm_hits": 0})
    for r in rows:
        if r["rule"] is None:
            continue
        t = table[r["rule"]]
        t["category"] = r["category"]
        t[r["source"]] += 1
        if r["source"] in ("tune", "mqm") and r["hit"]:
            t[f"{r['source']}_hits"] += 1
    out = []
    for rule, t in table.items():
        false_alarms = t["clean"] + t["tune-original"]
        garble_hits = t["tune_hits"] + t["mqm_hits"]
        out.append({"rule": rule, **t, "false_alarms": false_alarms, "garble_hits": garble_hits})
    return sorted(out, key=lambda t: (-(t["false_alarms"] + t["tune"] + t["mqm"]), t["rule"]))


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f}" if b else "–"


def print_rule_table(table: Sequence[dict[str, Any]], words: Counter[str]) -> None:
    print(
        f"Words: clean {words['clean']:,}, tuning originals {words['tune-original']:,}, "
        f"tuning garbled {words['tune']:,}, MQM {words['mqm']:,}.\n"
    )
    print(
        "| rule | category | clean fires | tuning-original fires "
        "| tuning garbled fires / hits (P %) | MQM fires / hits (P %) |"
    )
    print("|---|---|---:|---:|---:|---:|")
    for t in table:
        print(
            f"| `{t['rule']}` | {t['category']} | {t['clean']} | {t['tune-original']} | "
            f"{t['tune']} / {t['tune_hits']} ({pct(t['tune_hits'], t['tune'])}) | "
            f"{t['mqm']} / {t['mqm_hits']} ({pct(t['mqm_hits'], t['mqm'])}) |"
        )


SpellingFilter = Callable[[dict[str, Any]], bool]
"""True: drop the match."""

SPELLING_FILTERS: dict[str, SpellingFilter] = {
    "none (LanguageTool as is)": lambda r: False,
    "old: every capitalised word; British forms": lambda r: r["capitalised"] or r["british"],
    "capitalised, not sentence-initial; British": lambda r: (
        (r["capitalised"] and not r["sentence_initial"]) or r["british"]
    ),
    "+ sentence-initial names seen mid-sentence or known": lambda r: (
        (
            r["capitalised"]
            and (not r["sentence_initial"] or r["capitalised_elsewhere_mid_sentence"] > 0 or r["known_name"])
        )
        or r["british"]
    ),
    "+ lower-case forms of names seen capitalised": lambda r: (
        r["capitalised_elsewhere_mid_sentence"] > 0
        or (r["capitalised"] and not r["sentence_initial"])
        or r["known_name"]
        or r["british"]
    ),
    "old + lower-case forms of names seen capitalised": lambda r: (
        r["capitalised"] or r["capitalised_elsewhere_mid_sentence"] > 0 or r["british"]
    ),
    "old + hyphenated/apostrophe words": lambda r: r["capitalised"] or r["british"] or r["hyphen_or_apostrophe"],
    "old + words used again in lower case": lambda r: r["capitalised"] or r["british"] or r["other_lower_uses"] > 0,
}


def print_spelling_table(rows: Sequence[dict[str, Any]], words: Counter[str]) -> None:
    spelling = [r for r in rows if r["rule"] == SPELLING]
    clean_words = words["clean"] + words["tune-original"]
    print("\nSpelling (`MORFOLOGIK_RULE_EN_US`) under each filter (a filter drops the matches it names):\n")
    print(
        "| filter | clean + tuning originals: fires (per 1,000 words) "
        "| tuning garbled: fires / hits (P %) | MQM: fires / hits (P %) |"
    )
    print("|---|---:|---:|---:|")
    for name, drop in SPELLING_FILTERS.items():
        kept = [r for r in spelling if not drop(r)]
        fa = sum(r["source"] in ("clean", "tune-original") for r in kept)
        tune = [r for r in kept if r["source"] == "tune"]
        mqm = [r for r in kept if r["source"] == "mqm"]
        th, mh = sum(bool(r["hit"]) for r in tune), sum(bool(r["hit"]) for r in mqm)
        print(
            f"| {name} | {fa} ({1000 * fa / max(clean_words, 1):.2f}) | {len(tune)} / {th} ({pct(th, len(tune))}) | "
            f"{len(mqm)} / {mh} ({pct(mh, len(mqm))}) |"
        )


def print_grading(rows: Sequence[dict[str, Any]], words: Counter[str]) -> None:
    """cleaner's spelling grading (cleaner/languagetool/spelling.py) on the matches the old filters keep."""
    from cleaner.checks.languagetool.spelling import spelling_verdict

    kept = [r for r in rows if r["rule"] == SPELLING and not (r["capitalised"] or r["british"])]
    counts: Counter[tuple[str, str]] = Counter()
    for r in kept:
        verdict = spelling_verdict(r["text"], r["replacements"]).value
        outcome = "false alarm" if r["hit"] is None else ("hit" if r["hit"] else "miss")
        counts[(verdict, outcome)] += 1
    print("\nSpelling grading of the lower-case matches left (drop / note = info / keep = failing):\n")
    print("| verdict | false alarms on clean text | hits in garble | misses in garble |")
    print("|---|---:|---:|---:|")
    for verdict in ("drop", "note", "keep"):
        fa, hit, miss = (counts[(verdict, o)] for o in ("false alarm", "hit", "miss"))
        print(f"| {verdict} | {fa} | {hit} | {miss} |")
    clean_note = sum(
        1 for r in kept if r["source"] == "clean" and spelling_verdict(r["text"], r["replacements"]).value == "note"
    )
    print(f"\n(clean news alone: {clean_note} notes in {words['clean']:,} words)")


KEEP_RATIO = 2
MIN_PRECISION = 0.3
MIN_FIRES_FOR_PRECISION = 5


def keeps(t: dict[str, Any]) -> bool:
    """A rule is switched off when it raised a false alarm on clean text and found no garble at all,
    when it raised two or more and found fewer than twice as many garbles, or when it fired at
    least 5 times in garble with fewer than 30 % on a garble.  One false alarm alone, against
    some hits, is not evidence enough to lose a grammar rule."""
    fires = t["tune"] + t["mqm"]
    fa, hits = t["false_alarms"], t["garble_hits"]
    if fa >= 1 and hits == 0:
        return False
    if fa >= 2 and hits < KEEP_RATIO * fa:
        return False
    return fires < MIN_FIRES_FOR_PRECISION or hits >= MIN_PRECISION * fires


def print_selection(table: Sequence[dict[str, Any]], ignore: Sequence[str]) -> None:
    """Which rules the measurement switches off (hits < 2 × false alarms), against the current selection."""
    from cleaner.checks.languagetool.selection import HAND_PICKED_DISABLED

    print(
        "\nSelection: off when a rule raised a false alarm on clean text and found no garble, raised two or "
        f"more and found fewer than {KEEP_RATIO} × as many garbles, or fired ≥ {MIN_FIRES_FOR_PRECISION} "
        f"times in garble with < {100 * MIN_PRECISION:.0f} % hits.\n"
    )
    off, on = [], []
    for t in table:
        if any(t["rule"].startswith(p) for p in ignore) or t["rule"] == SPELLING:
            continue
        keep = keeps(t)
        if not keep:
            off.append(t["rule"])
        elif t["rule"] in HAND_PICKED_DISABLED:
            on.append(t["rule"])
    print("Off by measurement: " + ", ".join(f"`{r}`" for r in sorted(off)) + "\n")
    print("On by measurement although hand-picked off before: " + (", ".join(f"`{r}`" for r in sorted(on)) or "none"))
    print("\nAs Python (cleaner/languagetool/measured_selection.py):\n")
    print("MEASURED_OFF = frozenset(" + repr(sorted(off)) + ")")
    print("MEASURED_ON = frozenset(" + repr(sorted(on)) + ")")


def write_csv(path: Path, table: Sequence[dict[str, Any]]) -> None:
    import csv

    fields = [
        "rule",
        "category",
        "clean",
        "tune-original",
        "tune",
        "tune_hits",
        "mqm",
        "mqm_hits",
        "false_alarms",
        "garble_hits",
    ]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clean", help="clean news JSONL[.gz] (id, text)")
    ap.add_argument("--pairs", help="round-trip TUNING pairs JSONL[.gz] (never roundtrip_dev)")
    ap.add_argument("--mqm", help="MQM corpus (the quick slice unless --mqm-all)")
    ap.add_argument("--mqm-all", action="store_true")
    ap.add_argument("--matches", help="write every match as JSONL here")
    ap.add_argument("--from-matches", help="read the matches of an earlier run instead of asking LanguageTool")
    ap.add_argument("--csv", help="write the per-rule table as CSV")
    ap.add_argument(
        "--ignore-prefix",
        action="append",
        default=[],
        help="leave out rule ids with this prefix (custom rules another checkout put on a shared server)",
    )
    args = ap.parse_args()
    if args.from_matches:
        rows = [json.loads(line) for line in Path(args.from_matches).read_text(encoding="utf-8").splitlines()]
    else:
        rows = check_all(args)
        if args.matches:
            Path(args.matches).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    rows = [r for r in rows if not (r["rule"] and any(r["rule"].startswith(p) for p in args.ignore_prefix))]
    words = words_by_source(rows)
    table = rule_table(rows)
    print_rule_table(table, words)
    print_spelling_table(rows, words)
    print_grading(rows, words)
    print_selection(table, args.ignore_prefix)
    if args.csv:
        write_csv(Path(args.csv), table)


if __name__ == "__main__":
    main()
