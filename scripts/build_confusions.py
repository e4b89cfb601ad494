"""Build the fluency checker's confusion sets from bilingual dictionaries (English → pivot → English).

A pivot word with two English senses confuses them: Spanish "tarifa" is both
"tariff" and "price", so a round trip through Spanish can turn "tariffs" into
"prices".  For every English word form of a vocabulary, this script lists the
other English words that share a pivot word with it, inflected to the same
form, with the pivot word and language, and writes them to
``cleaner/checks/fluency/data/confusions.json.gz`` (committed; nothing is looked up at
run time).  Sources and licences: ``cleaner/checks/fluency/data/SOURCES.md``.

Needs Debian's ``apertium-eng-spa``, ``apertium-eng-cat`` (``lt-proc`` from
lttoolbox) and ``dict-freedict-{eng-spa,spa-eng,eng-fra,fra-eng,ita-eng,por-eng,deu-eng}``.

    python scripts/build_confusions.py [--vocab-from MQM.docs.jsonl.gz] [--attested-from TUNING.jsonl.gz]
"""

from __future__ import annotations

import argparse
import collections
import difflib
import gzip
import json
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from lemminflect import getInflection

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "cleaner" / "checks" / "fluency" / "data" / "confusions.json.gz"
APERTIUM = Path("/usr/share/apertium")
DICTD = Path("/usr/share/dictd")
DEFAULT_VOCAB = Path("../shared/data/mqm/newstest2020_zhen.docs.jsonl.gz")
DEFAULT_TUNING = Path("../wt/data/tune_pairs.jsonl.gz")
"""Tuning round trips (never the development set): how often each substitution really happens."""
LANGUAGE = {"spa": "Spanish", "cat": "Catalan", "fra": "French", "ita": "Italian", "por": "Portuguese", "deu": "German"}
CONTENT = ("n", "vblex", "adj", "adv")
FORM_TAGS = {
    ("n", "sg"): "NN",
    ("n", "pl"): "NNS",
    ("vblex", "inf"): "VB",
    ("vblex", "pres"): "VBP",
    ("vblex", "pri"): "VBZ",
    ("vblex", "past"): "VBD",
    ("vblex", "pp"): "VBN",
    ("vblex", "ger"): "VBG",
    ("adj", ""): "JJ",
    ("adv", ""): "RB",
}
MAX_ALTERNATIVES = 6
STOP = {
    *[
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "its",
        "this",
        "that",
        "these",
    ],
    *[
        "those",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "your",
        "not",
        "no",
        "but",
        "if",
        "so",
        "than",
        "then",
        "there",
        "here",
        "who",
        "whom",
        "which",
    ],
}
_ANALYSIS = re.compile(r"\^([^/$]*)((?:/[^/$]*)*)\$")


def vocabulary(path: Path, minimum: int) -> dict[str, int]:
    """Lower-case English word forms of the human references, with counts (names are mostly capitalized)."""
    counts: collections.Counter[str] = collections.Counter()
    lower: collections.Counter[str] = collections.Counter()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            if doc.get("is_human") not in (None, "False", False):
                continue
            for word in re.findall(r"[A-Za-z][a-z]+", doc.get("reference", "")):
                counts[word.lower()] += 1
                if word.islower():
                    lower[word] += 1
    return {w: n for w, n in counts.items() if n >= minimum and lower[w] * 2 >= n and w not in STOP and len(w) > 2}


def lt_proc(binary: Path, lines: Iterable[str], bilingual: bool) -> list[str]:
    """One ``lt-proc`` call over many lines; one output line per input line."""
    text = "\n".join(lines) + "\n"
    args = ["lt-proc", "-b", str(binary)] if bilingual else ["lt-proc", str(binary)]
    out = subprocess.run(args, input=text, capture_output=True, text=True, check=True).stdout
    return out.rstrip("\n").split("\n")


def analyses(units: str) -> Iterator[tuple[str, list[str]]]:
    for m in _ANALYSIS.finditer(units):
        yield m.group(1), [a for a in m.group(2).split("/") if a]


def split_tags(analysis: str) -> tuple[str, list[str]]:
    lemma, _, rest = analysis.partition("<")
    return lemma, re.findall(r"<([^>]+)>", "<" + rest) if rest else []


def form_tag(tags: list[str]) -> str | None:
    if not tags or tags[0] not in CONTENT:
        return None
    pos = tags[0]
    if pos in ("adj", "adv"):
        return FORM_TAGS[(pos, "")]
    for t in tags[1:]:
        if (pos, t) in FORM_TAGS:
            return FORM_TAGS[(pos, t)]
    return "NN" if pos == "n" else None


def inflect(lemma: str, penn: str) -> str | None:
    if penn in ("JJ", "RB", "NN", "VB"):
        return lemma
    forms = getInflection(lemma, tag=penn)
    return forms[0] if forms else None


def apertium_senses(pivot: str, vocab: dict[str, int]) -> dict[tuple[str, str], set[str]]:
    """(pivot lemma<tags>, POS) → the English lemmas it translates back to, via Apertium's bidix."""
    folder = APERTIUM / f"apertium-eng-{pivot}"
    morph = folder / f"eng-{pivot}.automorf.bin"
    words = sorted(vocab)
    lemmas: set[str] = set()
    for line in lt_proc(morph, words, bilingual=False):
        for _surface, ans in analyses(line):
            for a in ans:
                lemma, tags = split_tags(a)
                if tags and tags[0] in CONTENT and lemma.isalpha():
                    number = "<sg>" if tags[0] == "n" else "<inf>" if tags[0] == "vblex" else ""
                    lemmas.add(f"{lemma}<{tags[0]}>{number}")
    ordered = sorted(lemmas)
    forward = lt_proc(folder / f"eng-{pivot}.autobil.bin", [f"^{x}$" for x in ordered], bilingual=True)
    pivots: dict[str, set[str]] = collections.defaultdict(set)
    for source, line in zip(ordered, forward, strict=True):
        for _s, ans in analyses(line):
            for a in ans:
                if a.startswith("@") or "<" not in a:
                    continue
                plemma, ptags = split_tags(a)
                pos = ptags[0] if ptags else ""
                number = ["sg"] if pos == "n" else ["inf"] if pos == "vblex" else []
                key = f"{plemma}<" + "><".join([*ptags, *number]) + ">"
                pivots[key].add(source)
    keys = sorted(pivots)
    back = lt_proc(APERTIUM / f"apertium-eng-{pivot}" / f"{pivot}-eng.autobil.bin", [f"^{k}$" for k in keys], True)
    senses: dict[tuple[str, str], set[str]] = {}
    for key, line in zip(keys, back, strict=True):
        english = {split_tags(s)[0] for s in pivots[key]}
        for _s, ans in analyses(line):
            for a in ans:
                lemma, tags = split_tags(a)
                if tags and lemma.isalpha() and " " not in lemma:
                    english.add(lemma)
        plemma, ptags = split_tags(key)
        if len(english) > 1:
            senses[(plemma, ptags[0] if ptags else "")] = english
    return senses


def dictd_entries(name: str) -> Iterator[tuple[str, str]]:
    """(headword, entry text) of one FreeDict dictionary in dictd format."""
    index = DICTD / f"{name}.index"
    data = gzip.decompress((DICTD / f"{name}.dict.dz").read_bytes())
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

    def b64(s: str) -> int:
        n = 0
        for ch in s:
            n = n * 64 + alphabet.index(ch)
        return n

    for line in index.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 3 or parts[0].startswith("00database"):
            continue
        start, length = b64(parts[1]), b64(parts[2])
        yield parts[0], data[start : start + length].decode("utf-8", "replace")


def translations(entry: str) -> list[str]:
    """The single-word translations of a FreeDict entry (its lines after the headword)."""
    out: list[str] = []
    for line in entry.splitlines()[1:]:
        line = line.strip()
        if not line or line.startswith(("see:", "Synonym", "Note", '"')):
            continue
        line = re.sub(r"<[^>]*>|\([^)]*\)|^\d+\.\s*", "", line)
        for part in re.split(r"[,;]", line):
            word = part.strip().lower()
            if word.startswith("to "):
                word = word[3:]
            if re.fullmatch(r"[a-z]+", word):
                out.append(word)
    return out


def freedict_senses(vocab: dict[str, int]) -> dict[tuple[str, str], set[str]]:
    """(pivot headword, language) → its English senses, from the X→English FreeDict dictionaries."""
    senses: dict[tuple[str, str], set[str]] = collections.defaultdict(set)
    for lang in ("spa", "fra", "ita", "por", "deu"):
        for head, entry in dictd_entries(f"freedict-{lang}-eng"):
            english = {w for w in translations(entry) if w in vocab}
            if len(english) > 1:
                senses[(head.lower(), lang)] |= english
    for lang in ("spa", "fra"):
        # eng→X lists give the same sense pairs from the other side: English words sharing a pivot word
        reverse: dict[str, set[str]] = collections.defaultdict(set)
        for head, entry in dictd_entries(f"freedict-eng-{lang}"):
            if head.lower() in vocab:
                for pivot_word in translations(entry):
                    reverse[pivot_word].add(head.lower())
        for pivot_word, english in reverse.items():
            if len(english) > 1:
                senses[(pivot_word, lang)] |= english
    return senses


def attested(path: Path | None) -> collections.Counter[tuple[str, str]]:
    """(round-trip word, original word) substitutions seen in tuning round trips (one word for one word)."""
    seen: collections.Counter[tuple[str, str]] = collections.Counter()
    if path is None:
        return seen
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            for orig, garb in zip(rec["original"].split("\n"), rec["garbled"].split("\n"), strict=False):
                a, b = re.findall(r"[A-Za-z]+", orig), re.findall(r"[A-Za-z]+", garb)
                matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
                for op, i1, i2, j1, j2 in matcher.get_opcodes():
                    if op == "replace" and i2 - i1 == j2 - j1:
                        for o, g in zip(a[i1:i2], b[j1:j2], strict=True):
                            seen[(g.lower(), o.lower())] += 1
    return seen


def build(
    vocab: dict[str, int], seen: collections.Counter[tuple[str, str]], pivots: tuple[str, ...] = ("spa", "cat")
) -> dict[str, list[list[object]]]:
    """Word form → [alternative, pivot language, pivot word, source, times seen] lists, most attested first."""
    morph = APERTIUM / "apertium-eng-spa" / "eng-spa.automorf.bin"
    forms_of: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
    for line in lt_proc(morph, sorted(vocab), bilingual=False):
        for surface, ans in analyses(line):
            for a in ans:
                lemma, tags = split_tags(a)
                penn = form_tag(tags)
                if penn and lemma.isalpha():
                    forms_of[surface.lower()].append((lemma.lower(), penn))
    by_lemma: dict[str, list[tuple[str, str, str, str]]] = collections.defaultdict(list)
    for pivot in pivots:
        for (plemma, _pos), english in sorted(apertium_senses(pivot, vocab).items()):
            for e in english:
                by_lemma[e].extend((other, pivot, plemma, "apertium") for other in sorted(english) if other != e)
    for (pword, lang), english in sorted(freedict_senses(vocab).items()):
        lemmas = {forms_of[w][0][0] if forms_of.get(w) else w for w in english}
        for e in lemmas:
            by_lemma[e].extend((other, lang, pword, "freedict") for other in sorted(lemmas) if other != e)
    table: dict[str, list[list[object]]] = {}
    for form in sorted(forms_of):
        rows: dict[str, list[object]] = {}
        for lemma, penn in forms_of[form]:
            for other, lang, pword, source in by_lemma.get(lemma, []):
                alt = inflect(other, penn)
                if not alt or alt == form or alt in STOP or alt not in vocab:
                    continue
                rows.setdefault(alt, [alt, lang, pword, source, seen[(form, alt)]])
        if rows:
            ranked = sorted(
                rows.values(), key=lambda r: (-int(str(r[4])), r[3] != "apertium", -vocab.get(str(r[0]), 0), r[0])
            )
            table[form] = ranked[:MAX_ALTERNATIVES]
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vocab-from", type=Path, default=DEFAULT_VOCAB)
    parser.add_argument("--attested-from", type=Path, default=DEFAULT_TUNING)
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--no-apertium-spa", action="store_true", help="Leave out Apertium eng-spa (GPL-2 only).")
    args = parser.parse_args(argv)
    vocab = vocabulary(args.vocab_from, args.min_count)
    pivots = ("cat",) if args.no_apertium_spa else ("spa", "cat")
    table = build(vocab, attested(args.attested_from), pivots)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    payload = {"format": 1, "languages": LANGUAGE, "confusions": table}
    with gzip.GzipFile(args.out, "wb", mtime=0) as f:
        f.write(json.dumps(payload, sort_keys=True, separators=(",", ":")).encode("utf-8"))
    pairs = sum(len(v) for v in table.values())
    hit = sum(1 for v in table.values() for r in v if int(str(r[4])) > 0)
    summary = f"{len(vocab)} forms, {len(table)} with alternatives, {pairs} pairs ({hit} attested)"
    print(f"{summary} → {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
