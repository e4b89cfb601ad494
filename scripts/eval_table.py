"""Put several ``cleaner eval --summary`` files side by side as one Markdown table.

Usage (the table in docs/evaluation.md):

    python scripts/eval_table.py "cleaner (all)=reports/eval/cleaner.json" \
        "rules only=reports/eval/rules.json" "LanguageTool alone=reports/eval/lt-defaults.json"
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from cleaner.evaluation.report import markdown_table


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("runs", nargs="+", help="NAME=SUMMARY.json (the column title, then the file)")
    args = ap.parse_args()
    summaries = {}
    for run in args.runs:
        name, _, path = run.rpartition("=")
        summaries[name or Path(path).stem] = json.loads(Path(path).read_text(encoding="utf-8"))
    print(markdown_table(summaries), end="")


if __name__ == "__main__":
    main()
