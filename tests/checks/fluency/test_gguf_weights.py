from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from cleaner.checks.fluency.gguf_weights import LlamaWeights, ModelError, load_weights, packaged_model_path


def test_packaged_model_is_smollm2_and_compact(weights: LlamaWeights) -> None:
    assert packaged_model_path().name == "SmolLM2-135M-Instruct.Q4_1.gguf"
    h = weights.hyper
    assert (h.layers, h.dim, h.heads, h.kv_heads, h.vocab) == (30, 576, 9, 3, 49152)
    assert weights.nbytes < 450_000_000  # the model memory target is 500 MB resident, activations included


def test_missing_model_names_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.gguf"
    with pytest.raises(ModelError, match=r"nowhere\.gguf"):
        load_weights(missing)


def test_corrupt_model_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "broken.gguf"
    bad.write_bytes(b"GGUF" + bytes(range(256)) * 8)
    with pytest.raises(ModelError, match=r"broken\.gguf") as info:
        load_weights(bad, use_cache=False)
    assert "\n" not in str(info.value)


def test_truncated_copy_of_the_real_model_is_refused(tmp_path: Path) -> None:
    cut = tmp_path / "cut.gguf"
    cut.write_bytes(packaged_model_path().read_bytes()[:3_000_000])
    with pytest.raises(ModelError, match=r"cut\.gguf"):
        load_weights(cut, use_cache=False)


@pytest.mark.slow
def test_weight_cache_holds_what_the_gguf_file_holds(weights: LlamaWeights) -> None:
    direct = load_weights(packaged_model_path(), use_cache=False)
    assert direct.tokens == weights.tokens
    for name in ("attn_q", "ffn_down"):
        assert np.array_equal(np.asarray(direct.layers[7][name]), np.asarray(weights.layers[7][name]))
    assert np.array_equal(np.asarray(direct.embedding[:100]), np.asarray(weights.embedding[:100]))
