"""The labelled interviews of ``tests/ai/data/`` (how they were made: its README), read into
plain objects for the judgement tests and ``bench/judgement.py``.

Each role is one interview template; each question has one answer per label. An interview
"answered <label>" is the role's questions each answered with that label's text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from peoplelens.ai.base import QuestionSpec

DATA = Path(__file__).parent / "data"
LABELS = ("strong", "adequate", "weak", "off_topic", "non_answer", "plain_strong", "stuffed_weak")
# Judged on substance: these must get a score, never "insufficient evidence".
SCORED_LABELS = ("strong", "adequate", "weak", "plain_strong", "stuffed_weak")
NOT_ANSWERED_LABELS = ("off_topic", "non_answer")


@dataclass(frozen=True)
class LabelledQuestion:
    spec: QuestionSpec
    answers: dict[str, str]


@dataclass(frozen=True)
class Role:
    id: str
    title: str
    family: str
    language: str
    split: str  # "dev" (tune on it) | "test" (report on it, never tune)
    questions: tuple[LabelledQuestion, ...]


def _question(raw: dict[str, object]) -> LabelledQuestion:
    answers = raw["answers"]
    assert isinstance(answers, dict) and set(answers) == set(LABELS), raw["id"]
    spec = QuestionSpec(
        id=str(raw["id"]),
        text=str(raw["text"]),
        type=str(raw.get("type") or "general"),
        behavioral_intent=raw.get("behavioral_intent") or None,  # type: ignore[arg-type]
        expected_answer=raw.get("expected_answer") or None,  # type: ignore[arg-type]
    )
    return LabelledQuestion(spec, {label: str(answers[label]) for label in LABELS})


def roles(language: str | None = None, split: str | None = None) -> Iterator[Role]:
    """Every role in the data folder (sorted by file, then as written), filtered."""
    for path in sorted(DATA.glob("*/*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        lang = str(doc["language"])
        if language is not None and lang != language:
            continue
        for raw in doc["roles"]:
            if split is not None and raw["split"] != split:
                continue
            yield Role(
                id=str(raw["id"]),
                title=str(raw["title"]),
                family=str(raw.get("family") or doc["family"]),
                language=lang,
                split=str(raw["split"]),
                questions=tuple(_question(q) for q in raw["questions"]),
            )
