"""The one interface every AI provider implements, and the plain data it exchanges.

Providers are pure: they get text in and return decisions out; storing turns, scorecards and
events is the interview service's job. That keeps providers swappable (built-in or an LLM)
and testable without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from peoplelens.documents.profile import ResumeProfile

RUBRIC_VERSION = "pl-rubric-2026.12"
Recommendation = Literal["strong_hire", "hire", "no_hire", "strong_no_hire"]


@dataclass(frozen=True)
class QuestionSpec:
    id: str
    text: str
    type: str = "general"
    behavioral_intent: str | None = None
    expected_answer: str | None = None
    max_follow_ups: int = 1


@dataclass(frozen=True)
class Answer:
    message_id: str
    text: str


@dataclass(frozen=True)
class Persona:
    id: str
    name: str
    language: str
    style: str  # "warm" | "formal" | "direct"


@dataclass(frozen=True)
class TurnDecision:
    """After an answer: ask ``follow_up`` (a sentence to say), or move on."""

    follow_up: str | None
    reason: str


@dataclass(frozen=True)
class Evidence:
    message_id: str
    quote: str


@dataclass
class CriterionResult:
    name: str
    question_id: str
    score: int | None
    evidence: list[Evidence]
    insufficient_evidence: bool
    rationale: str
    signals: dict[str, float] = field(default_factory=dict)


@dataclass
class Assessment:
    overall_score: int | None
    recommendation: Recommendation | None
    executive_summary: str
    strengths: list[str]
    weaknesses: list[str]
    criteria: list[CriterionResult]
    detailed_analysis: dict[str, Any]
    confidence: float
    insufficient_evidence: bool
    model: str
    rubric_version: str = RUBRIC_VERSION


@dataclass(frozen=True)
class SuggestedQuestion:
    text: str
    type: str
    behavioral_intent: str
    expected_answer: str


@dataclass(frozen=True)
class TemplateSuggestion:
    title: str
    avatar_id: str
    language: str
    questions: list[SuggestedQuestion]


class AIError(Exception):
    """A provider could not produce a valid answer (network, timeout, malformed output)."""


class AIProvider(Protocol):
    name: str

    def next_turn(
        self,
        question: QuestionSpec,
        answers: list[Answer],
        follow_ups_used: int,
        persona: Persona,
        language_code: str = "en",
    ) -> TurnDecision: ...

    def assess(
        self,
        job_title: str | None,
        questions: list[QuestionSpec],
        answers: dict[str, list[Answer]],
        language_code: str = "en",
    ) -> Assessment: ...

    def generate_template(
        self, job_description: str, language_code: str | None = None
    ) -> TemplateSuggestion: ...

    def parse_resume(self, text: str) -> ResumeProfile:
        """The resume's fields from its text (as :func:`peoplelens.documents.text.extract_text`
        gives it); never raises for odd text — an unreadable resume is an empty profile."""
        ...


def recommendation_for(score: int) -> Recommendation:
    """One scale for every provider, published in the README."""
    if score >= 80:
        return "strong_hire"
    if score >= 65:
        return "hire"
    if score >= 45:
        return "no_hire"
    return "strong_no_hire"
