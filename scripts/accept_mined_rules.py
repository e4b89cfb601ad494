"""Review mined candidates the way an editor would, and write the accepted ones as rule files.

The review is written down here so that it can be re-run and argued with:
- support: at least MIN_RIGHT right applications in at least MIN_DOCUMENTS different articles (a garble of one
  article's names or topic is not a rule);
- precision on the tuning pairs at least MIN_PRECISION, and at most MAX_CLEAN occurrences per 1,000 words of the
  clean originals (a phrase good English uses is not a garble, however often the MT produces it);
- topic words: the tuning pairs are Chinese news in English, so candidates about China's institutions, places
  and slogans (People's Republic, Belt and Road, Xinhua, provincial party committees...) are dropped even when
  precise, because they are one topic's vocabulary, not a garble of English in general;
- harmless variants: British/American spellings (kilometres, organised, defence) and synonyms that are good
  English either way (roughly/about, big/large, take part in/participate in) count as differences in the
  round-trip scoring but are not errors: dropped.
- ordinary English: a garbled phrase made only of common words (wordfreq) with little support or precision is
  kept only as a hint (info, confidence below the fix threshold);
- spelling variants (honour/honor, vice-president/vice president) and families over names of one article: dropped;
- severity: minor (a failing finding) only with strong evidence and no occurrence in the clean originals, else info.
Confidence is the Wilson lower bound (z = 1) of the share of tuning documents whose chrF rose when the rule
alone was applied, so `cleaner fix` (threshold 0.8) applies a mined rule only where the tuning pairs show it helps.

  python scripts/accept_mined_rules.py /work/wt/data/tune_pairs.jsonl.gz /work/wt/data/tune_pairs_b.jsonl.gz
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml
from wordfreq import zipf_frequency

from cleaner.mining.miner import Candidate, MineSettings, mine
from cleaner.mining.pairs import Pair, read_pairs
from cleaner.mining.render import candidate_rule, pivot_codes, rule_id

MIN_RIGHT = 4
MIN_DOCUMENTS = 3
MIN_PRECISION = 0.6
ORDINARY_ZIPF = 3.5
"""A phrase made only of words this frequent in English (wordfreq Zipf scale) is ordinary English..."""
ORDINARY_MIN_RIGHT = 8
ORDINARY_MIN_PRECISION = 0.75
"""...and needs this much more evidence to be more than a hint: the tuning originals are too small to show its
false alarms."""
HINT_CONFIDENCE = 0.7
"""Below the fix threshold: a hint is flagged (info), never applied by `cleaner fix` on its own."""
NAME_ZIPF = 2.5
"""A family whose alternatives include words this rare (names) is one article's vocabulary."""
MINOR_MIN_RIGHT = 10
MINOR_MIN_PRECISION = 0.8
"""A failing (minor) finding needs this support and precision and no clean occurrence; the rest are info hints."""
MAX_CLEAN_HITS = 3
CLEAN_PER_RIGHT = 1 / 25
"""At most one clean occurrence per 25 right applications, and never more than MAX_CLEAN_HITS."""
Z_CONFIDENCE = 1.0
"""Wilson lower bound at one standard error: a rule right 9 times in 10 gets 0.77, 45 in 50 gets 0.85."""
TOPIC_WORDS = frozenset(
    [
        "people's",
        "republic",
        "daxing",
        "xinhua",
        "tape",
        "belt",
        "road",
        "volleyball",
        "squad",
        "sino",
        "china",
        "chinese",
        "communist",
        "party",
        "provincial",
        "municipal",
        "cpc",
        "rmb",
        "yuan",
        "beijing",
        "shanghai",
        "hong",
        "kong",
        "macau",
        "taiwan",
        "jinping",
        "xi",
        "socialism",
        "socialist",
        "sleep",
        "dream",
        "russian",
        "nova",
        "shenzhen",
        "guangzhou",
        "hebei",
        "jilin",
        "olympic",
        "women",
        "white",
        "paper",
    ]
)
HARMLESS = frozenset(
    [
        "mankind",
        "humanity",
        "kilometres",
        "kilometers",
        "metres",
        "meters",
        "defence",
        "defense",
        "globalisation",
        "globalization",
        "organised",
        "organized",
        "civilisation",
        "civilization",
        "fulfil",
        "fulfill",
        "tonnes",
        "tons",
        "centre",
        "center",
        "neighbour",
        "neighbourhood",
        "programme",
        "program",
        "roughly",
        "about",
        "almost",
        "nearly",
        "big",
        "large",
        "several",
        "various",
        "take",
        "participate",
        "despite",
        "spite",
        "due",
        "because",
        "lot",
        "many",
        "assure",
        "ensure",
        "attained",
        "reached",
        "companies",
        "enterprises",
        "route",
        "path",
        "tech",
        "technology",
        "learnt",
        "learned",
        "every",
        "all",
        "capacity",
        "ability",
        "another",
        "other",
        "alcohol",
        "spirit",
        "program",
        "platform",
        "had",
        "willing",
        "realise",
        "realize",
        "term",
        "ongoing",
        "current",
        "kingdom",
        "uk",
    ]
)
GENDER_GUESSES = frozenset({"he", "she", "his", "her"})


def ordinary_english(c: Candidate) -> bool:
    """Every word of the garbled phrase is common English (so its occurrences in clean news are likely)."""
    words = [w for w in (*c.garbled, *c.alternatives) if w != "*" and any(ch.isalpha() for ch in w)]
    return all(zipf_frequency(w, "en") >= ORDINARY_ZIPF for w in words)


def accepted(c: Candidate) -> str | None:
    """None if the candidate is kept, else the reason it is dropped."""
    words = {w for w in (*c.garbled, *c.original, *c.alternatives) if w != "*"}
    if c.right < MIN_RIGHT or c.documents < MIN_DOCUMENTS:
        return "support"
    if c.precision < MIN_PRECISION:
        return "precision"
    if c.clean_hits > min(MAX_CLEAN_HITS, c.right * CLEAN_PER_RIGHT):
        return "clean"
    if words & TOPIC_WORDS:
        return "topic"
    if words & HARMLESS:
        return "harmless variant"
    if spelling_variant(c):
        return "harmless variant"
    if "it" in c.garbled and set(c.original) & GENDER_GUESSES:
        return "gender guess"
    if any(zipf_frequency(w, "en") < NAME_ZIPF for w in c.alternatives):
        return "names of one article"
    return None


def hint_only(c: Candidate) -> bool:
    """Ordinary English with little evidence: kept as an info hint that `fix` does not apply on its own."""
    return ordinary_english(c) and (c.right < ORDINARY_MIN_RIGHT or c.precision < ORDINARY_MIN_PRECISION)


def spelling_variant(c: Candidate) -> bool:
    """British/American spelling or hyphenation: 'honour'/'honor', 'vice-president'/'vice president'."""
    garbled = [w for w in c.garbled if w not in {"-", "*"}]
    original = [w for w in c.original if w not in {"-", "*"}]
    if "".join(garbled) == "".join(original):
        return True
    if len(garbled) != len(original):
        return False
    pairs = [(g, o) for g, o in zip(garbled, original, strict=True) if g != o]
    return bool(pairs) and all(_british(g, o) or _british(o, g) for g, o in pairs)


def _british(a: str, b: str) -> bool:
    for uk, us in (("our", "or"), ("ise", "ize"), ("isa", "iza"), ("tre", "ter"), ("ll", "l"), ("ence", "ense")):
        if uk in a and a.replace(uk, us, 1) == b:
            return True
    return False


def prune_failing_examples(out_dir: Path, files: dict[str, list[dict[str, object]]]) -> None:
    """Drop examples that another rule shadows (the longest match wins); drop rules left without one."""
    from cleaner.checks.rules.compiler import compile_rules
    from cleaner.checks.rules.examples import example_problem
    from cleaner.checks.rules.loader import load_rules
    from cleaner.checks.rules.matcher import RuleChecker
    from cleaner.document import Document
    from cleaner.paths import builtin_rules_dir

    builtin = builtin_rules_dir().resolve()
    folders = [builtin] if out_dir.resolve() == builtin else [builtin, out_dir]
    for _ in range(12):
        checker = RuleChecker(compile_rules(load_rules(folders)))
        failing: dict[str, set[int]] = {}
        shadowing: set[str] = set()
        for rule in checker.compiled.rules:
            bad = {i for i, ex in enumerate(rule.examples) if example_problem(checker, rule, ex)}
            if bad and rule.id.startswith("MINED_"):
                failing[rule.id] = bad
            elif bad:
                # A mined rule must not take over a hand-written rule's example: the hand-written rule stays.
                for i in bad:
                    text = rule.examples[i].bad or rule.examples[i].ok or ""
                    doc = Document(path="<example>", text=text)
                    shadowing |= {f.rule_id for f in checker.check(doc) if f.rule_id.startswith("MINED_")}
        if not failing and not shadowing:
            return
        for rule_id_ in shadowing:
            failing[rule_id_] = set(range(99))
        for code, rules in files.items():
            kept = []
            for rule in rules:
                drop = failing.get(str(rule["id"]), set())
                examples = [ex for i, ex in enumerate(rule["examples"]) if i not in drop]  # type: ignore[arg-type]
                if examples:
                    kept.append({**rule, "examples": examples})
            rules[:] = kept
            write_rule_file(out_dir, code, rules)


def measure_on_pairs(out_dir: Path, files: dict[str, list[dict[str, object]]], pairs: list[Pair]) -> None:
    """Apply each mined rule alone to the tuning pairs; set confidence and severity from what it did.

    chrF is what `cleaner fix` is judged by, so a rule whose replacements lower chrF on the tuning pairs gets a
    confidence below the fix threshold whatever its precision; one that fires in clean originals is a hint
    (info), not a failing finding.
    """
    from collections import defaultdict

    from cleaner.checks.rules.compiler import compile_rules
    from cleaner.checks.rules.loader import load_rules
    from cleaner.checks.rules.matcher import RuleChecker
    from cleaner.document import Document
    from cleaner.evaluation.metrics import sentence_chrf
    from cleaner.mining.miner import wilson_lower_bound

    checker = RuleChecker(compile_rules(load_rules([out_dir / f"mined-apertium-{code}.yaml" for code in files])))
    gain: dict[str, float] = defaultdict(float)
    fired: dict[str, int] = defaultdict(int)
    better: dict[str, int] = defaultdict(int)
    for pair in pairs:
        findings = [f for f in checker.check(Document.from_text(pair.garbled, pair.id)) if f.replacements]
        by_rule: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for f in findings:
            by_rule[f.rule_id].append((f.start, f.end, f.replacements[0]))
        if not by_rule:
            continue
        before = sentence_chrf(pair.garbled, pair.original)
        for rid, edits in by_rule.items():
            text = pair.garbled
            for start, end, replacement in sorted(edits, reverse=True):
                text = text[:start] + replacement + text[end:]
            delta = sentence_chrf(text, pair.original) - before
            gain[rid] += delta
            fired[rid] += 1
            better[rid] += delta > 0
    for rules in files.values():
        for rule in rules:
            rid = str(rule["id"])
            right, applied, clean_hits, hint = rule.pop("_evidence")  # type: ignore[misc]
            # Confidence: how sure we are that applying the rule improves a document (tuning documents where
            # applying it alone raised chrF), so that `fix` at its 0.8 threshold applies only rules that help.
            confidence = wilson_lower_bound(better[rid], fired[rid], Z_CONFIDENCE)
            if gain[rid] <= 0:
                confidence = min(confidence, 0.5)
            precision = right / applied
            if hint:
                confidence = min(confidence, HINT_CONFIDENCE)
            rule["confidence"] = round(confidence, 2)
            minor = not hint and clean_hits == 0 and right >= MINOR_MIN_RIGHT and precision >= MINOR_MIN_PRECISION
            rule["severity"] = "minor" if minor else "info"
            rule["note"] = (
                f"{rule['note']} Applied alone to the tuning pairs: chrF up in {better[rid]} of {fired[rid]} "
                f"documents, {gain[rid]:+.2f} summed. Confidence: Wilson lower bound (z={Z_CONFIDENCE}) of that "
                f"share" + (", capped at 0.5 because chrF fell." if gain[rid] <= 0 else ".")
            )


def write_rule_file(out_dir: Path, code: str, rules: list[dict[str, object]]) -> None:
    language = {"es": "Spanish", "ca": "Catalan"}[code]
    document = {
        "domain": f"mined-apertium-{code}",
        "description": (
            f"Garbles of English that comes back from {language} (Apertium eng-{code}), mined from round-trip "
            f"pairs with `cleaner rules mine` and reviewed (scripts/accept_mined_rules.py). Each rule's note "
            f"gives its support and measured precision; its confidence is the Wilson lower bound of that "
            f"precision."
        ),
        "rules": [{key: value for key, value in rule.items() if not key.startswith("_")} for rule in rules],
    }
    path = out_dir / f"mined-apertium-{code}.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pairs", type=Path, nargs="+")
    parser.add_argument("--out-dir", type=Path, default=Path("rules"))
    parser.add_argument("--review", type=Path, help="write every candidate with its verdict (TSV)")
    args = parser.parse_args(argv)
    pairs = [p for path in args.pairs for p in read_pairs(path)]
    candidates = mine(pairs, [], MineSettings(min_support=MIN_RIGHT, min_documents=MIN_DOCUMENTS, max_candidates=2000))
    names = " ".join(path.name for path in args.pairs)
    provenance = (
        f"mined from {names} ({len(pairs)} Apertium round-trip pairs of WMT20 zh-en human references) "
        f"by `cleaner rules mine` and reviewed by scripts/accept_mined_rules.py"
    )
    files: dict[str, list[dict[str, object]]] = {"es": [], "ca": []}
    taken: set[str] = set()
    review = ["verdict\tright/applied\tprecision\tdocs\tclean\tgarbled -> original"]
    for c in candidates:
        verdict = accepted(c)
        garbled = " ".join(c.garbled).replace("*", "{" + "|".join(c.alternatives) + "}")
        review.append(
            f"{verdict or 'keep'}\t{c.right}/{c.applications}\t{c.precision:.2f}\t{c.documents}\t"
            f"{c.clean_per_1000:.2f}\t{garbled} -> {c.replacement.replace(chr(0), '…')}"
        )
        if verdict or not c.examples:
            continue
        pivots = pivot_codes(c) or ["es"]
        target = "ca" if pivots[0] == "ca" else "es"
        rule = candidate_rule(c, rule_id(c, "MINED", taken), provenance)
        rule["_evidence"] = (c.right, c.applications, c.clean_hits, hint_only(c))
        files[target].append(rule)
    for code, rules in files.items():
        write_rule_file(args.out_dir, code, rules)
    prune_failing_examples(args.out_dir, files)
    measure_on_pairs(args.out_dir, files, pairs)
    for code, rules in files.items():
        write_rule_file(args.out_dir, code, rules)
    # Confidence decides which of two overlapping matches wins: check the examples again with the new ones.
    prune_failing_examples(args.out_dir, files)
    for code, rules in files.items():
        print(f"{args.out_dir / f'mined-apertium-{code}.yaml'}: {len(rules)} rules")
    if args.review:
        args.review.write_text("\n".join(review) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
