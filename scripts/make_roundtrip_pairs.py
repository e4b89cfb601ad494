"""Make (original, garbled) round-trip pairs from English documents with Apertium.

Same construction and JSONL fields as /work/shared/data/roundtrip/README.md (see cleaner/mining/roundtrip.py).
Inputs:
  --from text         records with `text` (and `doc`, `testset`), e.g. the clean news corpus
  --from mqm-human-a  the MQM docs file: one English reference per WMT document, the Human-A translation that
                      non-human records carry as `reference`
  --from mqm-human-b  the MQM docs file: the Human-B translation (the `mt` of the Human-B records)
  --from mqm-system:NAME
                      the MQM docs file: one MT system's English output (the `mt` of that system's records),
                      more English news to round-trip for tuning (fluent, but not a human's)

  python scripts/make_roundtrip_pairs.py /work/shared/data/mqm/newstest2020_zhen.docs.jsonl.gz \
      --from mqm-human-a --out /work/wt/data/tune_pairs.jsonl.gz --jobs 2
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from cleaner.mining.roundtrip import ApertiumError, apertium_versions, round_trip

PIVOTS = {"spa": ("eng-spa", "spa-eng", "apertium-eng-spa"), "cat": ("eng-cat", "cat-eng", "apertium-eng-cat")}


def read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    yield number, json.loads(line)
                except json.JSONDecodeError as exc:
                    raise SystemExit(f"{path}:{number}: not JSON ({exc.msg})") from exc


def source_documents(path: Path, kind: str) -> list[dict[str, str]]:
    """(doc, testset, text, reference_system) per document, in first-seen order."""
    docs: dict[str, dict[str, str]] = {}
    for number, record in read_jsonl(path):
        try:
            if kind == "text":
                doc, testset, text, system = record["doc"], record.get("testset", ""), record["text"], ""
            elif kind == "mqm-human-a":
                if record["is_human"]:
                    continue
                doc, testset, text = record["doc"], record["dataset"], record["reference"]
                system = record.get("reference_system", "Human-A.0")
            elif kind.startswith("mqm-system:"):
                if record["system"] != kind.split(":", 1)[1]:
                    continue
                doc, testset, text, system = record["doc"], record["dataset"], record["mt"], record["system"]
            else:
                if not str(record["system"]).startswith("Human-B"):
                    continue
                doc, testset, text, system = record["doc"], record["dataset"], record["mt"], record["system"]
        except KeyError as exc:
            raise SystemExit(f"{path}:{number}: missing field {exc.args[0]!r}") from exc
        seen = docs.get(doc)
        if seen is not None and seen["text"] != text:
            raise SystemExit(f"{path}:{number}: document {doc} has two different texts")
        docs.setdefault(doc, {"doc": doc, "testset": testset, "text": text, "reference_system": system})
    return list(docs.values())


def source_kind(value: str) -> str:
    """The --from value, checked: argparse choices can't express ``mqm-system:NAME``."""
    if value in {"text", "mqm-human-a", "mqm-human-b"} or (value.startswith("mqm-system:") and value[11:]):
        return value
    raise argparse.ArgumentTypeError(f"unknown source {value!r}: text, mqm-human-a, mqm-human-b or mqm-system:NAME")


def make_record(task: tuple[dict[str, str], str]) -> dict[str, Any]:
    source, pivot = task
    there, back, package = PIVOTS[pivot]
    lines = source["text"].split("\n")
    trip = round_trip(lines, there, back)
    record: dict[str, Any] = {
        "id": f"{source['testset']}:{source['doc']}:rt-{pivot}",
        "doc": source["doc"],
        "pivot": pivot,
        "pairs": [there, back],
        "original": source["text"],
        "garbled": "\n".join(trip.garbled),
        "garbled_raw": "\n".join(trip.garbled_raw),
        "pivot_text": "\n".join(trip.pivot_text),
        "n_lines": len(lines),
        "line_fallback": trip.line_fallback,
        "testset": source["testset"],
        "apertium": apertium_versions(package),
    }
    if source["reference_system"]:
        record["reference_system"] = source["reference_system"]
    return record


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input", type=Path)
    parser.add_argument(
        "--from",
        dest="kind",
        type=source_kind,
        default="text",
        help="text, mqm-human-a, mqm-human-b or mqm-system:NAME",
    )
    parser.add_argument("--out", type=Path, required=True, help="output .jsonl.gz (written atomically)")
    parser.add_argument("--pivots", nargs="+", choices=sorted(PIVOTS), default=["spa", "cat"])
    parser.add_argument("--jobs", type=int, default=2, help="Apertium processes at a time (default 2)")
    parser.add_argument("--limit", type=int, default=0, help="first N documents only (0 = all)")
    args = parser.parse_args(argv)

    sources = source_documents(args.input, args.kind)
    if args.limit:
        sources = sources[: args.limit]
    tasks = [(source, pivot) for source in sources for pivot in args.pivots]
    started = time.monotonic()
    tmp = args.out.with_name(args.out.name + ".part")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    fallbacks = 0
    try:
        with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool, gzip.open(tmp, "wt", encoding="utf-8") as out:
            for done, record in enumerate(pool.map(make_record, tasks), 1):
                fallbacks += record["line_fallback"]
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                if done % 20 == 0 or done == len(tasks):
                    print(f"{done}/{len(tasks)} records, {time.monotonic() - started:.0f} s", file=sys.stderr)
    except ApertiumError as exc:
        tmp.unlink(missing_ok=True)
        print(f"error: {exc}", file=sys.stderr)
        return 2
    tmp.replace(args.out)
    words = sum(len(source["text"].split()) for source in sources)
    print(
        f"{args.out}: {len(tasks)} records ({len(sources)} documents x {len(args.pivots)} pivots), "
        f"{words} words per pivot, {fallbacks} with line fallback, {time.monotonic() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
