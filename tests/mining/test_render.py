"""Mined candidates as rule YAML: exact-word patterns, `{N}` carry-overs, pivots, unique ids, a valid file."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

from cleaner.checks.rules.api import compile_and_verify
from cleaner.mining.miner import Candidate
from cleaner.mining.render import (
    candidate_rule,
    candidates_yaml,
    pattern_source,
    pivot_codes,
    replacement_template,
    rule_id,
)


def more_that(**extra: object) -> Candidate:
    """ "more that <num>" restores to "more than <num>"."""
    fields: dict[str, object] = {
        "garbled": ("more", "that", "<num>"),
        "original": ("more", "than", "<num>"),
        "replacement": "more than 0",
        "match_surface": "more that 20",
        "applications": 8,
        "right": 6,
        "documents": 4,
        "pivots": Counter({"spa": 5, "fra": 1}),
        "examples": [("It has more that 20 staff.", "It has more than 20 staff.")],
    }
    fields.update(extra)
    return Candidate(**fields)  # type: ignore[arg-type]


def test_words_match_exactly_numbers_become_num_and_a_family_slot_lists_its_words() -> None:
    assert pattern_source(more_that()) == "=more =that $num"
    family = Candidate(garbled=("*", "effects"), original=("*", "impact"), alternatives=("economic", "social"), slot=0)
    assert pattern_source(family) == "{=economic|=social} =effects"
    assert pattern_source(Candidate(garbled=("well", ","), original=("well",))) == "=well ,"


def test_numbers_and_the_family_slot_are_carried_over_from_the_match() -> None:
    assert replacement_template(more_that()) == "more than {3}"
    family = Candidate(garbled=("*", "effects"), original=("*", "impact"), slot=0, replacement="\x00 impact")
    assert replacement_template(family) == "{1} impact"


def test_pivots_below_a_fifth_are_left_out_and_codes_are_iso() -> None:
    assert pivot_codes(more_that()) == ["es"]  # French is 1 of 6 applications: under a fifth
    assert pivot_codes(more_that(pivots=Counter({"fra": 3, "deu": 2}))) == ["fr", "de"]
    assert pivot_codes(more_that(pivots=Counter({"Klingon!": 5}))) == []


def test_rule_ids_name_the_pivot_and_words_and_never_repeat() -> None:
    taken: set[str] = set()
    first = rule_id(more_that(), "MINED", taken)
    second = rule_id(more_that(), "MINED", taken)
    assert (first, second) == ("MINED_ES_MORE_THAT", "MINED_ES_MORE_THAT_2")
    assert rule_id(more_that(garbled=("<num>",), pivots=Counter()), "MINED", taken) == "MINED_RT_NUM"


def test_a_rule_says_where_it_came_from_and_how_well_it_did() -> None:
    rule = candidate_rule(more_that(), "MINED_X", "mined from pairs.jsonl")
    assert rule["category"] == "grammar"  # "that" for "than": a function word
    assert rule["confidence"] == round(more_that().confidence, 2) < 0.75  # the Wilson bound of 6 of 8
    assert (
        "Round trip through Spanish: 'more that 20' is how machine translation brings back 'more than …'"
        in (rule["message"])
    )
    assert rule["note"].startswith("mined from pairs.jsonl: 6 of 8 occurrences restore the original (precision 0.75")


def test_the_rendered_file_compiles_its_examples_pass_and_candidates_without_examples_are_dropped(
    tmp_path: Path,
) -> None:
    text = candidates_yaml([more_that(), more_that(examples=[])], "mined from test pairs")
    assert [r["id"] for r in yaml.safe_load(text)["rules"]] == ["MINED_ES_MORE_THAT"]
    path = tmp_path / "candidates.yaml"
    path.write_text(text, encoding="utf-8")
    compiled = compile_and_verify([path])  # raises if the rule is invalid or its example fails
    assert [r.id for r in compiled.rules] == ["MINED_ES_MORE_THAT"]
