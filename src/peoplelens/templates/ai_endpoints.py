"""Template generation and interviewer personas (spec §4)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from peoplelens.ai.avatars import AVATARS
from peoplelens.ai.base import AIError
from peoplelens.boundary.dependencies import ReadPrincipal, RuntimeDep, WritePrincipal
from peoplelens.boundary.router import api_router
from peoplelens.kit.errors import UpstreamUnavailable
from peoplelens.kit.schemas import RequestModel

router = api_router("templates")


class GenerateIn(RequestModel):
    job_description: Annotated[str, StringConstraints(min_length=20, max_length=20_000)]
    language: Literal["en", "de", "fr", "es", "pt"] | None = Field(
        default=None,
        description="Write the questions in this language (ours). Without it, the "
        "description's own language (detected; English when unsure).",
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


class GenerateOut(BaseModel):
    job_description_received: str = Field(description="The job description, as received.")
    suggestions: Suggestions


class AvatarOut(BaseModel):
    id: str
    name: str
    language: str
    style: str


@router.post("/templates/generate", response_model=GenerateOut)
def generate_template(
    body: GenerateIn, principal: WritePrincipal, runtime: RuntimeDep
) -> GenerateOut:
    """Suggests an interview template for a job description: a title, an interviewer persona,
    the language, and questions that follow from the description (a Go/Kubernetes role gets
    Go and Kubernetes questions), each with `behavioral_intent` and `expected_answer`. Nothing
    is stored: `POST /templates` with what you keep."""
    del principal
    try:
        s = runtime.provider.generate_template(body.job_description, body.language)
    except AIError as exc:
        raise UpstreamUnavailable(f"The AI provider did not answer usefully: {exc}") from None
    return GenerateOut(
        job_description_received=body.job_description,
        suggestions=Suggestions(
            title=s.title,
            avatar_id=s.avatar_id,
            language=s.language,
            questions=[
                SuggestedQuestionOut(
                    text=q.text,
                    type=q.type,
                    behavioral_intent=q.behavioral_intent,
                    expected_answer=q.expected_answer,
                )
                for q in s.questions
            ],
        ),
    )


@router.get("/avatars", response_model=dict[str, list[AvatarOut]])
def list_avatars(principal: ReadPrincipal) -> dict[str, list[AvatarOut]]:
    """The interviewer personas a template can name in `avatar_id`; the style shapes the
    interviewer's wording."""
    del principal
    return {
        "data": [
            AvatarOut(id=a.id, name=a.name, language=a.language, style=a.style) for a in AVATARS
        ]
    }
