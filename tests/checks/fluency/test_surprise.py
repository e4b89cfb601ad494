"""Surprising words: which words are scored (pure), and what the real model finds surprising."""

from __future__ import annotations

import itertools

from cleaner.checks.fluency import SURPRISE_RULE_ID
from cleaner.checks.fluency.checker import FluencyChecker
from cleaner.checks.fluency.confusions import load_confusions
from cleaner.checks.fluency.scorer import Scorer
from cleaner.checks.fluency.settings import FULL_MODE_SURPRISE, FluencyOptions
from cleaner.checks.fluency.surprise import _scored_words, _window, surprising_words, word_surprise
from cleaner.document import Document
from cleaner.findings import Severity

CALQUE = "Officials said the cadres should solidly carry out the work of the masses."


def test_names_numbers_and_acronyms_are_not_scored() -> None:
    doc = Document.from_text("In 2024 Wang told NATO that the 3rd plan was well-known.")
    assert [t.text for t in _scored_words(doc)] == ["told", "that", "the", "plan", "was", "well", "known"]


def test_a_word_is_scored_after_its_own_sentence_only() -> None:
    doc = Document.from_text("First sentence here. Then the  second one.")
    (tok,) = [t for t in doc.tokens if t.text == "second"]
    window = _window(doc, tok)
    assert window.prefix == "Then the" and window.continuations == ("  second",)
    (first,) = [t for t in doc.tokens if t.text == "sentence"]
    assert _window(doc, first).prefix == "First"


def test_odd_collocations_are_flagged_and_ordinary_words_are_not(scorer: Scorer) -> None:
    found = surprising_words(Document.from_text(CALQUE), scorer, 10.0)
    words = [f.text for f in found]
    assert "cadres" in words and "solidly" in words
    assert not {"said", "the", "should", "of", "work"} & set(words)
    assert all(f.severity is Severity.INFO and not f.replacements and f.rule_id == SURPRISE_RULE_ID for f in found)
    assert all(float(f.message.split("(")[1].split(" nats")[0]) >= 10.0 for f in found)


def test_a_higher_threshold_flags_a_subset(scorer: Scorer) -> None:
    doc = Document.from_text(CALQUE)
    low = {f.span for f in surprising_words(doc, scorer, 8.0)}
    high = {f.span for f in surprising_words(doc, scorer, 14.0)}
    assert high < low


def test_full_mode_flags_surprising_words_by_default_gate_mode_only_when_asked() -> None:
    assert FluencyOptions().surprise_in("full") == FULL_MODE_SURPRISE == 14.0
    assert FluencyOptions().surprise_in("gate") == 0.0
    assert FluencyOptions(surprise=0.0).surprise_in("full") == 0.0
    assert FluencyOptions(surprise=10.0).surprise_in("gate") == 10.0


def test_the_checker_flags_nothing_when_off_and_leaves_a_proposed_word_to_its_proposal(scorer: Scorer) -> None:
    doc = Document.from_text("The cadres should grasp the work of the masses.")
    off = FluencyChecker(scorer, load_confusions(), "full", FluencyOptions(surprise=0.0))
    assert SURPRISE_RULE_ID not in {f.rule_id for f in off.check(doc)}
    assert FluencyChecker(scorer, load_confusions(), "gate", FluencyOptions()).check(doc) == []
    on = FluencyChecker(scorer, load_confusions(), "full", FluencyOptions(surprise=10.0))
    found = on.check(doc)
    assert SURPRISE_RULE_ID in {f.rule_id for f in found}
    spans = [f.span for f in found]
    assert len(spans) == len(set(spans))  # "grasp" has a proposal ('take'), not a second hint
    gate = FluencyChecker(scorer, load_confusions(), "gate", FluencyOptions(surprise=10.0))
    assert {f.rule_id for f in gate.check(doc)} == {SURPRISE_RULE_ID}


def test_every_scored_word_gets_its_surprise_and_the_hints_are_those_above_the_threshold(scorer: Scorer) -> None:
    doc = Document.from_text(CALQUE)
    scored = word_surprise(doc, scorer)
    assert [t.text for t, _ in scored] == [t.text for t in _scored_words(doc)]
    assert all(n > 0 for _, n in scored)
    assert [f.span for f in surprising_words(doc, scorer, 10.0)] == [t.span for t, n in scored if n >= 10.0]


def test_a_sentence_without_end_gives_each_word_a_bounded_context_shared_along_a_stretch() -> None:
    from cleaner.checks.fluency.windows import SENTENCE_GRID

    grid = SENTENCE_GRID
    doc = Document.from_text(" ".join(f"word{i % 7}x" if i % 2 else "and" for i in range(400)))
    lengths = [len(_window(doc, tok).prefix.split()) for tok in _scored_words(doc)]
    assert len(lengths) == 200
    assert max(lengths) <= grid.words + grid.min_left and min(lengths[100:]) >= grid.min_left
    prefixes = [_window(doc, tok).prefix for tok in _scored_words(doc)]
    restarts = sum(not b.startswith(a) for a, b in itertools.pairwise(prefixes))
    assert 0 < restarts <= 400 // grid.words  # a context restarts only at a grid point: the next word extends it
