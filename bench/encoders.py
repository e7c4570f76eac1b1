"""The built-in AI's sentence encoders: install size, model load time, per-answer latency.

    .venv/bin/python bench/encoders.py [--reps 100] [--reference-python /tmp/st/bin/python]

Lexical vs numpy all-MiniLM-L6-v2 (peoplelens.ai.minilm). With ``--reference-python`` (a venv
holding sentence-transformers and torch, the old ``ml`` extra) the same numbers are measured
there too, and the largest difference between its embeddings and ours. Writes nothing:
bench/ENCODERS.md records a run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import NormalizedName, canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from peoplelens.ai import minilm  # noqa: E402
from peoplelens.ai.encoders import (  # noqa: E402
    Encoder,
    LexicalEncoder,
    MiniLMEncoder,
    _lexical_vector,
)
from peoplelens.ai.text import sentences  # noqa: E402

ENCODER_DEPS = ("numpy", "safetensors", "tokenizers")
POINTS = [
    "Measured the latency before changing anything, with a profiler or traces",
    "Found the bottleneck: slow database queries, missing indexes or an N+1 pattern",
    "Added caching or changed the query and verified the improvement with numbers",
    "Explained the trade-offs, such as cache invalidation and consistency",
    "Shared what they learned with the team and added monitoring",
]
ONE = "I added a Redis cache in front of the product catalogue and p95 fell from 800 to 120 ms."
ANSWER = (
    "Last spring our checkout API started timing out during sales, so I owned the "
    "investigation. First I measured: the traces showed that p95 latency had grown from 300 "
    "ms to almost two seconds, and most of that time was spent in the database. I found an "
    "N+1 pattern in the order summary, where every line item loaded its product separately. "
    "I rewrote it as one query with a join and added a composite index on order id and "
    "status. Then I put a small Redis cache in front of the product catalogue, with a five "
    "minute expiry, because prices change rarely and stale prices for a few minutes were "
    "acceptable to the business. After the release p95 dropped to 180 ms and the timeouts "
    "disappeared. I wrote a short postmortem, added a dashboard and an alert on query "
    "counts per request, and presented the N+1 check to the team so that code review catches "
    "it next time."
)
ST_SENTENCES = [ONE, *sentences(ANSWER), *POINTS]


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def _dist_size(dist: metadata.Distribution) -> int:
    total = 0
    for file in dist.files or ():
        path = Path(str(dist.locate_file(file)))
        if path.is_file():
            total += path.stat().st_size
    return total


def _closure(names: list[str]) -> set[str]:
    """Installed distributions ``names`` pull in (unconditional requirements only)."""
    seen: set[str] = set()
    todo = [canonicalize_name(n) for n in names]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen.add(name)
        for spec in dist.requires or ():
            req = Requirement(spec)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(canonicalize_name(req.name))
    return seen


def install_sizes() -> tuple[dict[str, int], set[NormalizedName]]:
    """Sizes of what the encoder adds to the project's own install, and the names of what a
    venv held before it (everything else installed here)."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    others = [Requirement(s).name for s in project["dependencies"]]
    others = [n for n in others if canonicalize_name(n) not in ENCODER_DEPS]
    added = (_closure(list(ENCODER_DEPS)) - _closure(others)) | {
        canonicalize_name(minilm.DISTRIBUTIONS[0])
    }
    sizes = {n: _dist_size(metadata.distribution(n)) for n in sorted(added)}
    everything = {canonicalize_name(d.metadata["Name"]) for d in metadata.distributions()}
    return sizes, everything - added


def time_loads(reps: int) -> list[tuple[float, float, float]]:
    """(import s, load s, peak RSS MB) in fresh processes."""
    code = (
        "import resource, time; t0 = time.perf_counter(); from peoplelens.ai import minilm; "
        "t1 = time.perf_counter(); minilm.load(); t2 = time.perf_counter(); "
        "print(t1 - t0, t2 - t1, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    out = []
    for _ in range(reps):
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        imported, loaded, rss = result.stdout.split()
        out.append((float(imported), float(loaded), float(rss)))
    return out


def time_answer(
    make: Callable[[], Encoder], answer: str, reps: int, batched: bool = False
) -> list[float]:
    """Seconds to score one answer: each of its sentences against every expected point, the
    points' embeddings cached (as they are after the first answer), the answer's not.
    ``batched``: the answer's sentences are embedded in one batch first (MiniLM.embed)."""
    encoder = make()
    encoder.similarities(POINTS[0], POINTS[1:])
    samples = []
    for _ in range(reps):
        if isinstance(encoder, MiniLMEncoder):
            for text in sentences(answer):
                encoder._cache.pop(text, None)
        else:
            _lexical_vector.cache_clear()
            encoder.similarities(POINTS[0], POINTS[1:])
        start = time.perf_counter()
        if batched and isinstance(encoder, MiniLMEncoder):
            encoder.embed(sentences(answer))
        for sentence in sentences(answer):
            encoder.similarities(sentence, POINTS)
        samples.append(time.perf_counter() - start)
    return samples


REFERENCE_SCRIPT = textwrap.dedent(
    """
    import json, statistics, sys, time
    from importlib import metadata
    from pathlib import Path
    model_dir, reps = sys.argv[1], int(sys.argv[2])
    present, texts = set(json.loads(sys.argv[3])), json.loads(sys.argv[4])
    t0 = time.perf_counter()
    from sentence_transformers import SentenceTransformer
    t1 = time.perf_counter()
    model = SentenceTransformer(model_dir, device="cpu")
    t2 = time.perf_counter()
    import resource
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    def canon(n): return n.lower().replace("_", "-").replace(".", "-")
    size = 0
    for d in metadata.distributions():
        if canon(d.metadata["Name"]) in present:
            continue
        for f in d.files or ():
            p = Path(str(d.locate_file(f)))
            if p.is_file():
                size += p.stat().st_size
    one, answer, points = texts[0], texts[1:-5], texts[-5:]
    model.encode(points)
    lat = {"one": [], "answer": []}
    for _ in range(reps):
        for key, batch in (("one", [one]), ("answer", answer)):
            s = time.perf_counter(); model.encode(batch); lat[key].append(time.perf_counter() - s)
    emb = model.encode(texts).tolist()
    out = {"import": t1 - t0, "load": t2 - t1, "size": size, "lat": lat, "emb": emb, "rss": rss}
    print(json.dumps(out))
    """
)


def reference(python: str, reps: int, present: set[NormalizedName]) -> dict[str, object]:
    model_dir = next(
        Path(str(dist.locate_file(f))).parent
        for dist in [metadata.distribution(minilm.DISTRIBUTIONS[0])]
        for f in dist.files or ()
        if f.name == minilm.WEIGHTS
    )
    args = [str(model_dir), str(reps), json.dumps(sorted(present)), json.dumps(ST_SENTENCES)]
    result = subprocess.run(
        [python, "-c", REFERENCE_SCRIPT, *args], capture_output=True, text=True, check=True
    )
    data: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return data


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=100)
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--reference-python", default=None)
    args = parser.parse_args()
    mb = 1024 * 1024

    sizes, before = install_sizes()
    print("Install: what the numpy encoder adds to the project's dependencies")
    for name, size in sizes.items():
        print(f"  {name:<24} {size / mb:7.1f} MB")
    print(f"  {'total':<24} {sum(sizes.values()) / mb:7.1f} MB")

    loads = time_loads(args.loads)
    imports, models = [i for i, _, _ in loads], [m for _, m, _ in loads]
    print(f"\nLoad in a fresh process ({args.loads}×, median; first run in brackets)")
    print(f"  import peoplelens.ai.minilm  {statistics.median(imports) * 1000:6.0f} ms")
    print(f"  minilm.load()               {statistics.median(models) * 1000:6.0f} ms")
    print(f"    (first: {imports[0] * 1000:.0f} + {models[0] * 1000:.0f} ms)")
    print(f"  peak RSS of that process    {statistics.median(r for _, _, r in loads):6.0f} MB")

    n_sentences = len(sentences(ANSWER))
    words = len(ANSWER.split())
    print(f"\nPer answer × {len(POINTS)} expected points, {args.reps} reps: p50 / p95 ms")
    model = minilm.load()
    makers: dict[str, Callable[[], Encoder]] = {
        "lexical": LexicalEncoder,
        "numpy MiniLM": lambda: MiniLMEncoder(model),
    }
    long_case = f"{words} words, {n_sentences} sentences"
    for label, make in makers.items():
        for case, text in (("1 sentence", ONE), (long_case, ANSWER)):
            p50, p95 = _percentiles(time_answer(make, text, args.reps))
            print(f"  {label:<14} {case:<30} {p50 * 1000:7.2f} / {p95 * 1000:7.2f}")
    p50, p95 = _percentiles(time_answer(makers["numpy MiniLM"], ANSWER, args.reps, batched=True))
    case = long_case + ", one batch"
    print(f"  {'numpy MiniLM':<14} {case:<30} {p50 * 1000:7.2f} / {p95 * 1000:7.2f}")

    if args.reference_python:
        ref = reference(args.reference_python, args.reps, before)
        import numpy as np

        ours = model.encode(ST_SENTENCES)
        diff = float(np.abs(ours - np.array(ref["emb"], dtype=np.float32)).max())
        lat = ref["lat"]
        assert isinstance(lat, dict)
        print("\nsentence-transformers + torch (the old `ml` extra), same model folder")
        ref_size = ref["size"]
        assert isinstance(ref_size, int)
        weights = sizes[canonicalize_name(minilm.DISTRIBUTIONS[0])]
        total = (ref_size + weights) / mb
        print(f"  install over the old venv   {total:7.1f} MB (weights included)")
        print(f"  import / load               {ref['import']:.2f} s / {ref['load']:.2f} s")
        print(f"  peak RSS after load         {ref['rss']:6.0f} MB")
        for key, case in (("one", "1 sentence"), ("answer", f"{n_sentences} sentences")):
            p50, p95 = _percentiles(lat[key])
            print(f"  encode {case:<20} {p50 * 1000:7.2f} / {p95 * 1000:7.2f} ms p50 / p95")
        print(f"  max |ours − reference| over {len(ST_SENTENCES)} sentences: {diff:.2e}")


if __name__ == "__main__":
    main()
