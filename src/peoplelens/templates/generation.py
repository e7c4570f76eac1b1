"""Suggesting an interview template from a job description (spec §4): what
``POST /templates/generate`` answers and the workspace's "Generate from a job description"
shows. Nothing is stored."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints
from sqlalchemy.orm import Session

from peoplelens.ai.base import AIError, AIProvider
from peoplelens.ai.resume_questions import resume_questions
from peoplelens.auth.principal import Principal
from peoplelens.documents import service as documents
from peoplelens.kit.errors import UpstreamUnavailable
from peoplelens.kit.ids import CandidateID, DocumentID
from peoplelens.kit.schemas import RequestModel


class GenerateIn(RequestModel):
    job_description: Annotated[str, StringConstraints(min_length=20, max_length=20_000)]
    language: Literal["en", "de", "fr", "es", "pt"] | None = Field(
        default=None,
        description="Write the questions in this language (ours). Without it, the "
        "description's own language (detected; English when unsure).",
    )
    candidate_id: CandidateID | None = Field(
        default=None,
        description="(ours) Tailor to this candidate's parsed resume: `use_resume` set, and "
        "`tailored_to.questions` previews the questions about a skill and the latest role it "
        "states. 404 `no_parsed_document` when the candidate has no parsed resume.",
    )


class SuggestedQuestionOut(BaseModel):
    text: str
    type: str
    behavioral_intent: str
    expected_answer: str


class Suggestions(BaseModel):
    title: str
    avatar_id: str
    language: str
    questions: list[SuggestedQuestionOut]
    use_resume: bool = Field(
        default=False, description="(ours) True when tailored to a candidate's resume."
    )


class TailoredTo(BaseModel):
    candidate_id: CandidateID
    document_id: DocumentID
    questions: list[SuggestedQuestionOut] = Field(
        description="What the AI interviewer adds for this candidate when the template has "
        "`use_resume: true` (asked after the template's questions, made anew from the latest "
        "resume at each interview) — a preview; they are not part of `suggestions.questions`."
    )


class GenerateOut(BaseModel):
    job_description_received: str = Field(description="The job description, as received.")
    suggestions: Suggestions
    tailored_to: TailoredTo | None = Field(
        default=None, description="(ours) The resume the questions were tailored to."
    )


def suggest(
    session: Session, principal: Principal, provider: AIProvider, body: GenerateIn
) -> GenerateOut:
    """The provider's suggestion for ``body.job_description`` (tailored to the candidate's
    parsed resume when ``candidate_id`` names one: 404 ``no_parsed_document`` otherwise)."""
    tailoring = (  # checked first: a wrong candidate_id costs no generation
        documents.latest_profile_or_404(session, principal, body.candidate_id)
        if body.candidate_id is not None
        else None
    )
    try:
        s = provider.generate_template(body.job_description, body.language)
    except AIError as exc:
        raise UpstreamUnavailable(f"The AI provider did not answer usefully: {exc}") from None
    questions = [
        SuggestedQuestionOut(
            text=q.text,
            type=q.type,
            behavioral_intent=q.behavioral_intent,
            expected_answer=q.expected_answer,
        )
        for q in s.questions
    ]
    tailored_to = None
    if tailoring is not None:
        document, profile = tailoring
        tailored_to = TailoredTo(
            candidate_id=document.candidate_id,
            document_id=document.id,
            questions=[
                SuggestedQuestionOut(
                    text=q.text,
                    type=q.type,
                    behavioral_intent=q.behavioral_intent,
                    expected_answer=q.expected_answer,
                )
                for q in resume_questions(profile, body.job_description, s.language)
            ],
        )
    return GenerateOut(
        job_description_received=body.job_description,
        suggestions=Suggestions(
            title=s.title,
            avatar_id=s.avatar_id,
            language=s.language,
            questions=questions,
            use_resume=tailoring is not None,
        ),
        tailored_to=tailored_to,
    )
