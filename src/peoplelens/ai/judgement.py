"""How the built-in assessor reads one answer to one question: what the answer *does*.

The reading separates two things a hiring manager separates:

* **relevance** — is it about the question at all? (sentence similarity between the answer and
  the question, its intent and expected answer). Only this decides "not answered": an on-topic
  answer, however weak, is evidence and gets a score.
* **substance** — does it show the situation, the candidate's own actions, the reasoning and the
  result, and does it cover the *points* of the expected answer (each point judged by its most
  similar sentence of the answer, counted only when that sentence does something: an action, a
  reason, a result, a number)? The right terms in a list, a claim of expertise or a hedge count
  for little; a claim that contradicts a point counts against it.

The signals are combined by :mod:`peoplelens.ai.calibration` (weights fitted on the labelled
dev split, ``bench/calibrate.py``), so a strong answer scores alike on every role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from peoplelens.ai.base import QuestionSpec
from peoplelens.ai.encoders import Encoder, LexicalEncoder
from peoplelens.ai.languages import Language, language
from peoplelens.ai.text import content_stems, sentences, word_count

_NUMBER = re.compile(r"(?<![\w])(?:\d+(?:[.,:]\d+)*\s?(?:%|k\b|m\b)?|€\s?\d+|\$\s?\d+)")
# Thresholds every part of the reading and the scorecard text share.
COVERED = 0.3  # a point at or above this is met; below, it is missing
SHOWN = 0.34  # own actions at or above this (one of three) are "their own actions"
_SPLIT_POINTS = re.compile(
    r"[.;:]\s+|,\s+(?:and\s+|und\s+|et\s+|y\s+|e\s+)?|\s+(?:and|und|et|y|e|or|oder|ou|o)\s+"
    r"(?=[a-zà-ÿ]+\w+ )|\(|\)|\be\.g\.\s*|\bsuch as\b|\bz\.\s?b\.\s*|\bpar exemple\b|"
    r"\bpor ejemplo\b|\bpor exemplo\b",
    re.IGNORECASE,
)


# Calibration key suffix of answers read in a language other than English (one pool: each
# language alone is too small a sample to fit on).
OTHER = "languages"


@dataclass(frozen=True)
class Point:
    """One thing the expected answer asks for, and the answer sentence that best covers it."""

    text: str
    coverage: float  # 0..1, the best sentence's similarity, discounted if it only names it
    sentence: str | None


@dataclass
class Reading:
    """Everything the assessor saw in an answer; every number is explainable on its own."""

    words: int
    sentences: int
    relevance: float  # 0..1 on the encoder's own scale
    points: list[Point]
    coverage: float  # mean point coverage, 0..1
    own_actions: float  # 0..1
    situation: float
    reasoning: float
    result: float
    numbers: float
    length: float
    hedging: float  # share of sentences that hedge
    deflection: float
    claims: float  # self-praise / buzzwords per sentence
    contradiction: float
    term_density: float  # share of the answer's words that are the expected answer's words
    refusal: bool
    best_sentence: str | None
    quote_message: int = 0
    language: str = "en"
    encoder: str = ""  # which encoder read it (its calibration applies)
    expected: bool = False  # the points are the expected answer's (not the question's)

    def features(self) -> dict[str, float]:
        """The calibrated model's inputs (names are the calibration's keys)."""
        substance = max(self.own_actions, 0.0) * (1.0 - 0.7 * self.claims)
        on_topic = min(1.0, self.relevance / 0.5)
        story = min(self.situation, substance, max(self.result, self.reasoning))
        return {
            "bias": 1.0,
            "relevance": self.relevance,
            "coverage": self.coverage,
            "own_actions": substance,
            "situation": self.situation,
            "reasoning": self.reasoning,
            "result": self.result,
            "numbers": self.numbers,
            "hedging": self.hedging,
            "deflection": self.deflection,
            "claims": self.claims,
            "contradiction": self.contradiction,
            "term_density": self.term_density,
            "story": story,
            # A story about something else is not evidence for this question.
            "substance_on_topic": substance * on_topic,
            "story_on_topic": story * on_topic,
            "coverage_on_topic": self.coverage * on_topic,
        }


def reference(q: QuestionSpec) -> str:
    """What the answer should be about: the expected answer, else the question and intent."""
    return q.expected_answer or " ".join(filter(None, [q.text, q.behavioral_intent]))


@lru_cache(maxsize=2048)
def points_of(expected: str) -> tuple[str, ...]:
    """The expected answer split into points (clauses with at least two content words)."""
    parts = [p.strip(" ,.;:-–—") for p in _SPLIT_POINTS.split(expected) if p]
    kept = tuple(p for p in parts if len(content_stems(p)) >= 2)
    return kept or (expected,)


def _scaled(raw: float, floor: float, full: float) -> float:
    return max(0.0, min(1.0, (raw - floor) / (full - floor)))


def _share(hits: int, out_of: float) -> float:
    return min(1.0, hits / out_of) if out_of else 0.0


class Reader:
    """Reads answers with one encoder; the encoder's raw similarities are mapped onto 0..1
    by its own floor and ceiling (a lexical cosine of 0.3 means more than MiniLM's)."""

    def __init__(self, encoder: Encoder) -> None:
        self.encoder = encoder
        lexical = isinstance(encoder, LexicalEncoder)
        self.floor, self.full = (0.04, 0.35) if lexical else (0.10, 0.60)
        self._by_language: dict[str, Reader] = {}

    def for_language(self, lang: str) -> Reader:
        """The reader for an interview in ``lang``. The sentence encoder we ship is English;
        other languages are read by their own stems (measured: MiniLM finds a French story
        about a holiday as close to a French question as a French answer is)."""
        if lang == "en" or (
            isinstance(self.encoder, LexicalEncoder) and self.encoder.language == lang
        ):
            return self
        if lang not in self._by_language:
            self._by_language[lang] = Reader(LexicalEncoder(lang))
        return self._by_language[lang]

    def similarity(self, a: str, b: str) -> float:
        return _scaled(self.encoder.similarity(a, b), self.floor, self.full)

    def relevance(self, q: QuestionSpec, said: list[str]) -> float:
        """The answer's sentences against what the question is about (never against the
        question's words alone: echoing them is not an answer). The best sentence and the
        best few both count, so one stray on-topic phrase in a story about something else does
        not make it an answer, and a short on-topic answer is not diluted."""
        if not said:
            return 0.0
        topic = " ".join(filter(None, [q.text, q.behavioral_intent]))
        best = 0.0
        for target in filter(None, [topic, q.expected_answer]):
            sims = sorted(self.encoder.similarities(target, said), reverse=True)
            top = sims[: min(3, len(sims))]
            best = max(best, 0.5 * sims[0] + 0.5 * sum(top) / len(top))
        return _scaled(best, self.floor, self.full)

    def read(self, q: QuestionSpec, texts: list[str], lang: str = "en") -> Reading:
        lx = language(lang)
        text = " ".join(texts)
        # Each sentence once: saying it again adds no evidence.
        said = list(dict.fromkeys(s for t in texts for s in sentences(t)))
        n = max(1, len(said))
        wc = word_count(text)
        acting = [s for s in said if _acts(lx, s)]
        claimy = [s for s in said if lx.claim.search(s)]
        hedgy = [s for s in said if lx.hedge.search(s)]
        substantive = {s for s in acting if s not in claimy} | {
            s
            for s in said
            if (lx.reasoning.search(s) or lx.result.search(s) or _NUMBER.search(s))
            and s not in claimy
        }
        points = self._points(q, said, substantive, lx)
        coverage = sum(p.coverage for p in points) / len(points) if points else 0.0
        wanted = set(content_stems(reference(q), lang))
        mine = content_stems(text, lang)
        density = sum(s in wanted for s in mine) / len(mine) if mine else 0.0
        contradiction = self._contradiction(q, said, substantive, lx)
        best = max(points, key=lambda p: p.coverage, default=None)
        return Reading(
            words=wc,
            sentences=len(said),
            relevance=self.relevance(q, said) if wc else 0.0,
            points=points,
            coverage=coverage,
            own_actions=_share(sum(_actions_in(lx, s) for s in acting if s not in claimy), 3),
            situation=_share(sum(len(lx.situation.findall(s)) for s in said), 2),
            reasoning=_share(sum(len(lx.reasoning.findall(s)) for s in said), 2),
            result=_share(sum(len(lx.result.findall(s)) for s in said), 2),
            numbers=_share(sum(_measures(lx, s) for s in said), 3),
            length=min(1.0, wc / 110),
            hedging=len(hedgy) / n,
            deflection=1.0 if lx.deflect.search(text) else 0.0,
            claims=min(1.0, len(claimy) / n + 0.15 * max(0, len(claimy) - 1)),
            contradiction=contradiction,
            term_density=density,
            refusal=_refuses(lx, text, wc, acting),
            best_sentence=_quote(lx, said, best),
            language=lx.code,
            expected=bool(q.expected_answer),
            encoder=self.encoder.name if lx.code == "en" else f"{self.encoder.name}+{OTHER}",
        )

    def _points(
        self, q: QuestionSpec, said: list[str], substantive: set[str], lx: Language
    ) -> list[Point]:
        """Each expected point's best sentence: by meaning (the encoder) or by its own words
        (stems), whichever is higher — but a sentence that only names, claims or hedges counts
        a third. A point about the answer's shape ("a measurable result", "a concrete
        example") is met by that shape, whatever the words."""
        wanted = points_of(q.expected_answer) if q.expected_answer else (reference(q),)
        stems_of = {s: set(content_stems(s, lx.code)) for s in said}
        found = []
        for point in wanted:
            point_stems = set(content_stems(point, lx.code))
            best_value, best_sentence = 0.0, None
            for s, raw in zip(said, self.encoder.similarities(point, said), strict=True):
                by_words = len(point_stems & stems_of[s]) / len(point_stems) if point_stems else 0
                value = max(_scaled(raw, self.floor, self.full), by_words)
                if s not in substantive:
                    value *= 0.35  # named, not shown: a term in a list proves little
                if value > best_value:
                    best_value, best_sentence = value, s
            found.append(Point(point, max(best_value, self._shape(point, said, lx)), best_sentence))
        return found

    @staticmethod
    def _shape(point: str, said: list[str], lx: Language) -> float:
        if lx.result_point.search(point) and any(
            lx.result.search(s) or _NUMBER.search(s) for s in said
        ):
            return 0.8
        if lx.example_point.search(point) and any(lx.situation.search(s) for s in said):
            return 0.8
        return 0.0

    def _contradiction(
        self, q: QuestionSpec, said: list[str], substantive: set[str], lx: Language
    ) -> float:
        """A sentence that denies or dismisses something the expected answer asks for — a
        claim, not an account: "I never skip the check" in a story is care, not a denial."""
        if not q.expected_answer:
            return 0.0
        points = [p for p in points_of(q.expected_answer) if not lx.negation.search(p)]
        if not points:
            return 0.0
        hits = 0
        for s in said:
            if s in substantive or not lx.negation.search(s):
                continue
            sims = self.encoder.similarities(s, points)
            hits += any(_scaled(raw, self.floor, self.full) >= 0.35 for raw in sims)
        return min(1.0, hits / 2)


# "…, found the leak, sharded the map and put timeouts…": the further actions of one sentence.
_CONTINUED = re.compile(
    r"(?:,|\band\b|\bthen\b|\bet\b|\bund\b|\by\b|\be\b)\s+(?:[a-zà-ÿ]+(?:ed|t|é|í|ei|te)\b)"
)


def _actions_in(lx: Language, sentence: str) -> int:
    """How many things the speaker did in one sentence: the first-person actions, plus the
    verbs that continue them after a comma or an "and"."""
    return len(lx.action.findall(sentence)) + len(_CONTINUED.findall(sentence))


def _quote(lx: Language, said: list[str], best: Point | None) -> str | None:
    """The words the judgement rests on: the sentence that best meets an expected point, or,
    when none does, the one that does the most (actions, reasons, results, numbers)."""
    if best is not None and best.sentence and best.coverage >= COVERED:
        return best.sentence
    if not said:
        return None

    def weight(s: str) -> int:
        cues = (lx.reasoning, lx.result, _NUMBER)
        return _actions_in(lx, s) + sum(bool(c.search(s)) for c in cues)

    return max(said, key=weight)


def _measures(lx: Language, sentence: str) -> int:
    """Numbers that measure something: with a unit ("40 minutes", "12%") or in a sentence
    that states a result. A bare count ("3 teams", "in 2 hours" as padding) is not a result."""
    found = _NUMBER.findall(sentence)
    if not found:
        return 0
    if lx.result.search(sentence):
        return len(found)
    return len(lx.unit.findall(sentence))


def enough_answered(answered: int, asked: int) -> bool:
    """An interview is judged when at least half its questions were answered (spec §10:
    "insufficient evidence" is for interviews the candidate did not answer)."""
    return answered > 0 and answered * 2 >= asked


def _acts(lx: Language, sentence: str) -> bool:
    return bool(lx.action.search(sentence)) and not lx.hedge.search(sentence[:40])


def _refuses(lx: Language, text: str, wc: int, acting: list[str]) -> bool:
    """No answer: a refusal ("I don't know", "can we skip this?") with next to nothing else
    ("Um, the root cause was a missing index" is an answer, "um" or not)."""
    if not 0 < wc <= 25 or acting or not lx.refusal.search(text):
        return False
    rest = lx.refusal.sub(" ", text)
    return len(content_stems(rest, lx.code)) <= 3


def group_of(q: QuestionSpec) -> str:
    """Calibration groups: a behavioural question asks for a story (situation, action,
    result); the others for knowledge or a plan, where steps and reasons carry the weight."""
    return "behavioral" if q.type == "behavioral" else "other"


def calibrated_score(
    reading: Reading, weights: dict[str, float], knots: list[list[float]] | None = None
) -> int:
    """The fitted weights, then the monotone map of the dev medians onto the published scale."""
    features = reading.features()
    value = sum(weights.get(name, 0.0) * x for name, x in features.items())
    if knots:
        value = _through(value, knots)
    return max(0, min(100, round(value)))


def _through(value: float, knots: list[list[float]]) -> float:
    if value <= knots[0][0]:
        return knots[0][1]
    for (x0, y0), (x1, y1) in pairwise(knots):
        if value <= x1:
            return y0 + (y1 - y0) * (value - x0) / (x1 - x0) if x1 > x0 else y1
    return knots[-1][1]
