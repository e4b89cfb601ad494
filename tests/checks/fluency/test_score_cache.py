from __future__ import annotations

from pathlib import Path

from cleaner.checks.fluency.gguf_weights import LlamaWeights
from cleaner.checks.fluency.score_cache import ScoreCache, score_key
from cleaner.checks.fluency.scorer import Scorer, Window


def test_keys_depend_on_model_prefix_and_text() -> None:
    keys = {score_key("m", "a", "b"), score_key("m", "ab", ""), score_key("n", "a", "b"), score_key("m", "a", "c")}
    assert len(keys) == 4


def test_cached_scores_equal_fresh_ones_and_skip_the_model(weights: LlamaWeights, tmp_path: Path) -> None:
    windows = [Window("Oil", (" prices rose sharply.", " tariffs rose sharply."))]
    first = Scorer(weights, ScoreCache(tmp_path / "s.sqlite"), threads=1)
    fresh = first.score(windows)
    assert first.tokens_run > 0
    second = Scorer(weights, ScoreCache(tmp_path / "s.sqlite"), threads=1)
    assert second.score(windows) == fresh
    assert second.tokens_run == 0 and second.cache.hits == 2


def test_unusable_cache_is_switched_off(weights: LlamaWeights, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = ScoreCache(blocker / "sub" / "s.sqlite")
    scorer = Scorer(weights, cache, threads=1)
    assert scorer.score([Window("Oil", (" prices rose.",))])[0][0]
