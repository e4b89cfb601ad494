"""Readability works offline: textstat must never ask NLTK to download cmudict."""

from __future__ import annotations

import pytest

from cleaner import metrics
from cleaner.document.spans import Span
from cleaner.findings.finding import Finding, Severity
from cleaner.metrics import garble_score, readability


def test_readability_never_downloads(monkeypatch: pytest.MonkeyPatch) -> None:
    import nltk

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("nltk.download was called")

    monkeypatch.setattr(nltk, "download", refuse)
    r = readability("The cat sat on the mat. It was a sunny day, and everyone was happy.")
    assert r.flesch_reading_ease > 60
    assert 0 < r.flesch_kincaid_grade < 8
    assert r.gunning_fog > 0


def test_longer_words_read_harder() -> None:
    easy = readability("The dog ran. The cat sat. We ate.")
    hard = readability("Institutional considerations necessitate comprehensive multilateral deliberations.")
    assert hard.flesch_reading_ease < easy.flesch_reading_ease


def test_empty_text() -> None:
    assert readability("  ").flesch_reading_ease == 0.0


def test_garble_score_weights_severity_per_100_words() -> None:
    f = Finding(Span(0, 1), "x", "R", "rules", "c", Severity.MAJOR, 1.0, "m")
    g = Finding(Span(0, 1), "x", "R", "rules", "c", Severity.MINOR, 1.0, "m")
    assert garble_score([f, g], 200) == 3.0
    assert garble_score([], 0) == 0.0


def test_readability_does_not_even_import_nltk() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from cleaner.metrics import readability\n"
        "assert readability('The cat sat on the mat.').flesch_reading_ease > 0\n"
        "print('nltk' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_textstats_word_by_word_lookups_get_a_vocabulary_sized_cache() -> None:
    import importlib

    readability("A first sentence installs the tables.")
    module = importlib.import_module("textstat.backend.selections._list_difficult_words")
    assert module.is_difficult_word.cache_info().maxsize == metrics.WORD_CACHE
    text = " ".join(f"extraordinary{i} considerations" for i in range(300)) + "."
    first = readability(text)
    assert readability(text) == first  # cached or not, the same scores


def test_the_hyphenation_dictionary_is_parsed_once_per_machine(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """textstat's pyphen dictionary comes from the cache once stored, and hyphenates as a fresh one does."""
    import pyphen

    monkeypatch.setattr(metrics, "cache_dir", lambda: tmp_path)
    metrics._hyphenation.cache_clear()
    try:
        built = metrics._hyphenation("en_US")
        assert [p.name for p in tmp_path.iterdir()] == [f"pyphen-{pyphen.__version__}-en_US.pickle"]
        metrics._hyphenation.cache_clear()

        def parse_again(*args: object, **kwargs: object) -> None:
            raise AssertionError("parsed the pattern file again")

        monkeypatch.setattr(pyphen.Pyphen, "__init__", parse_again)
        loaded = metrics._hyphenation("en_US")
    finally:
        metrics._hyphenation.cache_clear()
    assert loaded is not built
    words = ["hyphenation", "Zhengzhou", "prosecutorial", "Xi"]
    assert [loaded.positions(w) for w in words] == [built.positions(w) for w in words]  # type: ignore[attr-defined]
    from textstat.backend.counts import _count_syllables

    readability("Zhengzhou officials met.")
    assert _count_syllables.get_pyphen is metrics._hyphenation  # textstat asks ours
