"""The built-in provider: offline, deterministic, no key.

It judges an answer on three signals, each explainable to a hiring team:

* **relevance** — sentence similarity between the answer and the question's expected answer
  (or the question and its intent), from :mod:`peoplelens.ai.encoders`;
* **coverage** — the share of the expected answer's key terms (stemmed) the answer touches;
* **specificity** — does the answer describe something the candidate did: first-person
  actions, numbers and results, named tools, an actual example, enough length.

The same signals decide follow-ups during the interview (a thin or vague answer earns one),
and every criterion of the scorecard quotes the answer sentence that best supports it.
"""

from __future__ import annotations

import re
from statistics import mean

from peoplelens.ai.base import (
    Answer,
    Assessment,
    CriterionResult,
    Evidence,
    Persona,
    QuestionSpec,
    TemplateSuggestion,
    TurnDecision,
    recommendation_for,
)
from peoplelens.ai.encoders import Encoder, LexicalEncoder
from peoplelens.ai.template_writer import write_template
from peoplelens.ai.text import content_stems, sentences, word_count

_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:%|ms|s|x|k|m|h|users|requests|days|weeks)?\b")
# "I built", "we measured", "I would roll back": the speaker doing something concrete. Vague
# verbs ("I think", "I like", "I try") do not count.
_FIRST_PERSON_ACTION = re.compile(
    r"\b(?:I|we)(?:'d|\s+would|\s+will)?\s+(?:also\s+|then\s+|first\s+)?"
    r"(?!am\b|think\b|guess\b|like\b|love\b|just\b|really\b|usually\b|mostly\b|"
    r"don't\b|do\b|get\b|try\b|have\b|had\b|was\b|feel\b|believe\b|can\b|could\b|"
    r"probably\b|might\b|maybe\b|hope\b|want\b|would\b|will\b|also\b|then\b|"
    r"mean\b|know\b|need\b|see\b|am\b|go\b)[a-z]{3,}\b",
    re.IGNORECASE,
)
_EXAMPLE_MARKERS = re.compile(
    r"\b(?:for example|for instance|at my (?:last|previous|current)|in my (?:last|previous|"
    r"current)|one time|once|last year|recently|when I|the result|as a result|which meant|"
    r"so that|because|first|then|once|after that|within|which cut|dropped|went from)\b",
    re.IGNORECASE,
)
_TECH_TERM = re.compile(r"\b(?:[A-Z][a-zA-Z]+[A-Z0-9][\w]*|[A-Z]{2,}[a-z]*|\w+[#+]+|\w+\.\w+)\b")


class BuiltinProvider:
    def __init__(self, encoder: Encoder | None = None) -> None:
        self.encoder: Encoder = encoder or LexicalEncoder()
        lexical = isinstance(self.encoder, LexicalEncoder)
        # Raw similarity values differ by encoder; these map them onto 0..1.
        self._rel_floor, self._rel_full = (0.06, 0.38) if lexical else (0.15, 0.60)
        self.name = f"peoplelens-builtin/{self.encoder.name}"

    # -- signals -------------------------------------------------------------------------
    def _reference(self, q: QuestionSpec) -> str:
        return q.expected_answer or " ".join(filter(None, [q.text, q.behavioral_intent]))

    def can_judge_topic(self, q: QuestionSpec) -> bool:
        """A bare one-line question gives too little to call an answer off-topic by word
        overlap; with an expected answer or intent (or embeddings) there is enough."""
        if not isinstance(self.encoder, LexicalEncoder):
            return True
        return len(set(content_stems(self._reference(q)))) >= 6

    def relevance(self, q: QuestionSpec, text: str) -> float:
        # Against the expected answer first: echoing the question's words is not an answer.
        raw = max(
            self.encoder.similarity(text, self._reference(q)),
            self.encoder.similarity(text, q.text) * 0.6,
        )
        return _clamp((raw - self._rel_floor) / (self._rel_full - self._rel_floor))

    @staticmethod
    def coverage(q: QuestionSpec, text: str) -> float:
        if not q.expected_answer:
            return 0.0
        wanted = {s for s in content_stems(q.expected_answer) if len(s) > 2}
        if not wanted:
            return 0.0
        have = set(content_stems(text))
        return len(wanted & have) / len(wanted)

    @staticmethod
    def specificity(text: str) -> float:
        wc = word_count(text)
        score = 0.0
        score += 0.25 * min(1.0, len(_FIRST_PERSON_ACTION.findall(text)) / 3)
        score += 0.20 * min(1.0, len(_NUMBER.findall(text)) / 2)
        score += 0.15 * min(1.0, len(_EXAMPLE_MARKERS.findall(text)) / 2)
        score += 0.15 * min(1.0, len(_TECH_TERM.findall(text)) / 3)
        score += 0.25 * min(1.0, wc / 120)
        return score

    # -- interviewing --------------------------------------------------------------------
    def next_turn(
        self,
        question: QuestionSpec,
        answers: list[Answer],
        follow_ups_used: int,
        persona: Persona,
    ) -> TurnDecision:
        if follow_ups_used >= question.max_follow_ups:
            return TurnDecision(None, "follow-up budget used")
        text = " ".join(a.text for a in answers)
        wc = word_count(text)
        lead = {"warm": "Thanks for sharing that. ", "formal": "Thank you. "}.get(persona.style, "")
        if wc < 20:
            return TurnDecision(
                lead + "Could you tell me a bit more? A concrete example from your own work "
                "would help me understand.",
                "answer too short",
            )
        if (
            self.can_judge_topic(question)
            and self.relevance(question, text) < 0.15
            and self.coverage(question, text) < 0.1
        ):
            return TurnDecision(
                lead + f"Let me bring us back to the question: {question.text}", "off topic"
            )
        if self.specificity(text) < 0.35:
            return TurnDecision(
                lead + "Can you walk me through a specific situation — what you did yourself, "
                "and what the result was?",
                "answer lacks specifics",
            )
        return TurnDecision(None, "answer sufficient")

    # -- assessing -----------------------------------------------------------------------
    def _criterion(self, q: QuestionSpec, answers: list[Answer]) -> CriterionResult:
        text = " ".join(a.text for a in answers)
        wc = word_count(text)
        name = _criterion_name(q)
        if wc < 8:
            return CriterionResult(
                name, q.id, None, [], True, "No substantive answer to judge.", {"words": float(wc)}
            )
        rel = self.relevance(q, text)
        cov = self.coverage(q, text)
        spec = self.specificity(text)
        quality = (
            0.45 * rel + 0.25 * cov + 0.30 * spec
            if q.expected_answer
            else (0.60 * rel + 0.40 * spec)
        )
        score = round(100 * _clamp(quality * 1.25))
        signals = {
            "relevance": round(rel, 3),
            "coverage": round(cov, 3),
            "specificity": round(spec, 3),
            "words": float(wc),
        }
        off_topic = self.can_judge_topic(q) and rel < 0.1 and cov < 0.1
        evidence = self._evidence(q, answers)
        if off_topic:
            return CriterionResult(
                name,
                q.id,
                None,
                evidence,
                True,
                "The answer does not address the question.",
                signals,
            )
        return CriterionResult(
            name, q.id, score, evidence, False, _rationale(rel, cov, spec), signals
        )

    def _evidence(self, q: QuestionSpec, answers: list[Answer]) -> list[Evidence]:
        reference = self._reference(q)
        best: tuple[float, Answer, str] | None = None
        for answer in answers:
            for sentence in sentences(answer.text):
                sim = self.encoder.similarity(sentence, reference)
                if best is None or sim > best[0]:
                    best = (sim, answer, sentence)
        if best is None:
            return []
        quote = best[2] if len(best[2]) <= 300 else best[2][:297] + "..."
        return [Evidence(best[1].message_id, quote)]

    def assess(
        self,
        job_title: str | None,
        questions: list[QuestionSpec],
        answers: dict[str, list[Answer]],
    ) -> Assessment:
        criteria = [self._criterion(q, answers.get(q.id, [])) for q in questions]
        judged = [c for c in criteria if c.score is not None]
        total_words = sum(word_count(a.text) for items in answers.values() for a in items)
        insufficient = not judged or total_words < 25 or len(judged) * 2 < len(criteria)
        coverage_share = len(judged) / len(criteria) if criteria else 0.0
        confidence = round(
            _clamp(0.35 + 0.45 * min(1.0, total_words / 300) + 0.2 * coverage_share)
            * (0.5 if insufficient else 1.0),
            2,
        )
        analysis = {
            "method": "relevance (sentence similarity), coverage of expected-answer terms, "
            "specificity (actions, numbers, examples, named tools)",
            "encoder": self.encoder.name,
            "per_question": {c.question_id: c.signals for c in criteria},
            "answered_words": total_words,
        }
        if insufficient:
            return Assessment(
                overall_score=None,
                recommendation=None,
                executive_summary=(
                    "Not enough evidence to assess this interview: the answers were empty, "
                    "too short or off-topic. No recommendation is made; consider re-inviting "
                    "the candidate or a human interview."
                ),
                strengths=[],
                weaknesses=[c.name for c in criteria if c.score is None],
                criteria=criteria,
                detailed_analysis=analysis,
                confidence=confidence,
                insufficient_evidence=True,
                model=self.name,
            )
        overall = round(mean(c.score for c in judged if c.score is not None))
        recommendation = recommendation_for(overall)
        ranked = sorted(judged, key=lambda c: c.score or 0)
        strengths = [f"{c.name}: {c.rationale}" for c in ranked[::-1] if (c.score or 0) >= 65]
        weaknesses = [f"{c.name}: {c.rationale}" for c in ranked if (c.score or 0) < 45]
        weaknesses += [f"{c.name}: not answered substantively" for c in criteria if c.score is None]
        title = f" for {job_title}" if job_title else ""
        summary = (
            f"Overall {overall}/100{title} ({recommendation.replace('_', ' ')}), from "
            f"{len(judged)} of {len(criteria)} questions answered with substance. Strongest: "
            f"{ranked[-1].name} ({ranked[-1].score}); weakest: {ranked[0].name} "
            f"({ranked[0].score})."
        )
        return Assessment(
            overall_score=overall,
            recommendation=recommendation,
            executive_summary=summary,
            strengths=strengths[:5],
            weaknesses=weaknesses[:5],
            criteria=criteria,
            detailed_analysis=analysis,
            confidence=confidence,
            insufficient_evidence=False,
            model=self.name,
        )

    # -- templates -----------------------------------------------------------------------
    def generate_template(self, job_description: str) -> TemplateSuggestion:
        return write_template(job_description)


def _clamp(value: float) -> float:
    return max(0.0, min(1.0, value))


def _criterion_name(q: QuestionSpec) -> str:
    text = q.text.strip()
    return text if len(text) <= 80 else text[:77] + "..."


def _rationale(rel: float, cov: float, spec: float) -> str:
    parts = []
    parts.append(
        "on point"
        if rel >= 0.6
        else "partly relevant"
        if rel >= 0.3
        else "loosely related to the question"
    )
    if cov >= 0.4:
        parts.append("covers the expected points")
    elif cov < 0.15:
        parts.append("misses most expected points")
    parts.append(
        "concrete and specific"
        if spec >= 0.6
        else "some specifics"
        if spec >= 0.35
        else "vague, few specifics"
    )
    return ", ".join(parts)
