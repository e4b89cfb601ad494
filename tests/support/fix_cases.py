"""Random texts with findings over them (hypothesis), shared by the planner and applier tests."""

from __future__ import annotations

from hypothesis import strategies as st

from cleaner.document import Span
from cleaner.findings import Finding, Severity

WORDS = st.sampled_from(["a", "b", "ab", " ", "  ", "\n", "é", "😀", "the", "x y"])


def finding(
    text: str,
    start: int,
    end: int,
    *replacements: str,
    confidence: float = 0.9,
    severity: Severity = Severity.MAJOR,
    rule_id: str = "R",
) -> Finding:
    return Finding(
        span=Span(start, end),
        text=text[start:end],
        rule_id=rule_id,
        engine="rules",
        category="test",
        severity=severity,
        confidence=confidence,
        message="m",
        replacements=tuple(replacements),
    )


@st.composite
def texts_and_findings(draw: st.DrawFn) -> tuple[str, list[Finding]]:
    text = "".join(draw(st.lists(WORDS, max_size=12)))
    n = draw(st.integers(0, 8))
    found = []
    for i in range(n):
        a = draw(st.integers(0, len(text)))
        b = draw(st.integers(a, len(text)))
        reps = draw(st.lists(st.text(alphabet="ab xé\n", max_size=6), max_size=3))
        found.append(
            finding(
                text,
                a,
                b,
                *reps,
                confidence=draw(st.sampled_from([0.0, 0.5, 0.79, 0.8, 0.81, 1.0])),
                severity=draw(st.sampled_from(list(Severity))),
                rule_id=f"R{i}",
            )
        )
    return text, found


CASES = texts_and_findings()
