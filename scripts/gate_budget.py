"""How often the fluency gate's budget binds (docs/fluency.md, "Budget"): findings to judge against judged.

    python scripts/gate_budget.py [--mode gate|full] [--pairs ../shared/data/roundtrip/roundtrip_dev.jsonl.gz]

Runs the sample article and every garbled text of the pairs (LanguageTool off) and
prints, for the sample and for the pairs, the findings the gate would judge, those
its budget left unjudged, and the unjudged ones by risk class (gate.risk: 0 fixes
``fix`` applies, 1 failing findings, 2 unconfirmed matches, 3 hints).
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import cleaner.checks.fluency.gate as gate
from cleaner.checks.fluency.scorer import Scorer
from cleaner.checks.fluency.settings import FluencyOptions, with_choice
from cleaner.checks.registry import Mode
from cleaner.commands.common import open_pipeline
from cleaner.config.settings import Settings
from cleaner.document import Document
from cleaner.document.sources import Source, read_source
from cleaner.findings import Finding

SAMPLE = Path("seeds/000_9274cd7fb5159084.txt")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mode", choices=("gate", "full"), default="full")
    ap.add_argument("--pairs", type=Path, default=Path("../shared/data/roundtrip/roundtrip_dev.jsonl.gz"))
    args = ap.parse_args()
    calls: list[tuple[int, int, list[int]]] = []
    choose = gate.within_budget

    def counted(
        doc: Document, findings: Sequence[Finding], todo: Sequence[int], scorer: Scorer, budget: int
    ) -> list[int]:
        chosen = choose(doc, findings, todo, scorer, budget)
        calls.append((len(todo), len(chosen), [gate.risk(findings[i])[0] for i in todo if i not in chosen]))
        return chosen

    gate.within_budget = counted  # a measuring wrapper around the real choice
    with gzip.open(args.pairs, "rt", encoding="utf-8") as f:
        pairs = [Source(path=r["id"], text=r["garbled"]) for r in map(json.loads, f)]
    base = Settings(modes={"languagetool": Mode.OFF}, fluency=FluencyOptions(threads=1))
    sets = {"sample article": [read_source(str(SAMPLE))], f"{len(pairs)} round trips": pairs}
    print(f"mode {args.mode}\n\n| texts | budget binds on | to judge | unjudged | unjudged by risk class |")
    print("|---|---|---|---|---|")
    with open_pipeline(with_choice(base, args.mode), print) as p:
        for name, sources in sets.items():
            calls.clear()
            for src in sources:
                p.analyze(src)
            bound = sum(1 for todo, chosen, _ in calls if chosen < todo)
            unjudged = Counter(c for *_, classes in calls for c in classes)
            print(
                f"| {name} | {bound} of {len(sources)} | {sum(t for t, _, _ in calls)} | "
                f"{sum(t - c for t, c, _ in calls)} | {dict(sorted(unjudged.items()))} |"
            )


if __name__ == "__main__":
    main()
