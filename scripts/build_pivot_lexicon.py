"""Build rules/pivot-lexicon.yaml: word-level round-trip fingerprints from Apertium's dictionaries (see
cleaner/mining/lexicon.py for the reasoning).

Every frequent English word (wordfreq's list) goes alone through Apertium eng→spa→eng and eng→cat→eng. Forms that
come back from other words are kept when their chance of being a garble is high: measured on the tuning pairs where
they occur often enough, otherwise from word frequencies. Three table rules come out:
- PIVOT_LEXICON_RESTORES: measured entries whose fix restored the original often enough on the tuning pairs
  (confidence 0.75: the best suggestion, but below the fix threshold, because the words also occur in clean news and
  the tuning contract forbids auto-fixes by rules that fire there: tests/evaluation/test_dev_data.py);
- PIVOT_LEXICON_MEASURED: the tuning pairs vouch for the flag, not for the fix (a hint, below the fix threshold);
- PIVOT_LEXICON: the frequency prior alone (a hint; its most likely original is right about a third of the time).
All three are severity info: they never fail a run.

Never give it the development pairs (../shared/data/roundtrip/): they are for measuring.

  python scripts/build_pivot_lexicon.py /work/wt/data/pairs_mqm-human-a.jsonl.gz \\
      /work/wt/data/pairs_mqm-human-b.jsonl.gz --out rules/pivot-lexicon.yaml
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import yaml
from wordfreq import top_n_list, word_frequency, zipf_frequency

from cleaner.files import write_text_atomic
from cleaner.mining.lexicon import (
    Choice,
    choose,
    lexical_round_trip,
    lexicon_priors,
    paragraphs_translator,
    token_evidence,
)
from cleaner.mining.pairs import read_pairs
from cleaner.mining.roundtrip import ApertiumError, apertium_versions, run_apertium
from cleaner.paths import builtin_rules_dir

PIVOTS = {"es": ("eng-spa", "spa-eng", "apertium-eng-spa"), "ca": ("eng-cat", "cat-eng", "apertium-eng-cat")}
WORD = re.compile(r"[a-z]{2,}")
SURE_RESTORE = 0.6
"""An entry whose fix restored the original this often on the tuning pairs is the surest suggestion."""
SURE_SUPPORT = 10
OK_EXAMPLES = (
    "The committee approved the budget on Tuesday.",
    "Officials said the talks would resume next week.",
    "The company reported higher profits in the third quarter.",
    "Police arrested two men after the protest.",
)


def single_word_rules(folder: Path, out: Path) -> set[str]:
    """Words another rule file already matches alone: the lexicon leaves them to that rule (one finding, one fix)."""
    words: set[str] = set()
    for path in sorted(folder.glob("*.yaml")):
        if path.name == out.name:  # the lexicon's own earlier build
            continue
        for raw in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("rules", []):
            matches = [raw.get("match")] + [e.get("match") for e in raw.get("table", [])]
            words |= {
                m.lstrip("=").lower() for m in matches if isinstance(m, str) and WORD.fullmatch(m.lstrip("=").lower())
            }
    return words


def entry_yaml(choice: Choice) -> dict[str, object]:
    if choice.measured:
        note = f"tuning pairs: {choice.flag:.0%} of {choice.support} garbled, {choice.restore:.0%} restored"
    else:
        note = f"prior: {choice.flag:.0%} garbled, {choice.restore:.0%} restored"
    return {
        "match": f"={choice.entry.garbled}",
        "replace": choice.replacement,
        "note": f"{note}; {'/'.join(choice.entry.pivots)}",
    }


def examples(choices: list[Choice], words: set[str], count: int = 3) -> list[dict[str, str]]:
    """Short bad/good sentences, each with exactly one table word, so that the table's own fix makes the good one."""
    out: list[dict[str, str]] = []
    for choice in sorted(choices, key=lambda c: (-c.support, c.entry.garbled)):
        bad = f"They said the {choice.entry.garbled} was important."
        if sum(w in words for w in WORD.findall(bad.lower())) != 1:
            continue
        out.append({"bad": bad, "good": bad.replace(choice.entry.garbled, choice.replacement)})
        if len(out) == count:
            break
    out += [{"ok": s} for s in OK_EXAMPLES if not any(w in words for w in WORD.findall(s.lower()))]
    return out


def rule(rule_id: str, choices: list[Choice], how: str, words: set[str], confidence: float = 0.35) -> dict[str, object]:
    pivots = sorted({p for c in choices for p in c.entry.pivots})
    return {
        "id": rule_id,
        "type": "table",
        "message": (
            "Round-trip fingerprint: machine translation through Spanish or Catalan brings this word back in place "
            "of another English word (the suggestion is the most likely original); check the source wording."
        ),
        "category": "mt-artifact",
        "severity": "info",
        "confidence": confidence,
        "pivots": pivots,
        "note": how,
        "table": [entry_yaml(c) for c in choices],
        "examples": examples(choices, words),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pairs", nargs="+", type=Path, help="tuning pairs (JSONL[.gz]), never the development set")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--vocabulary", type=int, default=60000, help="wordfreq's N most frequent English words")
    parser.add_argument("--min-flag", type=float, default=0.7)
    args = parser.parse_args(argv)

    started = time.monotonic()
    words = [w for w in top_n_list("en", args.vocabulary) if WORD.fullmatch(w)]
    translate = paragraphs_translator(run_apertium)
    try:
        trips = {pivot: lexical_round_trip(words, translate, there, back) for pivot, (there, back, _) in PIVOTS.items()}
        versions = {package: apertium_versions(package)[package] for _, _, package in PIVOTS.values()}
    except (ApertiumError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    pairs = [pair for path in args.pairs for pair in read_pairs(path)]
    evidence = token_evidence(pairs)
    entries = lexicon_priors(trips, lambda w: word_frequency(w, "en")).values()
    chosen = choose(entries, evidence, lambda w: zipf_frequency(w, "en"), min_flag=args.min_flag)
    # A replacement that is itself a table word would be flagged again after the fix: drop such chains.
    garbled_forms = {c.entry.garbled for c in chosen}
    taken = single_word_rules(builtin_rules_dir(), args.out)
    chosen = [c for c in chosen if c.replacement not in garbled_forms and c.entry.garbled not in taken]
    restores = [c for c in chosen if c.measured and c.support >= SURE_SUPPORT and c.restore >= SURE_RESTORE]
    measured = [c for c in chosen if c.measured and c not in restores]
    prior = [c for c in chosen if not c.measured]
    table_words = {c.entry.garbled for c in chosen}
    source = (
        f"built by scripts/build_pivot_lexicon.py from the {len(words)} most frequent English words (wordfreq) sent "
        f"alone through Apertium ({', '.join(f'{k} {v}' for k, v in versions.items())}) and back; "
        f"tuning pairs: {', '.join(p.name for p in args.pairs)} ({len(pairs)} pairs); min flag {args.min_flag}."
    )
    document = {
        "domain": "pivot-lexicon",
        "description": (
            "Word-level round-trip fingerprints read off Apertium's bilingual dictionaries (English words that "
            "Spanish or Catalan machine translation brings back as other words). Generated: rebuild, don't edit."
        ),
        "rules": [
            rule(
                "PIVOT_LEXICON_RESTORES",
                restores,
                source + f" Each entry: its fix restored the original in at least {SURE_RESTORE:.0%} of at least "
                f"{SURE_SUPPORT} occurrences in the tuning pairs; below the fix threshold, as the words occur in "
                "clean news.",
                table_words,
                confidence=0.75,
            ),
            rule(
                "PIVOT_LEXICON_MEASURED", measured, source + " Each entry: measured on the tuning pairs.", table_words
            ),
            rule("PIVOT_LEXICON", prior, source + " Each entry: English word frequencies as the prior.", table_words),
        ],
    }
    text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=120)
    write_text_atomic(args.out, text)
    print(
        f"{args.out}: {len(restores)} restoring, {len(measured)} measured and {len(prior)} prior entries "
        f"from {len(words)} words, "
        f"{time.monotonic() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
