"""``cleaner rules mine``: candidate rules from round-trip pairs, ranked, for a person to review."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cleaner.errors import ExitCode
from cleaner.files import write_text_atomic
from cleaner.mining import Candidate, MineSettings, candidates_yaml, mine, read_clean, read_pairs


def run_rules_mine(
    pairs_path: Path,
    clean_path: Path | None,
    out_path: Path | None,
    settings: MineSettings,
    out: Callable[[str], None],
) -> ExitCode:
    """Mine, then write the candidate YAML (to --out, or stdout) and print the ranked table when writing a file."""
    pairs = read_pairs(pairs_path)
    clean = read_clean(clean_path) if clean_path else []
    candidates = mine(pairs, clean, settings)
    command = f"cleaner rules mine {pairs_path.name}" + (f" --clean {clean_path.name}" if clean_path else "")
    text = candidates_yaml(candidates, f"mined from {pairs_path.name} ({len(pairs)} pairs) by `{command}`")
    if out_path is None:
        out(text.rstrip("\n"))
        return ExitCode.OK
    write_text_atomic(out_path, text)
    out(_table(candidates))
    out(f"{len(candidates)} candidates from {len(pairs)} pairs written to {out_path}")
    return ExitCode.OK


def _table(candidates: list[Candidate]) -> str:
    rows = ["rank\tright/applied\tprecision\twilson\tdocs\tclean/1k\tkind\tgarbled -> original"]
    for rank, c in enumerate(candidates, 1):
        garbled = " ".join(c.garbled).replace("*", "{" + "|".join(c.alternatives) + "}")
        rows.append(
            f"{rank}\t{c.right}/{c.applications}\t{c.precision:.2f}\t{c.confidence:.2f}\t{c.documents}\t"
            f"{c.clean_per_1000:.2f}\t{c.kind}\t{garbled} -> {c.replacement.replace(chr(0), '…')}"
        )
    return "\n".join(rows)
