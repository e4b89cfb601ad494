from __future__ import annotations

from cleaner.checks.fluency.confusions import load_confusions


def test_table_has_pivot_senses_from_real_dictionaries() -> None:
    table = load_confusions()
    prices = {c.alternative: c for c in table.get("prices")}
    assert "tariffs" in prices
    assert prices["tariffs"].pivot == "tarifa"
    assert prices["tariffs"].language in {"Spanish", "Catalan"}
    sources = {c.source for entries in table.entries.values() for c in entries}
    assert sources == {"apertium", "freedict"}


def test_lookup_ignores_case_and_unknown_words_have_none() -> None:
    table = load_confusions()
    assert table.get("Prices") == table.get("prices")
    assert table.get("zzqx") == ()


def test_some_entries_were_attested_in_tuning_round_trips() -> None:
    table = load_confusions()
    assert any(c.seen > 0 for entries in table.entries.values() for c in entries)
