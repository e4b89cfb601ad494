import multiprocessing
import sqlite3

from cleaner.checks.languagetool.cache import ResultCache, cache_key
from cleaner.checks.languagetool.mapping import LTMatch

M = LTMatch("HE_VERB_AGR", "GRAMMAR", "grammar", "msg", 3, 5, ("goes", "went"))


def test_round_trip_and_counters(tmp_path):
    cache = ResultCache(tmp_path / "r.sqlite", 1 << 20)
    key = cache_key("6.8", "fp", "He go.")
    assert cache.get(key) is None
    cache.put(key, [M])
    cache.put(cache_key("6.8", "fp", "Fine."), [])
    assert cache.get(key) == [M]
    assert cache.get(cache_key("6.8", "fp", "Fine.")) == []
    assert (cache.hits, cache.misses) == (2, 1)
    cache.close()


def test_key_depends_on_version_settings_and_text():
    keys = {
        cache_key("6.8", "fp", "a"),
        cache_key("6.7", "fp", "a"),
        cache_key("6.8", "other", "a"),
        cache_key("6.8", "fp", "b"),
    }
    assert len(keys) == 4


def test_size_is_bounded_and_least_recently_used_go_first(tmp_path):
    cache = ResultCache(tmp_path / "r.sqlite", 20_000)
    first = cache_key("6.8", "fp", "keep me")
    cache.put(first, [M])
    for i in range(400):
        cache.put(cache_key("6.8", "fp", f"text {i}"), [M])
        if i % 50 == 0:
            cache.get(first)  # recently used: survives eviction
    cache.evict()
    assert cache.size_bytes() <= 20_000
    assert 0 < len(cache) < 401
    assert cache.get(first) == [M]


def _writer(path, n):
    cache = ResultCache(path, 1 << 20)
    for i in range(n):
        cache.put(cache_key("6.8", "fp", f"{i}"), [M])
        cache.get(cache_key("6.8", "fp", f"{i // 2}"))
    cache.close()


def test_several_processes_share_the_cache(tmp_path):
    path = tmp_path / "r.sqlite"
    procs = [multiprocessing.get_context("spawn").Process(target=_writer, args=(path, 200)) for _ in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert all(p.exitcode == 0 for p in procs)
    cache = ResultCache(path, 1 << 20)
    assert len(cache) == 200
    assert cache.get(cache_key("6.8", "fp", "199")) == [M]
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_an_unusable_cache_is_switched_off(tmp_path):
    bad = tmp_path / "r.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    cache = ResultCache(bad, 1 << 20)
    assert not cache.enabled
    cache.put("k", [M])
    assert cache.get("k") is None
