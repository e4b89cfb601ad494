"""The miner finds recurring substitutions, measures them like rules, and renders valid rule YAML."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.checks.rules.api import compile_and_verify
from cleaner.mining.miner import MineSettings, mine, wilson_lower_bound
from cleaner.mining.pairs import CleanText, Pair
from cleaner.mining.render import candidates_yaml

TOPICS = ["the harbour", "the new school", "a local bank", "the city council", "the hospital"]


def pair(i: int, original: str, garbled: str, pivot: str = "spa") -> Pair:
    return Pair(f"t:doc{i}:rt-{pivot}", f"t:doc{i}", pivot, original, garbled, f"pairs:{i}")


def corpus() -> list[Pair]:
    """Five documents: "more that <num>" stands for "more than <num>"; "even so," for "however," in four."""
    pairs = []
    for i, topic in enumerate(TOPICS):
        # "that" alone is right English on the third line: only "more that" is a garble.
        original = f"However, {topic} opened.\nIt has more than 20 staff.\nHe said that staff left."
        garbled = f"Even so, {topic} opened.\nIt has more that 20 staff.\nHe said that staff left."
        if i == 4:
            # "even so," also occurs where the original really had it: a wrong application.
            original = f"Even so, {topic} opened.\nIt has more than 20 staff.\nHe said that staff left."
        pairs.append(pair(i, original, garbled))
    return pairs


def by_phrase(candidates: list) -> dict[str, object]:  # type: ignore[type-arg]
    return {" ".join(c.garbled): c for c in candidates}


def test_recurring_substitutions_are_found_and_measured() -> None:
    found = by_phrase(mine(corpus(), [], MineSettings(min_support=3, min_documents=3)))
    even_so = found["even so"]
    assert (even_so.right, even_so.applications, even_so.documents) == (4, 5, 4)  # type: ignore[attr-defined]
    assert even_so.precision == pytest.approx(0.8)  # type: ignore[attr-defined]
    assert even_so.replacement == "however"  # type: ignore[attr-defined]
    more_that = found["more that"]
    assert (more_that.right, more_that.applications) == (5, 5)  # type: ignore[attr-defined]
    assert more_that.replacement == "more than"  # type: ignore[attr-defined]
    # Longer windows restore the same differences: they are left out as redundant.
    assert "has more that" not in found and "even so ," not in found
    assert "that" not in found  # right in 5 of 10 places: no better than chance
    assert more_that.kind == "function word"  # type: ignore[attr-defined]


def test_support_and_documents_thresholds_cut_one_article_garbles() -> None:
    pairs = [pair(0, "The Census Bureau said.", "The office of Census said.")] * 4
    assert mine(pairs, [], MineSettings(min_support=3, min_documents=2)) == []


def test_clean_text_counts_false_alarms() -> None:
    clean = [CleanText("c", "Even so, nobody came. " * 10)]
    found = by_phrase(mine(corpus(), clean, MineSettings(min_support=3, min_documents=3)))
    even_so = found["even so"]
    # The originals of the pairs count as clean text too: one of them really says "Even so".
    assert even_so.clean_hits == 11  # type: ignore[attr-defined]
    assert even_so.clean_per_1000 > 0  # type: ignore[attr-defined]


def test_families_merge_context_words_into_alternatives() -> None:
    days = ["Monday", "Tuesday", "Friday"] * 2
    verbs = ["resumed", "began", "ended", "stopped", "failed", "started"]
    pairs = [
        pair(
            i,
            f"Talks {verb} on {day} in Rome.\nThe talks were long.",
            f"Talks {verb} the {day} in Rome.\nThe talks were long.",
        )
        for i, (verb, day) in enumerate(zip(verbs, days, strict=True))
    ]
    candidates = mine(pairs, [], MineSettings(min_support=3, min_documents=3))
    # No single window recurs in three documents; the family of either context does (the verbs or the days).
    family = next(c for c in candidates if c.alternatives)
    assert set(family.alternatives) in ({"monday", "tuesday", "friday"}, set(verbs))
    assert (family.right, family.applications, family.documents) == (6, 6, 6)


def test_wilson_lower_bound_rewards_support() -> None:
    assert wilson_lower_bound(0, 0) == 0.0
    assert wilson_lower_bound(10, 10) < wilson_lower_bound(100, 100) < 1.0
    assert wilson_lower_bound(5, 10) < 0.5


def test_rendered_candidates_are_valid_rules_whose_examples_pass(tmp_path: Path) -> None:
    candidates = mine(corpus(), [], MineSettings(min_support=3, min_documents=3))
    path = tmp_path / "candidates.yaml"
    path.write_text(candidates_yaml(candidates, "mined from test pairs"), encoding="utf-8")
    compiled = compile_and_verify([path])  # raises if a rule is invalid or an example fails
    rules = {r.id: r for r in compiled.rules}
    assert any(r.pattern is not None and r.pattern.source == "=even =so" for r in rules.values())
    assert path.read_text(encoding="utf-8").count("note: 'mined from test pairs: ") == len(rules)
