from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from peoplelens.kit.ids import TemplateID
from peoplelens.kit.schemas import LongText, Presenter, RequestModel, Timestamp, omittable

QuestionType = Literal["behavioral", "technical", "situational", "motivational", "general"]
Title = Annotated[str, StringConstraints(min_length=1, max_length=300)]
QuestionText = Annotated[str, StringConstraints(min_length=1, max_length=2000)]


class Question(RequestModel):
    id: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None = None
    text: QuestionText
    type: QuestionType = "general"
    behavioral_intent: Annotated[str, StringConstraints(max_length=2000)] | None = None
    expected_answer: Annotated[str, StringConstraints(max_length=5000)] | None = None
    max_follow_ups: int = Field(default=1, ge=0, le=5, strict=True)


class QuestionOut(BaseModel):
    id: str
    text: str
    type: str
    behavioral_intent: str | None = None
    expected_answer: str | None = None
    max_follow_ups: int = 1


class TemplateOut(Presenter):
    id: TemplateID
    title: str
    name: str = Field(
        validation_alias=AliasChoices("title", "name"),
        description="Same as `title` (the reference names it both ways).",
    )
    description: str | None
    initial_message: str | None
    ending_message: str | None
    structure_template: list[QuestionOut] = Field(
        validation_alias=AliasChoices("structure", "structure_template")
    )
    language: str
    avatar_id: str | None
    use_resume: bool = Field(
        description="(ours) The AI interviewer adds up to two questions about the candidate's "
        "parsed resume, and the scorecard shows the resume as context (never as a score input)."
    )
    created_at: Timestamp
    updated_at: Timestamp


class _TemplateFields(RequestModel):
    title: Title | None = omittable()
    name: Title | None = omittable("Alias of `title`.")
    description: LongText | None = None
    initial_message: LongText | None = None
    ending_message: LongText | None = None
    structure_template: list[Question] | None = Field(default=None, max_length=50)
    language: Annotated[str, StringConstraints(min_length=2, max_length=16)] | None = None
    avatar_id: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None = None
    use_resume: bool | None = Field(
        default=None,
        strict=True,
        description="(ours) Let the AI interviewer ask about the candidate's parsed resume.",
    )

    @model_validator(mode="after")
    def _title_or_name(self) -> _TemplateFields:
        for field in ("title", "name"):
            if field in self.model_fields_set and getattr(self, field) is None:
                raise ValueError(f"'{field}' cannot be null")
        if self.title is not None and self.name is not None and self.title != self.name:
            raise ValueError("'title' and 'name' name the same thing; send one, or the same value")
        if self.title is None and self.name is not None:
            self.title = self.name
        return self

    def questions(self) -> list[dict[str, Any]] | None:
        if self.structure_template is None:
            return None
        # A question sent with its id keeps it: a new one's made-up id steers clear of them.
        given = {q.id for q in self.structure_template if q.id}
        seen: set[str] = set()
        out = []
        for i, q in enumerate(self.structure_template):
            qid = q.id or f"q{i + 1}"
            while qid in seen or (q.id is None and qid in given):
                qid = f"{qid}-{i + 1}"
            seen.add(qid)
            out.append({**q.model_dump(), "id": qid})
        return out


class TemplateCreate(_TemplateFields):
    model_config = ConfigDict(
        json_schema_extra={"anyOf": [{"required": ["title"]}, {"required": ["name"]}]}
    )

    @model_validator(mode="after")
    def _needs_title(self) -> TemplateCreate:
        if self.title is None:
            raise ValueError("'title' is required")
        return self


class TemplateUpdate(_TemplateFields):
    """PUT: the fields sent replace the stored ones; fields left out keep their value."""
