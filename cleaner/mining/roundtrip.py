"""Round-trip English text through Apertium the way the shared development pairs were made.

The construction is fixed by /work/shared/data/roundtrip/README.md: all lines of a document go to Apertium in one
call as blank-line-separated paragraphs (plain newlines let Apertium move words across lines), `apertium -u`, a
paragraph-count check after each direction with a per-line fallback, and a spacing tidy that removes the blanks
Apertium leaves where it dropped a word, unless the original line has the same spacing. Keeping the construction
identical is what makes tuning pairs comparable with the development pairs.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_MULTISPACE = re.compile(r" {2,}")
_SPACE_BEFORE_PUNCT = re.compile(r" ([,.;:!?)\]])")
# Apertium needs seconds per document; a wedged process must not hang a batch run.
APERTIUM_TIMEOUT_S = 600.0


class ApertiumError(RuntimeError):
    """Apertium failed or is missing: the message says which mode and why."""


@dataclass(frozen=True)
class RoundTrip:
    """One document after English -> pivot -> English, line-aligned with the original."""

    garbled: list[str]
    garbled_raw: list[str]
    pivot_text: list[str]
    line_fallback: bool


def tidy_spacing(raw: str, original: str) -> str:
    """Drop the blanks left by words Apertium dropped, where the original line has no such spacing."""
    text = raw
    if "  " not in original:
        text = _MULTISPACE.sub(" ", text)

    def keep_if_original_has_it(match: re.Match[str]) -> str:
        return match.group(0) if match.group(0) in original else match.group(1)

    text = _SPACE_BEFORE_PUNCT.sub(keep_if_original_has_it, text)
    return text.strip()


def run_apertium(mode: str, text: str) -> str:
    """`apertium -u MODE` on plain text; unknown words pass through without `*` marks."""
    try:
        done = subprocess.run(
            ["apertium", "-u", mode],
            input=text,
            capture_output=True,
            text=True,
            timeout=APERTIUM_TIMEOUT_S,
            check=False,
        )
    except FileNotFoundError as exc:
        raise ApertiumError("apertium is not installed (make apertium)") from exc
    except subprocess.TimeoutExpired as exc:
        raise ApertiumError(f"apertium {mode}: no answer after {APERTIUM_TIMEOUT_S:.0f} s") from exc
    if done.returncode != 0:
        detail = done.stderr.strip().splitlines()[-1:] or ["no message"]
        raise ApertiumError(f"apertium {mode}: exit {done.returncode}: {detail[0]}")
    return done.stdout


def split_paragraphs(text: str) -> list[str]:
    """Apertium output back into paragraphs, each trimmed."""
    return [part.strip() for part in PARAGRAPH_BREAK.split(text.strip("\n"))]


def translate_lines(mode: str, lines: list[str]) -> tuple[list[str], bool]:
    """Translate lines as paragraphs in one call; per line if Apertium changed the paragraph count."""
    out = split_paragraphs(run_apertium(mode, "\n\n".join(lines)))
    if len(out) == len(lines):
        return out, False
    return [" ".join(split_paragraphs(run_apertium(mode, line))) for line in lines], True


def round_trip(lines: list[str], there: str, back: str) -> RoundTrip:
    """English lines through mode `there` and back through mode `back`, line-aligned."""
    pivot, fallback_there = translate_lines(there, lines)
    raw, fallback_back = translate_lines(back, pivot)
    garbled = [tidy_spacing(line, original) for line, original in zip(raw, lines, strict=True)]
    return RoundTrip(garbled, raw, pivot, fallback_there or fallback_back)


def apertium_versions(pair_package: str) -> dict[str, str]:
    """The version fields recorded with every record: `apertium -V` and the Debian package versions."""

    def deb_version(package: str) -> str:
        done = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True, check=False
        )
        return done.stdout.strip() if done.returncode == 0 else "unknown"

    version = subprocess.run(["apertium", "-V"], capture_output=True, text=True, check=False).stdout.strip()
    return {"apertium": version, "apertium_deb": deb_version("apertium"), pair_package: deb_version(pair_package)}
