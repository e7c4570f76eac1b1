"""An OpenAI-compatible chat-completions provider (OpenAI, Azure, vLLM, Ollama, llama.cpp).

Every answer is requested as JSON against a schema and validated here, including a check
that each piece of evidence quotes the candidate's actual words from the message it names.
A malformed, invalid or failed answer is retried (``max_attempts``), then ``AIError`` is
raised: the worker retries the task later and finally records ``assessment_failed`` — the
provider never invents a score. During a live interview a failing LLM falls back to the
built-in follow-up decision so the candidate is never stuck.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Literal

import httpx
from pydantic import BaseModel, Field, ValidationError

from peoplelens.ai.base import (
    AIError,
    AIProvider,
    Answer,
    Assessment,
    CriterionResult,
    Evidence,
    Persona,
    QuestionSpec,
    SuggestedQuestion,
    TemplateSuggestion,
    TurnDecision,
    recommendation_for,
)
from peoplelens.ai.judgement import enough_answered
from peoplelens.ai.judgement_rules import INTERVIEWER_RULES, JUDGEMENT_RULES
from peoplelens.ai.languages import language
from peoplelens.documents.profile import ResumeProfile
from peoplelens.documents.resume.merge import from_model

log = logging.getLogger("peoplelens.ai")
# The built-in reading's relevance above which an answer is plainly about its question.
CLEARLY_ON_TOPIC = 0.5
# How much of a resume the model reads (a long resume's first pages hold what is asked).
RESUME_CHARS = 30_000


class _Evidence(BaseModel):
    message_id: str
    quote: str = Field(min_length=1, max_length=600)


class _Criterion(BaseModel):
    question_id: str
    name: str = Field(min_length=1, max_length=200)
    score: int | None = Field(ge=0, le=100)
    rationale: str = Field(max_length=2000)
    evidence: list[_Evidence] = Field(max_length=5)


class _Assessment(BaseModel):
    overall_score: int | None = Field(ge=0, le=100)
    recommendation: Literal["strong_hire", "hire", "no_hire", "strong_no_hire"] | None
    executive_summary: str = Field(min_length=1, max_length=4000)
    strengths: list[str] = Field(max_length=10)
    weaknesses: list[str] = Field(max_length=10)
    insufficient_evidence: bool
    confidence: float = Field(ge=0, le=1)
    criteria: list[_Criterion]


class _Turn(BaseModel):
    follow_up: str | None = Field(default=None, max_length=1000)


class _Question(BaseModel):
    text: str = Field(min_length=5, max_length=2000)
    type: Literal["behavioral", "technical", "situational", "motivational", "general"]
    behavioral_intent: str = Field(max_length=2000)
    expected_answer: str = Field(max_length=5000)


class _Language(BaseModel):
    name: str = Field(min_length=1, max_length=60)
    level: str | None = Field(default=None, max_length=60)


class _Resume(BaseModel):
    """Every field may be left out (null): the built-in parser's reading fills it then."""

    name: str | None = Field(default=None, max_length=200)
    email: str | None = Field(default=None, max_length=320)
    phone: str | None = Field(default=None, max_length=40)
    linkedin_url: str | None = Field(default=None, max_length=300)
    professional_summary: str | None = Field(default=None, max_length=4000)
    skills: list[str] | None = Field(default=None, max_length=200)
    experience_summary: str | None = Field(default=None, max_length=8000)
    education_summary: str | None = Field(default=None, max_length=4000)
    certifications: list[str] | None = Field(default=None, max_length=50)
    languages: list[_Language] | None = Field(default=None, max_length=30)
    projects_achievements: str | None = Field(default=None, max_length=6000)


class _Template(BaseModel):
    title: str = Field(min_length=1, max_length=300)
    language: str = Field(min_length=2, max_length=16)
    questions: list[_Question] = Field(min_length=1, max_length=15)


def _schema(model: type[BaseModel]) -> dict[str, Any]:
    return {
        "type": "json_schema",
        "json_schema": {
            "name": model.__name__.strip("_").lower(),
            "schema": model.model_json_schema(),
            "strict": False,
        },
    }


class OpenAICompatProvider:
    def __init__(
        self,
        *,
        base_url: str,
        model: str,
        api_key: str | None,
        timeout: float,
        max_attempts: int,
        fallback: AIProvider,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.max_attempts = max_attempts
        self.fallback = fallback
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.client = httpx.Client(timeout=timeout, headers=headers, transport=transport)
        self.name = f"openai-compatible/{model}"

    def _complete(
        self, system: str, user: str, model: type[BaseModel], attempts: int | None = None
    ) -> BaseModel:
        last_error = "no attempt made"
        for attempt in range(1, (attempts or self.max_attempts) + 1):
            try:
                response = self.client.post(
                    f"{self.base_url}/chat/completions",
                    json={
                        "model": self.model,
                        "temperature": 0,
                        "response_format": _schema(model),
                        "messages": [
                            {"role": "system", "content": system},
                            {"role": "user", "content": user},
                        ],
                    },
                )
                response.raise_for_status()
                content = response.json()["choices"][0]["message"]["content"]
                return model.model_validate(json.loads(content))
            except (
                httpx.HTTPError,
                KeyError,
                IndexError,
                TypeError,
                ValueError,
                ValidationError,
            ) as exc:
                last_error = f"{type(exc).__name__}: {str(exc)[:300]}"
                log.warning("ai.completion_failed", extra={"attempt": attempt, "error": last_error})
        raise AIError(f"{self.max_attempts} attempts failed; last: {last_error}")

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
        try:
            turn = self._complete(
                f"You are {persona.name}, a {persona.style} job interviewer speaking "
                f"{language(language_code).name} ({language(language_code).code}). "
                f"{INTERVIEWER_RULES} Answer JSON: "
                '{"follow_up": <one sentence in the interview\'s language> or null}.',
                json.dumps(
                    {
                        "question": question.text,
                        "type": question.type,
                        "intent": question.behavioral_intent,
                        "expected_answer": question.expected_answer,
                        "answers": [a.text for a in answers],
                        "follow_ups_already_asked": follow_ups_used,
                    }
                ),
                _Turn,
            )
        except AIError:
            return self.fallback.next_turn(
                question, answers, follow_ups_used, persona, language_code
            )
        assert isinstance(turn, _Turn)
        return TurnDecision(turn.follow_up or None, "llm")

    def assess(
        self,
        job_title: str | None,
        questions: list[QuestionSpec],
        answers: dict[str, list[Answer]],
        language_code: str = "en",
    ) -> Assessment:
        by_id = {a.message_id: a.text for items in answers.values() for a in items}
        payload = {
            "job_title": job_title,
            "language": language(language_code).code,
            "questions": [
                {
                    "question_id": q.id,
                    "type": q.type,
                    "text": q.text,
                    "intent": q.behavioral_intent,
                    "expected_answer": q.expected_answer,
                }
                for q in questions
            ],
            "answers": {
                qid: [{"message_id": a.message_id, "text": a.text} for a in items]
                for qid, items in answers.items()
            },
        }
        system = (
            "You assess a structured job interview for a hiring team. Score each question "
            "0-100 against its expected answer and intent; name each criterion by what it "
            "judges (a few words, not the question's text); quote the candidate's exact words "
            "as evidence with the message_id they come from; write strengths and weaknesses as "
            f"sentences that name their question. {JUDGEMENT_RULES} Recommendation scale: "
            ">=80 strong_hire, >=65 hire, >=45 no_hire, else strong_no_hire. JSON only."
        )
        # The built-in reading referees what the model may call "insufficient": an answer it
        # finds clearly on the question is evidence, and the model must score it. It only
        # ever forbids "insufficient"; it never demands it (its off-topic gate is cautious).
        referee = self.fallback.assess(job_title, questions, answers, language_code)
        answered = {
            c.question_id
            for c in referee.criteria
            if c.score is not None and c.signals.get("relevance", 0.0) >= CLEARLY_ON_TOPIC
        }
        user = json.dumps(payload)
        problem: str | None = None
        # One budget for every failure: a transport error, a malformed answer or a broken rule.
        for _ in range(self.max_attempts):
            try:
                result = self._complete(system, user, _Assessment, attempts=1)
            except AIError as exc:
                problem = str(exc)
                continue
            assert isinstance(result, _Assessment)
            problem = _check(result, questions, by_id, answered)
            if problem is None:
                return _to_assessment(result, self.name)
            log.warning("ai.assessment_rejected", extra={"problem": problem})
            user = (
                f"{json.dumps(payload)}\n\nYour previous assessment was rejected: {problem}. "
                "Correct it."
            )
        raise AIError("the model's assessments failed validation: " + str(problem))

    def generate_template(
        self, job_description: str, language_code: str | None = None
    ) -> TemplateSuggestion:
        wanted = (
            f"Write every question, intent and expected answer in "
            f"{language(language_code).name} ({language(language_code).code})."
            if language_code
            else "Write them in the description's language."
        )
        result = self._complete(
            "Write a structured first-interview template for this job description: a title, "
            "the language (ISO code), and 4-8 questions that follow from the description, "
            "each with type, behavioral_intent and expected_answer (the points a good answer "
            f"covers). {wanted} JSON only.",
            job_description,
            _Template,
        )
        assert isinstance(result, _Template)
        fallback = self.fallback.generate_template(job_description, language_code)
        return TemplateSuggestion(
            title=result.title,
            avatar_id=fallback.avatar_id,
            language=language_code or result.language,
            questions=[
                SuggestedQuestion(q.text, q.type, q.behavioral_intent, q.expected_answer)
                for q in result.questions
            ],
        )

    def parse_resume(self, text: str) -> ResumeProfile:
        """The model reads the resume; the built-in parser's reading fills what the model
        leaves out, and replaces contact details the text does not contain. A failing model
        means the built-in reading alone — a resume is never left unparsed."""
        builtin = self.fallback.parse_resume(text)
        try:
            result = self._complete(
                "Extract the fields of this resume as JSON only. name, email, phone (as "
                "written), linkedin_url: the person's own, exactly as they appear, or null. "
                "professional_summary, experience_summary, education_summary, "
                "projects_achievements: the resume's own text for each, condensed, or null "
                "when it has none. skills: the skills it lists, one name each. certifications: "
                "one entry each. languages: spoken languages only (never programming "
                "languages), the English name and the level as a CEFR code (A1-C2) or "
                '"native", null when none is stated. Never invent anything.',
                text[:RESUME_CHARS],
                _Resume,
            )
        except AIError:
            return builtin
        assert isinstance(result, _Resume)
        return from_model(result.model_dump(), builtin, text)


def _check(
    result: _Assessment,
    questions: list[QuestionSpec],
    by_id: dict[str, str],
    answered: set[str],
) -> str | None:
    """Reject answers that do not hold together or break the judgement rules: evidence must be
    the candidate's words, a scored criterion must cite some, and an answer the built-in
    reading finds on the question (``answered``) must be scored, not called insufficient."""
    known = {q.id for q in questions}
    named = [c.question_id for c in result.criteria]
    if sorted(named) != sorted(known):
        return "every question needs exactly one criterion (question_id) — no more, no fewer"
    for c in result.criteria:
        if c.score is None and c.question_id in answered:
            return (
                f"question {c.question_id} was answered on topic: a weak answer is evidence "
                "and gets a low score, not insufficient evidence"
            )
        if c.score is not None and not c.evidence:
            return f"criterion {c.question_id} is scored without quoting the candidate"
        for e in c.evidence:
            if len(e.quote.split()) < 2:
                return f"criterion {c.question_id} quotes too little to rest on"
            said = by_id.get(e.message_id)
            if said is None:
                return f"evidence names unknown message {e.message_id!r}"
            if " ".join(e.quote.split()).lower() not in " ".join(said.split()).lower():
                return f"evidence quote is not in message {e.message_id}"
    if result.insufficient_evidence and enough_answered(len(answered), len(known)):
        return (
            "most questions were answered on topic: weak answers are evidence and get a low "
            "score and no_hire/strong_no_hire, never insufficient_evidence"
        )
    if result.insufficient_evidence:
        if result.overall_score is not None or result.recommendation is not None:
            return "insufficient evidence must come without score or recommendation"
    elif result.overall_score is None or result.recommendation is None:
        return "a score and a recommendation are required unless evidence is insufficient"
    elif result.recommendation != recommendation_for(result.overall_score):
        return "recommendation does not match the published scale"
    return None


def _to_assessment(r: _Assessment, model: str) -> Assessment:
    return Assessment(
        overall_score=r.overall_score,
        recommendation=r.recommendation,
        executive_summary=r.executive_summary,
        strengths=r.strengths,
        weaknesses=r.weaknesses,
        criteria=[
            CriterionResult(
                name=c.name,
                question_id=c.question_id,
                score=c.score,
                evidence=[Evidence(e.message_id, e.quote) for e in c.evidence],
                insufficient_evidence=c.score is None,
                rationale=c.rationale,
            )
            for c in r.criteria
        ],
        detailed_analysis={
            "method": "LLM assessment, validated against the scorecard schema and the transcript",
            "model": model,
        },
        confidence=r.confidence,
        insufficient_evidence=r.insufficient_evidence,
        model=model,
    )
