"""How well the built-in assessor judges: the labelled interviews of ``tests/ai/data`` scored
the way an ATS sees them (one interview per role and label: every question answered with that
label's text), on the dev split (tune on it) or the test split (report on it).

    .venv/bin/python bench/judgement.py --split test [--encoder lexical] [--write]

Prints, per language and job family and overall: pair ordering strong > adequate > weak
(interviews and questions), plain-words-strong over keyword-stuffed-weak, strong and weak
answers judged "insufficient", the recommendation confusion, off-topic/empty interviews judged
confidently, and the per-answer latency. ``--write`` keeps the table in bench/JUDGEMENT.md.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median, quantiles

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.ai.dataset import LABELS, Role, roles  # noqa: E402

from peoplelens.ai.base import AIProvider, Answer, Assessment  # noqa: E402
from peoplelens.ai.builtin import BuiltinProvider  # noqa: E402
from peoplelens.ai.encoders import best_encoder  # noqa: E402

HIRE = ("hire", "strong_hire")
NO_HIRE = ("no_hire", "strong_no_hire")
ORDER = (("strong", "adequate"), ("adequate", "weak"), ("strong", "weak"))


CACHE = ROOT / "bench" / "out" / "embeddings.pickle"


def warm(encoder: object) -> None:
    """Bench runs keep MiniLM's embeddings between runs (bench/out): re-reading the dataset
    after a change to the rules then takes seconds, not minutes."""
    store = getattr(encoder, "_cache", None)
    if store is None:
        return
    encoder.cache_size = 1_000_000  # type: ignore[attr-defined]
    if CACHE.exists():
        store.update(pickle.loads(CACHE.read_bytes()))


def keep(encoder: object) -> None:
    store = getattr(encoder, "_cache", None)
    if store is not None:
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        CACHE.write_bytes(pickle.dumps(dict(store)))


def interview(provider: AIProvider, role: Role, label: str) -> Assessment:
    questions = [q.spec for q in role.questions]
    answers = {
        q.spec.id: [Answer(f"msg-{q.spec.id}", q.answers[label])]
        for q in role.questions
        if q.answers[label].strip()
    }
    return provider.assess(role.title, questions, answers, role.language)


def _above(a: int | None, b: int | None) -> bool:
    """``a`` ranks above ``b``: a judged score above a lower one or above no score."""
    return a is not None and (b is None or a > b)


@dataclass
class Tally:
    pairs: list[bool] = field(default_factory=list)
    question_pairs: list[bool] = field(default_factory=list)
    plain_over_stuffed: list[bool] = field(default_factory=list)
    question_plain_over_stuffed: list[bool] = field(default_factory=list)
    insufficient: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    question_insufficient: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    questions: int = 0
    strong_hire: list[bool] = field(default_factory=list)
    weak_no_hire: list[bool] = field(default_factory=list)
    plain_hire: list[bool] = field(default_factory=list)
    stuffed_no_hire: list[bool] = field(default_factory=list)
    unanswered_confident: int = 0
    unanswered: int = 0
    roles: int = 0
    scores: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    def add(self, role: Role, cards: dict[str, Assessment]) -> None:
        self.roles += 1
        self.questions += len(role.questions)
        overall = {label: cards[label].overall_score for label in LABELS}
        for label in LABELS:
            if overall[label] is not None:
                self.scores[label].append(overall[label])  # type: ignore[arg-type]
        self.pairs += [_above(overall[a], overall[b]) for a, b in ORDER]
        self.plain_over_stuffed.append(_above(overall["plain_strong"], overall["stuffed_weak"]))
        for label, card in cards.items():
            self.insufficient[label] += card.insufficient_evidence
            for c in card.criteria:
                self.question_insufficient[label] += c.insufficient_evidence
        by_question = {
            label: {c.question_id: c.score for c in card.criteria} for label, card in cards.items()
        }
        for q in role.questions:
            s = {label: by_question[label].get(q.spec.id) for label in LABELS}
            self.question_pairs += [_above(s[a], s[b]) for a, b in ORDER]
            self.question_plain_over_stuffed.append(_above(s["plain_strong"], s["stuffed_weak"]))
        self.strong_hire.append(cards["strong"].recommendation in HIRE)
        self.plain_hire.append(cards["plain_strong"].recommendation in HIRE)
        self.weak_no_hire.append(cards["weak"].recommendation in NO_HIRE)
        self.stuffed_no_hire.append(cards["stuffed_weak"].recommendation in NO_HIRE)
        for label in ("off_topic", "non_answer"):
            self.unanswered += 1
            card = cards[label]
            self.unanswered_confident += (not card.insufficient_evidence) and card.confidence >= 0.5


def _share(values: list[bool]) -> str:
    return f"{sum(values) / len(values):.2f} ({sum(values)}/{len(values)})" if values else "–"


def evaluate(
    provider: AIProvider, selected: Iterable[Role]
) -> tuple[dict[str, Tally], list[float]]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    latencies: list[float] = []
    for role in selected:
        cards = {}
        for label in LABELS:
            started = time.perf_counter()
            cards[label] = interview(provider, role, label)
            latencies.append((time.perf_counter() - started) / max(1, len(role.questions)))
        keys = ("overall", role.language, f"all/{role.family}", f"{role.language}/{role.family}")
        for key in keys:
            tallies[key].add(role, cards)
    return tallies, latencies


def table(tallies: dict[str, Tally]) -> str:
    head = (
        "| group | roles | ordering (interviews) | ordering (questions) | plain > stuffed "
        "(interviews) | plain > stuffed (questions) | strong insufficient (q) | weak "
        "insufficient (q) | strong → hire | weak → no hire | plain → hire | stuffed → no hire "
        "| off-topic/empty judged confidently |\n|" + "---|" * 13
    )
    rows = [head]
    for key in sorted(
        tallies, key=lambda k: (k != "overall", k.count("/"), not k.startswith("all/"), k)
    ):
        t = tallies[key]
        rows.append(
            f"| {key} | {t.roles} | {_share(t.pairs)} | {_share(t.question_pairs)} | "
            f"{_share(t.plain_over_stuffed)} | {_share(t.question_plain_over_stuffed)} | "
            f"{t.insufficient['strong'] + t.insufficient['plain_strong']} "
            f"({t.question_insufficient['strong'] + t.question_insufficient['plain_strong']}) | "
            f"{t.insufficient['weak']} ({t.question_insufficient['weak']}) | "
            f"{_share(t.strong_hire)} | {_share(t.weak_no_hire)} | {_share(t.plain_hire)} | "
            f"{_share(t.stuffed_no_hire)} | {t.unanswered_confident}/{t.unanswered} |"
        )
    return "\n".join(rows)


def report(choice: str, split: str, language: str | None, cold: bool, scores: bool) -> str:
    encoder = best_encoder(choice)
    if not cold:
        warm(encoder)
    provider = BuiltinProvider(encoder)
    selected = list(roles(language, split))
    tallies, latencies = evaluate(provider, selected)
    if scores:
        for role in selected:
            cards = {label: interview(provider, role, label) for label in LABELS}
            print(
                f"{role.language}/{role.family}/{role.id}: "
                + " ".join(f"{lb}={c.overall_score}" for lb, c in cards.items())
            )
    p50 = median(latencies) * 1000
    p95 = quantiles(latencies, n=20)[-1] * 1000 if len(latencies) > 1 else p50
    spread = "\n".join(
        f"- {label}: median {median(s):.0f}, min {min(s)}, max {max(s)}"
        for label in ("strong", "plain_strong", "adequate", "weak", "stuffed_weak")
        if (s := tallies["overall"].scores[label])
    )
    keep(encoder)
    return (
        f"## {provider.name}\n\n{split} split, {len(selected)} roles. Per-answer latency "
        f"{'(cold: nothing cached) ' if cold else ''}p50 {p50:.1f} ms, p95 {p95:.1f} ms.\n\n"
        f"{table(tallies)}\n\nInterview scores by label:\n{spread}\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--encoder", default="auto", help="auto | lexical | auto,lexical")
    parser.add_argument("--language")
    parser.add_argument("--cold", action="store_true", help="no embeddings kept from earlier runs")
    parser.add_argument("--write", action="store_true", help="keep the table in bench/JUDGEMENT.md")
    parser.add_argument("--scores", action="store_true", help="print each interview's scores")
    args = parser.parse_args()
    parts = [
        report(choice, args.split, args.language, args.cold, args.scores)
        for choice in args.encoder.split(",")
    ]
    text = "\n".join(parts)
    print(text)
    if args.write:
        out = ROOT / "bench" / "JUDGEMENT.md"
        out.write_text(
            f"# Judgement (bench/judgement.py --split {args.split} --encoder {args.encoder}"
            f"{' --cold' if args.cold else ''})\n\nColumns: pair ordering strong > adequate "
            "> weak (3 pairs per role; a question-level count beside it); plain-words strong "
            "over keyword-stuffed weak; strong (and plain strong) and weak answers judged "
            "insufficient, interviews (questions); the share of roles whose strong interview "
            "gets hire/strong_hire and whose weak one gets no_hire/strong_no_hire; off-topic "
            "and non-answer interviews judged with confidence ≥ 0.5 and no insufficient flag."
            f"\n\n{text}"
        )


if __name__ == "__main__":
    main()
