"""The real model, loaded once per test session (memory-mapped from the weight cache)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cleaner.checks.fluency.gguf_weights import LlamaWeights, load_weights, packaged_model_path
from cleaner.checks.fluency.score_cache import ScoreCache
from cleaner.checks.fluency.scorer import Scorer


@pytest.fixture(scope="session")
def weights(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaWeights]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CLEANER_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
        yield load_weights(packaged_model_path())


@pytest.fixture(scope="session")
def scorer(weights: LlamaWeights) -> Scorer:
    """A scorer without a score cache: every call runs the model."""
    return Scorer(weights, ScoreCache(None), threads=1)
