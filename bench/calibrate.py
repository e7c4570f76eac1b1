"""Fits the built-in assessor's weights on the labelled DEV split and writes them to
``src/peoplelens/ai/calibration.py`` (the test split is never read here).

    .venv/bin/python bench/calibrate.py

For each encoder and question group (behavioural / everything else) it fits a ridge
regression from the reading's signals to a target score per label — strong 88, plain-words
strong 86, adequate 62, weak 28, keyword-stuffed weak 22 — with signs fixed in advance so the
fit cannot learn to reward the wrong thing: the expected answer's vocabulary (``term_density``),
claims, hedging, deflection and contradiction may only lower a score; substance may only raise
it. It also picks the relevance below which an answer is "not about the question" as the
lowest relevance a dev answer labelled weak or better had, with a margin.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path
from pprint import pformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.ai.dataset import roles  # noqa: E402

from bench.judgement import keep, warm  # noqa: E402
from peoplelens.ai.encoders import Encoder, best_encoder  # noqa: E402
from peoplelens.ai.judgement import Reader, group_of  # noqa: E402

TARGETS = {"strong": 88.0, "plain_strong": 86.0, "adequate": 62.0, "weak": 28.0}
TARGETS["stuffed_weak"] = 22.0
# Off-topic answers the relevance gate lets through must still score low.
TARGETS["off_topic"] = 15.0
NON_POSITIVE = {"term_density", "claims", "hedging", "deflection", "contradiction"}
NON_NEGATIVE = {"own_actions", "situation", "reasoning", "result", "numbers", "story", "coverage"}
NON_NEGATIVE |= {"substance_on_topic", "story_on_topic", "coverage_on_topic"}
RIDGE = 2.0


def _solve(rows: list[list[float]], targets: list[float], names: list[str]) -> list[float]:
    """Ridge regression by the normal equations (the bias is not penalised)."""
    k = len(names)
    a = [[0.0] * k for _ in range(k)]
    b = [0.0] * k
    for x, y in zip(rows, targets, strict=True):
        for i in range(k):
            b[i] += x[i] * y
            for j in range(k):
                a[i][j] += x[i] * x[j]
    for i, name in enumerate(names):
        if name != "bias":
            a[i][i] += RIDGE
    # Gaussian elimination with partial pivoting.
    for col in range(k):
        pivot = max(range(col, k), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        b[col], b[pivot] = b[pivot], b[col]
        for r in range(k):
            if r != col and a[col][col]:
                f = a[r][col] / a[col][col]
                for c in range(col, k):
                    a[r][c] -= f * a[col][c]
                b[r] -= f * b[col]
    return [b[i] / a[i][i] if a[i][i] else 0.0 for i in range(k)]


def fit(samples: list[tuple[dict[str, float], float]]) -> dict[str, float]:
    names = list(samples[0][0])
    active = list(names)
    while True:
        rows = [[x[n] for n in active] for x, _ in samples]
        weights = dict(zip(active, _solve(rows, [y for _, y in samples], active), strict=True))
        wrong = [
            n
            for n, w in weights.items()
            if (n in NON_POSITIVE and w > 0) or (n in NON_NEGATIVE and w < 0)
        ]
        if not wrong:
            return {n: round(weights.get(n, 0.0), 2) for n in names}
        active = [n for n in active if n not in wrong]


def calibrate(encoder: Encoder) -> dict[str, dict[str, object]]:
    """Weights for every encoder that reads a dev answer when ``encoder`` is the provider's
    (other languages are read by their own stems): samples are kept apart by that reader."""
    warm(encoder)
    reader = Reader(encoder)
    samples: dict[str, dict[str, list[tuple[dict[str, float], float]]]] = {}
    relevance_of_answers: dict[str, list[float]] = {}
    for role in roles(split="dev"):
        for q in role.questions:
            for label, target in TARGETS.items():
                reading = reader.for_language(role.language).read(
                    q.spec, [q.answers[label]], role.language
                )
                by_group = samples.setdefault(reading.encoder, {})
                by_group.setdefault(group_of(q.spec), []).append((reading.features(), target))
                if label != "off_topic":
                    relevance_of_answers.setdefault(reading.encoder, []).append(reading.relevance)
    keep(encoder)
    out: dict[str, dict[str, object]] = {}
    for name, by_group in samples.items():
        weights = {group: fit(s) for group, s in sorted(by_group.items())}
        out[name] = {
            "weights": weights,
            "scale": {group: scale(by_group[group], weights[group]) for group in weights},
            "off_topic_below": round(min(relevance_of_answers[name]) * 0.8, 3),
        }
    return out


# Where a label's median lands on the published scale (80 strong_hire, 65 hire, 45 no_hire).
ANCHORS = {"weak": 26.0, "adequate": 60.0, "strong": 86.0}


def scale(
    samples: list[tuple[dict[str, float], float]], weights: dict[str, float]
) -> list[list[float]]:
    """A monotone map from the fitted value to the published scale: the dev medians of weak,
    adequate and strong answers go to ANCHORS (a ridge fit pulls everything to the middle;
    this undoes it without changing any order)."""
    by_target: dict[float, list[float]] = {}
    for x, target in samples:
        by_target.setdefault(target, []).append(sum(weights.get(k, 0.0) * v for k, v in x.items()))
    knots = [[0.0, 0.0]]
    for label, anchor in ANCHORS.items():
        values = sorted(by_target[TARGETS[label]])
        knots.append([round(values[len(values) // 2], 2), anchor])
    knots.append([max(100.0, knots[-1][0] + 1), 100.0])
    return knots


def main() -> None:
    out: dict[str, dict[str, object]] = {}
    for choice in ("lexical", "auto"):  # auto's English readings override lexical's
        for name, fitted in calibrate(best_encoder(choice)).items():
            if choice == "lexical" or not name.startswith("lexical-stems-v1"):
                out[name] = fitted
    print(pformat(out))
    path = ROOT / "src" / "peoplelens" / "ai" / "calibration.py"
    path.write_text(
        '"""The built-in assessor\'s weights per encoder and question group, fitted on the\n'
        f"labelled dev split by ``bench/calibrate.py`` ({date.today().isoformat()}). Do not edit "
        'by hand:\nre-run the script."""\n\nfrom __future__ import annotations\n\n'
        f"CALIBRATION: dict[str, dict[str, object]] = {pformat(out, width=96, sort_dicts=True)}\n"
    )
    # The house formatter's layout, so `make test` (ruff format --check) stays green.
    subprocess.run([sys.executable, "-m", "ruff", "format", "--quiet", str(path)], check=True)
    print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
