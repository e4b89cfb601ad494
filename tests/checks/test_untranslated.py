"""Untranslated pivot words: frequent in es/ca/fr/pt/it/de, rare in English (real wordfreq data)."""

from __future__ import annotations

from cleaner.checks.untranslated import GLUED_RULE_ID, RULE_ID, UntranslatedWordChecker, judge
from cleaner.document import Document


def _found(text: str) -> list[tuple[str, str]]:
    return [(f.rule_id, f.text) for f in UntranslatedWordChecker().check(Document.from_text(text))]


def test_pivot_words_left_in_the_text_are_flagged_with_their_language():
    found = UntranslatedWordChecker().check(
        Document.from_text("The mayor said the seva família was safe, and the gobierno agreed.")
    )
    by_word = {f.text: f for f in found}
    assert set(by_word) == {"seva", "família", "gobierno"}
    assert "Catalan" in by_word["seva"].message and "Spanish" in by_word["gobierno"].message
    assert all(f.engine == "rules" and not f.replacements for f in found)


def test_glued_pivot_words_and_numbers_are_flagged():
    assert _found("She and her twin niñosde10meses were found.") == [(GLUED_RULE_ID, "niñosde10meses")]


def test_english_names_quotes_and_loanwords_are_left_alone():
    text = (
        "José Peña met the café owner in Málaga for a rendezvous; a de facto ban, per the junta.\n"
        'Fans chanted "olé, olé" as the fiesta began.\n'
        "Covid19 cases and F16 jets were in the news.\n"
    )
    assert _found(text) == []


def test_the_verdict_needs_both_rarity_in_english_and_frequency_in_a_pivot_language():
    assert judge("meses") is not None and judge("meses").language == "es"
    assert judge("the") is None
    assert judge("tariffs") is None
    assert judge("xqzvw") is None  # rare everywhere: a typo, not a pivot word
    assert RULE_ID == "PIVOT_UNTRANSLATED_WORD"


def test_the_cached_verdict_table_agrees_with_wordfreq_lookups() -> None:
    from wordfreq import get_frequency_dict

    from cleaner.checks.untranslated import judge, judge_with_wordfreq, verdict_table

    assert verdict_table()["meses"].language == "es"
    words = [w for lang in ("es", "ca", "en") for w in list(get_frequency_dict(lang, "small"))[:1500]]
    words += ["meses", "família", "niños", "seva", "zzqx"]
    plain = [w for w in words if w.isalpha() and len(w) >= 3]
    assert len(plain) > 3000
    assert [w for w in plain if judge(w) != judge_with_wordfreq(w)] == []


def test_a_new_table_shares_equal_verdicts_and_replaces_the_files_of_other_keys(tmp_path, monkeypatch) -> None:
    """Equal verdicts are one object (the file then holds each once); other keys' tables and memos go."""
    import pickle

    from cleaner.checks import untranslated

    monkeypatch.setattr(untranslated, "cache_dir", lambda: tmp_path)
    key = untranslated._table_key()
    stale = [tmp_path / "untranslated-3.0.0-0123456789ab.pickle", tmp_path / "untranslated-words-3.0.0-0.pickle"]
    memo = tmp_path / f"untranslated-words-{key}.pickle"
    for path in (*stale, memo):
        path.write_bytes(pickle.dumps({}))
    untranslated.verdict_table.cache_clear()
    try:
        table = untranslated.verdict_table()
    finally:
        untranslated.verdict_table.cache_clear()
    objects = {id(v) for v in table.values()}
    assert len(table) > 10_000 and len(objects) == len(set(table.values())) < len(table) / 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([f"untranslated-{key}.pickle", memo.name])
    loaded = pickle.loads((tmp_path / f"untranslated-{key}.pickle").read_bytes())
    assert loaded == table and len({id(v) for v in loaded.values()}) == len(objects)


def test_verdicts_on_words_with_apostrophes_are_remembered_on_disk(tmp_path, monkeypatch) -> None:
    import pytest

    from cleaner.checks import untranslated

    path = tmp_path / "memo.pickle"
    memo = untranslated.WordMemo(path)
    words = ["don't", "government's", "l'estat", "d'aquesta"]
    verdicts = [memo.verdict(w) for w in words]
    assert verdicts == [untranslated.judge_with_wordfreq(w) for w in words]
    assert verdicts[0] is None and verdicts[3] is not None  # Catalan "d'aquesta" is a pivot word
    memo.save()

    def no_lookup(word: str) -> None:
        raise AssertionError(f"looked {word!r} up again")

    monkeypatch.setattr(untranslated, "judge_with_wordfreq", no_lookup)
    again = untranslated.WordMemo(path)  # the next process
    assert [again.verdict(w) for w in words] == verdicts
    with pytest.raises(AssertionError, match="looked"):
        again.verdict("isn't")


def test_a_memo_save_keeps_what_another_process_saved_and_stays_bounded(tmp_path, monkeypatch) -> None:
    from cleaner.checks import untranslated

    path = tmp_path / "memo.pickle"
    first, second = untranslated.WordMemo(path), untranslated.WordMemo(path)
    first.verdict("don't")
    second.verdict("it's")
    first.save()
    second.save()
    assert set(untranslated.WordMemo(path).known) == {"don't", "it's"}
    monkeypatch.setattr(untranslated, "MEMO_LIMIT", 3)
    third = untranslated.WordMemo(path)
    for word in ("we're", "can't", "won't"):
        third.verdict(word)
    third.save()
    assert len(untranslated.WordMemo(path).known) == 3


def test_the_checker_remembers_the_words_it_had_to_look_up(monkeypatch, tmp_path) -> None:
    from cleaner.checks import untranslated

    memo = untranslated.WordMemo(tmp_path / "memo.pickle")
    monkeypatch.setattr(untranslated, "word_memo", lambda: memo)
    untranslated.judge.cache_clear()
    try:
        assert _found("The seva família didn't say.") == [(RULE_ID, "seva"), (RULE_ID, "família")]
    finally:
        untranslated.judge.cache_clear()
    assert "didn't" in untranslated.WordMemo(tmp_path / "memo.pickle").known


def test_a_damaged_memo_file_is_read_for_its_good_entries_only(tmp_path) -> None:
    import pickle

    from cleaner.checks import untranslated

    path = tmp_path / "memo.pickle"
    good = untranslated.judge_with_wordfreq("d'aquesta")
    path.write_bytes(pickle.dumps({"d'aquesta": good, "don't": 3, 7: None, "it's": "Catalan"}))
    assert untranslated.WordMemo(path).known == {"d'aquesta": good}
    path.write_bytes(b"not a pickle")
    assert untranslated.WordMemo(path).known == {}
