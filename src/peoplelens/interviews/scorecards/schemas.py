from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StringConstraints

from peoplelens.documents.schemas import ParsedResumeOut
from peoplelens.kit.ids import CandidateID, HumanScorecardID, JobID, MessageID, PlanID, StepID
from peoplelens.kit.schemas import LongText, Presenter, RequestModel, Timestamp

RecommendationValue = Literal["strong_hire", "hire", "no_hire", "strong_no_hire"]


class EvidenceOut(BaseModel):
    message_id: str
    quote: str


class CriterionOut(BaseModel):
    name: str
    score: int | None
    question_id: str | None = None
    insufficient_evidence: bool = False
    rationale: str | None = None
    evidence: list[EvidenceOut] = []


class ScorecardBody(Presenter):
    overall_score: int | None = Field(description="0–100; null when evidence is insufficient.")
    recommendation: str | None
    executive_summary: str | None
    strengths: list[str]
    weaknesses: list[str]
    criteria: list[CriterionOut]
    detailed_analysis: dict[str, Any]
    assessed_at: Timestamp | None
    confidence: float | None
    insufficient_evidence: bool
    model: str | None
    rubric_version: str | None
    version: int


class ScorecardHistoryItem(Presenter):
    version: int
    status: str
    overall_score: int | None
    recommendation: str | None
    model: str | None
    assessed_at: Timestamp | None


class HumanScorecardOut(Presenter):
    id: HumanScorecardID
    plan_id: PlanID
    step_id: StepID
    interviewer_id: str
    overall_score: int
    recommendation: str
    criteria: list[CriterionOut]
    notes: str | None
    created_at: Timestamp


class AssessmentOut(BaseModel):
    step_id: StepID
    title: str
    order: int
    type: str
    status: str = Field(description="The step's status.")
    assessment_status: str | None = Field(
        description="AI steps: pending, completed or assessment_failed."
    )
    scorecard: ScorecardBody | None
    history: list[ScorecardHistoryItem] = []
    human_scorecards: list[HumanScorecardOut] = []


class ScorecardJob(Presenter):
    id: JobID
    title: str
    department: str | None


class ScorecardCandidate(Presenter):
    id: CandidateID
    first_name: str
    last_name: str
    email: str


class ScorecardContext(BaseModel):
    """(ours) What the interview was shaped by besides the template, for the reader."""

    resume: ParsedResumeOut | None = Field(
        default=None,
        description="The parsed resume the AI interviewer asked about (a `use_resume` "
        "template): context for the hiring team. It shaped questions only; scores rest on "
        "the candidate's answers.",
    )
    resume_question_ids: list[str] = Field(
        default=[], description="The questions that came from the resume."
    )


class PlanScorecardOut(BaseModel):
    id: PlanID
    status: str
    created_at: Timestamp
    updated_at: Timestamp
    job: ScorecardJob | None
    candidate: ScorecardCandidate
    assessments: list[AssessmentOut]
    context: ScorecardContext = Field(default_factory=ScorecardContext)


class CriterionIn(RequestModel):
    name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    score: int = Field(ge=0, le=100)


class HumanScorecardIn(RequestModel):
    interviewer_id: Annotated[str, StringConstraints(min_length=1, max_length=100)] | None = Field(
        default=None,
        description="The user (usr-…) who interviewed; a signed-in person may leave it out.",
    )
    overall_score: int = Field(ge=0, le=100)
    recommendation: RecommendationValue
    criteria: list[CriterionIn] = Field(default_factory=list, max_length=50)
    notes: LongText | None = None


class TranscriptMessage(Presenter):
    id: MessageID
    role: str
    kind: str
    question_id: str | None
    text: str
    created_at: Timestamp


class TranscriptStep(BaseModel):
    step_id: StepID
    title: str
    messages: list[TranscriptMessage]


class TranscriptOut(BaseModel):
    plan_id: PlanID
    steps: list[TranscriptStep]


class ReassessOut(BaseModel):
    step_id: StepID
    assessment_status: str
