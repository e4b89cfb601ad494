"""Proposals: which words are tried (pure), and what the real model makes of them."""

from __future__ import annotations

from dataclasses import replace

from cleaner.checks.fluency.confusions import Confusion, ConfusionTable, load_confusions
from cleaner.checks.fluency.propose import MAX_ALTERNATIVES, RULE_ID, candidates, propose, usable
from cleaner.checks.fluency.scorer import Scorer
from cleaner.checks.fluency.settings import FluencyOptions
from cleaner.document import Document, Span


def _c(alternative: str, seen: int = 1, source: str = "freedict") -> Confusion:
    return Confusion(alternative, "Spanish", "tarifa", source, seen)


TABLE = ConfusionTable(
    {
        "prices": (_c("tariffs", seen=9),),
        "talks": (_c("negotiations", seen=2),),
        "rose": (_c("pink", seen=0),),  # a dictionary-only FreeDict sense: never tried
        "jump": (_c("leap", seen=0, source="apertium"),),  # Apertium's curated senses always are
        "nato": (_c("swimming"),),
        "gold": (_c("ore"),),
        "oil": (_c("petrol"),),
    }
)


def _words(doc: Document, limit: int = 10, taken: list[Span] | None = None) -> list[str]:
    return [c.token.text for c in candidates(doc, TABLE, limit, taken or [])]


def test_usable_senses_are_curated_or_seen_in_a_round_trip() -> None:
    assert usable(_c("x", seen=1)) and usable(_c("x", seen=0, source="apertium"))
    assert not usable(_c("x", seen=0, source="freedict"))


def test_names_acronyms_short_words_and_unseen_senses_are_not_candidates() -> None:
    doc = Document.from_text("Prices rose at NATO as Gold and oil prices jump.")
    # "Prices" opens the sentence (kept); "Gold" mid-sentence is a name; "NATO" is capitals; "rose" unusable
    assert _words(doc) == ["Prices", "oil", "prices", "jump"]


def test_words_inside_another_finding_are_left_to_the_gate() -> None:
    text = "Oil prices and talks."
    doc = Document.from_text(text)
    start = text.index("prices")
    assert _words(doc, taken=[Span(start - 4, start + 3)]) == ["talks"]


def test_the_most_confused_words_win_the_limit_and_come_back_in_text_order() -> None:
    doc = Document.from_text("The talks on oil prices.")
    assert _words(doc, limit=2) == ["talks", "prices"]  # "prices" (seen 9), then "talks" (seen 2), not "oil"


def test_a_word_tries_at_most_a_few_alternatives() -> None:
    many = ConfusionTable({"prices": tuple(_c(f"alt{i}") for i in range(MAX_ALTERNATIVES + 2))})
    (cand,) = candidates(Document.from_text("Oil prices."), many, 5, [])
    assert [c.alternative for c in cand.confusions] == [f"alt{i}" for i in range(MAX_ALTERNATIVES)]


GARBLED = "The government imposed new prices of 25% on imported steel and aluminium from Canada."


def test_proposals_name_the_pivot_sense(scorer: Scorer) -> None:
    found = propose(Document.from_text(GARBLED), load_confusions(), scorer, FluencyOptions(), [])
    assert [f.text for f in found] == ["prices"]
    (f,) = found
    assert f.rule_id == RULE_ID and f.engine == "fluency" and f.replacements == ("tariffs",)
    assert "'tarifa' is both 'prices' and 'tariffs'" in f.message


def test_clean_sentence_gets_no_proposal(scorer: Scorer) -> None:
    doc = Document.from_text("Oil prices rose sharply on Monday as investors worried about supply.")
    assert propose(doc, load_confusions(), scorer, FluencyOptions(), []) == []


def test_the_margin_decides_and_the_confidence_grows_with_the_gain(scorer: Scorer) -> None:
    doc = Document.from_text(GARBLED)
    (f,) = propose(doc, load_confusions(), scorer, FluencyOptions(), [])
    gain = float(f.message.rsplit("(", 1)[1].split()[0])
    assert gain >= FluencyOptions().propose_margin
    assert propose(doc, load_confusions(), scorer, replace(FluencyOptions(), propose_margin=gain + 0.5), []) == []
    at_apply = propose(doc, load_confusions(), scorer, replace(FluencyOptions(), propose_apply=gain), [])
    assert abs(at_apply[0].confidence - 0.8) <= 0.01  # the fix threshold exactly where the gain is propose_apply
    assert f.confidence != at_apply[0].confidence
