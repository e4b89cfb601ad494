"""The sample article's phenomena in other countries and topics: flagged / fixed, per fluency mode.

    python scripts/fluency_phenomena.py

Sentences: tests/test_generalization.py (garbled, with the expected correction, and correct
English around the same trigger words) plus the two misses the fluency issue names. "Fixed"
means ``cleaner fix`` output contains the expected correction. LanguageTool off.
"""

from __future__ import annotations

from cleaner.checks.fluency.settings import with_choice
from cleaner.checks.registry import Mode
from cleaner.commands.common import open_pipeline
from cleaner.config.settings import Settings
from cleaner.document.sources import Source
from tests.test_generalization import CLEAN, GARBLED

EXTRA = [
    ("The pricing war between the two blocs has hurt exporters.", "trade war"),
    ("After months of pricing negotiations, Seoul and Hanoi signed a deal.", "trade negotiations"),
]


def main() -> None:
    cases = [*GARBLED, *EXTRA]
    print("| mode | garbled flagged | fixed as expected | clean sentences flagged |\n|---|---:|---:|---:|")
    for mode in ("off", "gate", "full"):
        flagged = fixed = alarms = 0
        expected_n = sum(1 for _, e in cases if e)
        with open_pipeline(with_choice(Settings(modes={"languagetool": Mode.OFF}), mode), print) as p:
            for sentence, expected in cases:
                r = p.analyze(Source(path="s.txt", text=sentence + "\n"))
                flagged += bool(r.findings)
                fixed += bool(expected and expected in r.corrected)
            for sentence in CLEAN:
                alarms += bool(p.analyze(Source(path="c.txt", text=sentence + "\n")).findings)
        print(
            f"| {mode} | {flagged}/{len(cases)} ({100 * flagged / len(cases):.0f} %) "
            f"| {fixed}/{expected_n} ({100 * fixed / expected_n:.0f} %) | {alarms}/{len(CLEAN)} |"
        )


if __name__ == "__main__":
    main()
