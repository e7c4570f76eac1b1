"""The built-in provider: offline, deterministic, no key.

It judges what an answer *does* (:mod:`peoplelens.ai.judgement`): whether it is about the
question at all, then the situation, the candidate's own actions, the reasoning, the result and
the expected answer's points — each point counted only where the answer shows it, not where it
merely names it. The signals are weighted by :mod:`peoplelens.ai.calibration`, fitted on the
labelled dev split so that a score means the same on every role.

The same reading drives the interview: a follow-up asks for the part the answer lacks (the
situation, the candidate's own part, the result, an expected point), never after a complete
answer; an off-topic answer is steered back once. The template's language picks the cue
phrases and the interviewer's words (:mod:`peoplelens.ai.languages`).
"""

from __future__ import annotations

import re
from statistics import mean, pstdev
from typing import Any, cast

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
from peoplelens.ai.calibration import CALIBRATION
from peoplelens.ai.encoders import Encoder, LexicalEncoder
from peoplelens.ai.judgement import (
    COVERED,
    SHOWN,
    Reader,
    Reading,
    calibrated_score,
    enough_answered,
    group_of,
)
from peoplelens.ai.languages import language
from peoplelens.ai.template_writer import write_template
from peoplelens.documents.profile import ResumeProfile
from peoplelens.documents.resume.parser import parse_resume

_STYLES = ("warm", "formal", "direct")
# Below this much text an answer says too little to follow up on anything but its length.
_THIN_WORDS = 15
# A follow-up is never asked once the answer reads this well.
_COMPLETE_SCORE = 70


class BuiltinProvider:
    def __init__(self, encoder: Encoder | None = None) -> None:
        self.encoder: Encoder = encoder or LexicalEncoder()
        self.reader = Reader(self.encoder)
        self._weights: dict[str, dict[str, dict[str, float]]] = {}
        self._off_topic_below: dict[str, float] = {}
        self._scale: dict[str, dict[str, list[list[float]]]] = {}
        for name, fitted in CALIBRATION.items():
            self._weights[name] = cast(dict[str, dict[str, float]], fitted["weights"])
            self._scale[name] = cast(dict[str, list[list[float]]], fitted.get("scale", {}))
            self._off_topic_below[name] = float(cast(float, fitted["off_topic_below"]))
        self.name = f"peoplelens-builtin/{self.encoder.name}"

    # -- reading -------------------------------------------------------------------------
    def read(self, q: QuestionSpec, answers: list[Answer], lang: str) -> Reading:
        return self.reader.for_language(lang).read(q, [a.text for a in answers], lang)

    def _fitted(self, reading: Reading) -> str:
        """Whose calibration applies: the encoder that read the answer."""
        name = reading.encoder
        return name if name in self._weights else LexicalEncoder.name

    def score(self, q: QuestionSpec, reading: Reading) -> int:
        fitted, group = self._fitted(reading), group_of(q)
        weights = self._weights.get(fitted, {}).get(group, {})
        value = calibrated_score(reading, weights, self._scale.get(fitted, {}).get(group))
        return min(_story_cap(q, reading), round(value * _topicality(reading)))

    def off_topic(self, reading: Reading) -> bool:
        return reading.relevance < self._off_topic_below.get(self._fitted(reading), 0.05)

    # -- interviewing --------------------------------------------------------------------
    def next_turn(
        self,
        question: QuestionSpec,
        answers: list[Answer],
        follow_ups_used: int,
        persona: Persona,
        language_code: str = "en",
    ) -> TurnDecision:
        if follow_ups_used >= question.max_follow_ups:
            return TurnDecision(None, "follow-up budget used")
        lx = language(language_code)
        phrases = lx.phrases
        style = _STYLES.index(persona.style) if persona.style in _STYLES else 0
        ack = phrases.ack[style]
        reading = self.read(question, answers, lx.code)
        if reading.refusal:
            return TurnDecision(None, "no answer given: moving on without pressing")
        if self.off_topic(reading):
            if follow_ups_used == 0:
                return TurnDecision(
                    phrases.steer.format(question=question.text), "off topic: steered back once"
                )
            return TurnDecision(None, "still off topic: moving on")
        if reading.words < _THIN_WORDS:
            return TurnDecision(f"{ack} {phrases.too_short}", "answer too short")
        if self.score(question, reading) >= _COMPLETE_SCORE or _complete(question, reading):
            return TurnDecision(None, "answer complete")
        gap = _gap(question, reading)
        if gap is None:
            return TurnDecision(None, "answer has what the question asks for")
        reason, text = gap
        follow_up = getattr(phrases, text) if text != "point" else None
        if follow_up is None:
            follow_up = phrases.point.format(point=_point_phrase(reason, lx.point_lead))
            reason = "expected point not touched"
        return TurnDecision(f"{ack} {follow_up}", reason)

    # -- assessing -----------------------------------------------------------------------
    def _criterion(
        self, q: QuestionSpec, answers: list[Answer], lang: str
    ) -> tuple[CriterionResult, Reading | None]:
        name = criterion_name(q, lang)
        text = " ".join(a.text for a in answers)
        if not text.strip():
            return CriterionResult(name, q.id, None, [], True, "Not answered.", {}), None
        reading = self.read(q, answers, lang)
        signals = _signals(reading)
        evidence = _evidence(reading, answers)
        unanswered = (
            "No answer given (a refusal or a non-answer)."
            if reading.refusal or reading.words < 3
            else "The answer is not about the question."
            if self.off_topic(reading)
            else None
        )
        if unanswered is not None:
            return CriterionResult(name, q.id, None, evidence, True, unanswered, signals), reading
        score = self.score(q, reading)
        return (
            CriterionResult(
                name, q.id, score, evidence, False, _rationale(reading, score), signals
            ),
            reading,
        )

    def assess(
        self,
        job_title: str | None,
        questions: list[QuestionSpec],
        answers: dict[str, list[Answer]],
        language_code: str = "en",
    ) -> Assessment:
        lang = language(language_code).code
        results = [self._criterion(q, answers.get(q.id, []), lang) for q in questions]
        criteria = [c for c, _ in results]
        judged = [(c, r) for c, r in results if c.score is not None and r is not None]
        insufficient = not enough_answered(len(judged), len(criteria))
        confidence = self._confidence(results, insufficient)
        analysis: dict[str, Any] = {
            "method": "relevance to the question (sentence similarity); then the situation, "
            "own actions, reasoning, result and the expected answer's points shown (not just "
            "named) by the answer; claims, buzzwords and contradiction count against (hedging "
            "and deflection are named in the weaknesses); weights fitted on a labelled dev "
            "set (bench/calibrate.py)",
            "encoder": self.encoder.name,
            "language": lang,
            "per_question": {c.question_id: c.signals for c in criteria},
            "answered_words": sum(r.words for _, r in results if r is not None),
        }
        if insufficient:
            return Assessment(
                overall_score=None,
                recommendation=None,
                executive_summary=(
                    f"Not enough evidence to assess this interview: {len(criteria) - len(judged)}"
                    f" of {len(criteria)} questions were not answered (empty, refusals or off "
                    "the question). No recommendation is made; consider re-inviting the "
                    "candidate or a human interview."
                ),
                strengths=[],
                weaknesses=[f"{c.name}: {c.rationale}" for c in criteria if c.score is None][:5],
                criteria=criteria,
                detailed_analysis=analysis,
                confidence=confidence,
                insufficient_evidence=True,
                model=self.name,
            )
        overall = round(mean(c.score for c, _ in judged if c.score is not None))
        recommendation = recommendation_for(overall)
        ranked = sorted(judged, key=lambda cr: cr[0].score or 0)
        strengths = [_strength(c, r) for c, r in reversed(ranked) if (c.score or 0) >= 60]
        weaknesses = [w for c, r in ranked if (w := _weakness(c, r)) is not None]
        weaknesses += [f"{c.name}: {c.rationale}" for c in criteria if c.score is None]
        title = f" for {job_title}" if job_title else ""
        strongest, weakest = ranked[-1][0], ranked[0][0]
        summary = (
            f"Overall {overall}/100{title} ({recommendation.replace('_', ' ')}), from "
            f"{len(judged)} of {len(criteria)} questions answered. Strongest: {strongest.name} "
            f"({strongest.score}); weakest: {weakest.name} ({weakest.score})."
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

    def _confidence(
        self, results: list[tuple[CriterionResult, Reading | None]], insufficient: bool
    ) -> float:
        """How far to trust the score: low when answers are short, when some questions went
        unanswered, when answers are barely on topic, when the questions disagree, or when
        only the lexical encoder judged."""
        judged_pairs = [(c, r) for c, r in results if r is not None and c.score is not None]
        readings = [r for _, r in judged_pairs]
        if not results:
            return 0.0
        if insufficient or not readings:
            return round(0.1 + 0.2 * len(readings) / len(results), 2)
        words = mean(r.words for r in readings)
        scores = [c.score for c, _ in results if c.score is not None]
        on_topic = mean(r.relevance for r in readings)
        value = 0.45 + 0.35 * min(1.0, words / 90) + 0.20 * len(readings) / len(results)
        # Barely about the questions: the score may rest on the wrong thing.
        value *= min(1.0, 0.15 + on_topic)
        value -= min(0.2, pstdev(scores) / 100) if len(scores) > 1 else 0.1
        # On topic but showing little (the right words without substance): signals disagree.
        value -= 0.25 * mean(max(0.0, r.relevance - (c.score or 0) / 100) for c, r in judged_pairs)
        if any(r.encoder.startswith(LexicalEncoder.name) for r in readings):
            value *= 0.85  # no sentence encoder: paraphrase goes unseen
        return round(max(0.05, min(1.0, value)), 2)

    # -- templates -----------------------------------------------------------------------
    def generate_template(
        self, job_description: str, language_code: str | None = None
    ) -> TemplateSuggestion:
        return write_template(job_description, language_code)

    def parse_resume(self, text: str) -> ResumeProfile:
        return parse_resume(text)


def _story_cap(q: QuestionSpec, r: Reading) -> int:
    """A behavioural question asks for a story: with neither a situation nor a result it is
    not a hire, whatever else it lists ("I took ownership. I rolled back. It took 2 hours.")."""
    if q.type == "behavioral" and r.situation == 0 and r.result == 0:
        return 60
    return 100


def _topicality(r: Reading) -> float:
    """How much of the score an answer keeps for being about the question: all of it, unless
    it is barely related *and* meets no expected point — a fluent story about something else
    keeps its story's score no longer (it only lowers scores; weak answers are low anyway)."""
    best_point = max((p.coverage for p in r.points), default=0.0)
    if r.relevance >= 0.35 or best_point >= 0.25 or r.encoder.startswith(LexicalEncoder.name):
        return 1.0  # (stems say too little about relevance to take a score away on them)
    return 0.4 + r.relevance


def _complete(q: QuestionSpec, r: Reading) -> bool:
    """A whole account: for a behavioural question the situation, the candidate's own action
    and the result; for the others own steps with their reasons or results. Asking more after
    that reads as not having listened."""
    acted = r.own_actions >= SHOWN
    if q.type == "behavioral":
        return acted and (r.situation > 0 or r.numbers > 0) and (r.result > 0 or r.numbers > 0)
    return acted and (r.reasoning > 0 or r.result > 0) and r.words >= 40


def _gap(q: QuestionSpec, r: Reading) -> tuple[str, str] | None:
    """What the answer lacks: (reason, phrase name), or an untouched point as (point, "point")."""
    if q.type == "behavioral":
        if r.situation == 0 and r.numbers == 0:
            return "no situation described", "example"
        if r.own_actions == 0:
            return "no own action described", "own_action"
        if r.result == 0 and r.numbers == 0:
            return "no result given", "result"
    missing = [p for p in r.points if p.coverage < COVERED]
    if q.expected_answer and missing:
        return min(missing, key=lambda p: p.coverage).text, "point"
    if q.type != "behavioral" and r.reasoning == 0 and r.own_actions == 0:
        return "steps without reasons", "reasoning"
    return None


def _point_phrase(point: str, lead: re.Pattern[str]) -> str:
    """An expected point as the interviewer can say it: "Describes the root cause" → "the
    root cause" (the hiring manager's "describes", "nennt", "décrit" dropped)."""
    text = lead.sub("", point.strip().rstrip("."), count=1).strip()
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def criterion_name(q: QuestionSpec, lang: str = "en") -> str:
    """What the criterion judges: the question's intent (its first clause), else the question
    without its lead-in ("Tell me about a time you …")."""
    source = (q.behavioral_intent or "").strip()
    if not source:
        source = language(lang).question_lead.sub("", q.text.strip(), count=1).strip()
    for stop in (";", " — ", " – ", ". ", "? ", ": "):
        source = source.split(stop)[0]
    # Long: its first clause, never a phrase cut mid-way.
    for stop in (", ", " and ", " und ", " et ", " y ", " e "):
        if len(source.split()) > 12 and stop in source:
            source = source.split(stop)[0]
    source = source.strip(" .?!,")
    return (source[:1].upper() + source[1:]) if source else q.id


def _signals(r: Reading) -> dict[str, float]:
    shown = {k: round(v, 3) for k, v in r.features().items() if k != "bias"}
    shown["words"] = float(r.words)
    shown["points_covered"] = float(sum(p.coverage >= COVERED for p in r.points))
    shown["points"] = float(len(r.points))
    return shown


def _evidence(r: Reading, answers: list[Answer]) -> list[Evidence]:
    sentence = r.best_sentence
    if not sentence:
        return []
    owner = next((a for a in answers if sentence in a.text), answers[0] if answers else None)
    if owner is None:
        return []
    quote = sentence if len(sentence) <= 300 else sentence[:297] + "..."
    return [Evidence(owner.message_id, quote)]


def _shown(r: Reading) -> list[str]:
    parts = []
    if r.situation > 0:
        parts.append("a specific situation")
    if r.own_actions >= SHOWN:
        parts.append("their own actions")
    if r.reasoning > 0:
        parts.append("the reasoning behind them")
    if r.result > 0 or r.numbers > 0:
        parts.append("a result" + (" with numbers" if r.numbers > 0 else ""))
    return parts


def _covered(r: Reading) -> str:
    covered = sum(p.coverage >= COVERED for p in r.points)
    return f"covers {covered} of {len(r.points)} expected points"


def _rationale(r: Reading, score: int) -> str:
    shown = _shown(r)
    said = f"Describes {_join(shown)}" if shown else "Describes no situation, action or result"
    lacks = []
    if r.claims >= 0.3:
        lacks.append("leans on claims and buzzwords")
    if r.hedging >= 0.3:
        lacks.append("hedges")
    if r.deflection:
        lacks.append("credits someone else with the work")
    if r.contradiction:
        lacks.append("contradicts the expected answer")
    tail = f"; {_join(lacks)}" if lacks else ""
    covered = f"; {_covered(r)}" if r.expected else ""
    return f"{said}{covered}{tail} ({score}/100)."


def _strength(c: CriterionResult, r: Reading) -> str:
    shown = _shown(r)
    what = f"describes {_join(shown)}" if shown else "answers on point"
    quote = f" — “{c.evidence[0].quote}”" if c.evidence else ""
    covered = f", and {_covered(r)}" if r.expected else ""
    return f"{c.name}: {what}{covered}{quote}"


def _weakness(c: CriterionResult, r: Reading) -> str | None:
    score = c.score or 0
    problems = []
    if r.claims >= 0.3 and r.own_actions < SHOWN:
        problems.append(
            "names the right terms without showing them in a situation, an own action or a result"
        )
    if r.contradiction:
        problems.append("says something that contradicts what the question expects")
    if r.deflection:
        problems.append("credits someone else with the work")
    if r.hedging >= 0.3:
        problems.append("stays vague and hedges")
    missing = [p for p in r.points if p.coverage < COVERED] if r.expected else []
    if missing and score < 65:
        lead = language(r.language).point_lead
        problems.append(f"does not cover: {_point_phrase(missing[0].text, lead)}")
    if r.result == 0 and r.numbers == 0 and score < 65:
        problems.append("gives no result")
    if not problems and score < 65:
        problems.append(
            "is thin: no specific situation, action or result"
            if score < 45
            else "stays general: few of the specifics the question asks for"
        )
    if not problems or score >= 70:
        return None
    return f"{c.name} ({score}/100): {_join(problems[:2])}."


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
