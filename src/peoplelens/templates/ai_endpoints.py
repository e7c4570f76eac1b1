"""Template generation and interviewer personas (spec §4)."""

from __future__ import annotations

from pydantic import BaseModel

from peoplelens.ai.avatars import AVATARS
from peoplelens.boundary.dependencies import (
    ReadPrincipal,
    RuntimeDep,
    SessionDep,
    WritePrincipal,
)
from peoplelens.boundary.router import api_router, responses
from peoplelens.templates.generation import GenerateIn, GenerateOut, suggest

router = api_router("templates")


class AvatarOut(BaseModel):
    id: str
    name: str
    language: str
    style: str


@router.post(
    "/templates/generate",
    response_model=GenerateOut,
    responses=responses(r404="`candidate_id`: no such candidate, or no parsed resume yet."),
)
def generate_template(
    body: GenerateIn, principal: WritePrincipal, runtime: RuntimeDep, session: SessionDep
) -> GenerateOut:
    """Suggests an interview template for a job description: a title, an interviewer persona,
    the language, and questions that follow from the description (a Go/Kubernetes role gets
    Go and Kubernetes questions), each with `behavioral_intent` and `expected_answer`. With
    `candidate_id` (ours), `use_resume` is suggested and `tailored_to.questions` previews the
    (up to two) questions the interviewer will add about that candidate's parsed resume.
    Nothing is stored: `POST /templates` with what you keep (`suggestions.questions` as
    `structure_template`)."""
    return suggest(session, principal, runtime.provider, body)


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
