"""The pivot lexicon: word round trips, frequency priors, evidence from aligned pairs, and the choice between them."""

from __future__ import annotations

import pytest

from cleaner.mining.lexicon import (
    LexiconEntry,
    TokenEvidence,
    WordTrip,
    choose,
    lexical_round_trip,
    lexicon_priors,
    paragraphs_translator,
    token_evidence,
)
from cleaner.mining.pairs import Pair
from cleaner.mining.roundtrip import run_apertium

FREQ = {"team": 0.008, "squad": 0.001, "children": 0.004, "boys": 0.002, "chair": 0.001, "mundo": 0.0001}


def freq(word: str) -> float:
    return FREQ.get(word, 0.0)


def test_real_apertium_brings_team_back_as_squad() -> None:
    trips = lexical_round_trip(["team", "children"], paragraphs_translator(run_apertium), "eng-spa", "spa-eng")
    assert [t.word for t in trips] == ["team", "children"]
    assert trips[0].pivot_form.lower() == "equipo"
    assert [t.back.lower() for t in trips] == ["squad", "boys"]


def test_prior_is_the_share_of_frequency_mass_from_other_words() -> None:
    trips = [WordTrip("team", "equipo", "squad"), WordTrip("squad", "equipo", "squad")]
    entry = lexicon_priors({"es": trips}, freq)["squad"]
    assert entry.original == "team"
    assert entry.flag == entry.restore == pytest.approx(0.008 / 0.009)
    assert entry.pivots == ("es",)


def test_words_the_pivot_did_not_know_tell_nothing() -> None:
    # "mundo" passed through eng→spa untranslated, so its coming back as "world" says nothing about English.
    trips = [WordTrip("mundo", "mundo", "world"), WordTrip("chair", "silla", "chair")]
    assert lexicon_priors({"es": trips}, freq) == {}


def test_a_form_never_sent_itself_counts_as_surviving() -> None:
    entry = lexicon_priors({"es": [WordTrip("children", "niños", "boys")]}, freq)["boys"]
    assert entry.flag == pytest.approx(0.004 / 0.006)  # children's mass against children + boys


def test_pivots_that_agree_are_joined() -> None:
    trip = [WordTrip("team", "equip", "squad")]
    entry = lexicon_priors({"es": trip, "ca": trip}, freq)["squad"]
    assert entry.pivots == ("ca", "es")


def test_evidence_counts_garbled_occurrences_and_their_originals() -> None:
    pair = Pair("p", "d", "spa", "The team won.\nThe squad trained.", "The squad won.\nThe squad trained.", "f:1")
    seen = token_evidence([pair])["squad"]
    assert (seen.occurrences, seen.garbled) == (2, 1)
    assert seen.originals == {"team": 1}
    assert seen.documents == {"d"}


def entry(garbled: str, flag: float = 0.9) -> LexiconEntry:
    return LexiconEntry(garbled, "team", flag, 0.5, ("es",))


def test_measured_evidence_overrides_the_prior() -> None:
    weak = TokenEvidence(occurrences=10, garbled=3)
    strong = TokenEvidence(occurrences=10, garbled=9)
    strong.originals["team"] = 6
    chosen = choose([entry("squad"), entry("crew")], {"squad": strong, "crew": weak}, lambda w: 4.0)
    assert [(c.entry.garbled, c.measured, c.flag, c.restore) for c in chosen] == [("squad", True, 0.9, 0.6)]


def test_prior_alone_needs_a_rare_enough_word_and_a_high_share() -> None:
    zipf = {"squad": 4.0, "often": 5.5, "rare": 1.0}.__getitem__
    entries = [entry("squad"), entry("often"), entry("rare"), entry("low", 0.5)]
    chosen = choose(entries, {}, lambda w: zipf(w) if w != "low" else 4.0)
    assert [c.entry.garbled for c in chosen] == ["squad"]


def test_the_most_frequent_words_are_left_to_context_rules_even_when_measured() -> None:
    seen = TokenEvidence(occurrences=100, garbled=95)
    seen.originals["team"] = 50
    assert choose([entry("at")], {"at": seen}, lambda w: 6.7) == []
