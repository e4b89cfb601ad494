"""The sample article: its garbled phrases are flagged with the right corrections (rules only)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.checks.rules.api import load_checker
from cleaner.document.document import Document
from cleaner.findings.finding import Finding

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_9274cd7fb5159084.txt"

# (garbled text as it appears, the correction the original English had)
EXPECTED = [
    ("pricing talks", "trade talks"),
    ("commercial impasse", "trade impasse"),
    ("the chief of China", "the leader of China"),
    ("Chinese chief", "Chinese leader"),
    ("pricing negotiations", "trade negotiations"),
    ("initiated the appeal", "initiated the call"),
    ("conclude an agreement", "reach an agreement"),
    ("XI", "Xi"),
    ("has", "have"),  # "Trade negotiations between the United States and China has stalled"
    ("rate rates", "tariffs"),
    ("145% prices", "145% tariffs"),
    ("taxes", "tariffs"),
    ("The secretary of the Treasury, Scott Bessent,", "Treasury Secretary Scott Bessent"),
    ("restart seriously", "resume in earnest"),
    ("census office", "Census Bureau"),
    ("the day of the inauguration", "Inauguration Day"),
    ("The couple", "The two leaders"),
    ("the requirements of Trumps", "Trump's requirements"),
    ("So much to be", "So much for being"),
]


@pytest.fixture(scope="module")
def findings() -> list[Finding]:
    return list(load_checker().check(Document.from_text(SEED.read_text("utf-8"), str(SEED))))


@pytest.mark.parametrize(("garbled", "correction"), EXPECTED, ids=[e[0] for e in EXPECTED])
def test_garble_is_flagged_with_the_right_correction(findings: list[Finding], garbled: str, correction: str) -> None:
    candidates = [f for f in findings if garbled in f.text or f.text in garbled]
    assert candidates, f"{garbled!r} was not flagged"
    text = SEED.read_text("utf-8")
    for f in candidates:
        if not f.replacements:
            continue
        fixed_context = text[max(0, f.start - 60) : f.start] + f.replacements[0] + text[f.end : f.end + 60]
        if correction in fixed_context:
            return
    raise AssertionError(f"{garbled!r}: got {[(f.text, f.replacements) for f in candidates]}")


def test_no_false_alarms_on_the_correct_sentences(findings: list[Finding]) -> None:
    text = SEED.read_text("utf-8")
    clean_sentences = [
        "The White House did not immediately comment.",
        "Trump and Xi had spoken for the last time in January",
        "The United States accuses China of not exporting critical minerals",
    ]
    for sentence in clean_sentences:
        start = text.index(sentence)
        inside = [f for f in findings if start <= f.start < start + len(sentence)]
        assert not inside, f"false alarm in {sentence!r}: {[(f.rule_id, f.text) for f in inside]}"
