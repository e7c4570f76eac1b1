from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal, Protocol

from pydantic import BaseModel, EmailStr, Field, StringConstraints

from peoplelens.interviews.plans.state import InterviewStatus, PlanState
from peoplelens.kit.ids import render, render_opt
from peoplelens.kit.schemas import (
    ExternalId,
    IdString,
    Metadata,
    Name,
    Phone,
    RequestModel,
    Url,
    UtcDatetime,
    omittable,
)
from peoplelens.kit.time import iso

# What the presenters read. An ORM row and a read-lane record (kit/db/prepared.py) both qualify.


class CandidateFields(Protocol):
    @property
    def id(self) -> uuid.UUID: ...
    @property
    def first_name(self) -> str: ...
    @property
    def last_name(self) -> str: ...
    @property
    def email(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def job_id(self) -> uuid.UUID | None: ...
    @property
    def external_id(self) -> str | None: ...
    @property
    def metadata_(self) -> dict[str, Any] | None: ...
    @property
    def phone(self) -> str | None: ...
    @property
    def linkedin_url(self) -> str | None: ...
    @property
    def stage(self) -> str: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime: ...


class JobFields(Protocol):
    @property
    def id(self) -> uuid.UUID: ...
    @property
    def title(self) -> str: ...
    @property
    def status(self) -> str: ...


class PlanFields(PlanState, Protocol):
    @property
    def id(self) -> uuid.UUID: ...
    @property
    def total_steps(self) -> int: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime: ...


CandidateStatus = Literal["active", "hired", "rejected", "archived"]
Stage = Annotated[str, StringConstraints(min_length=1, max_length=64)]
Email = Annotated[EmailStr, StringConstraints(max_length=320)]


class JobSearch(BaseModel):
    id: str
    title: str
    status: str


class CandidateOut(BaseModel):
    id: str = Field(examples=["can-123e4567-e89b-12d3-a456-426614174000"])
    first_name: str
    last_name: str
    email: str
    status: str
    job_id: str | None
    job_searches: JobSearch | None = Field(description="The linked job, embedded.")
    external_id: str | None
    metadata: dict[str, Any]
    phone: str | None
    linkedin_url: str | None
    stage: str
    created_at: str
    updated_at: str

    @classmethod
    def build(cls, c: CandidateFields, job: JobFields | None) -> CandidateOut:
        return cls(
            id=render("can", c.id),
            first_name=c.first_name,
            last_name=c.last_name,
            email=c.email,
            status=c.status,
            job_id=render_opt("job", c.job_id),
            job_searches=(
                JobSearch(id=render("job", job.id), title=job.title, status=job.status)
                if job is not None
                else None
            ),
            external_id=c.external_id,
            metadata=c.metadata_ or {},
            phone=c.phone,
            linkedin_url=c.linkedin_url,
            stage=c.stage,
            created_at=iso(c.created_at),
            updated_at=iso(c.updated_at),
        )


class CandidateCreate(RequestModel):
    first_name: Name
    last_name: Name
    email: Email
    status: CandidateStatus = "active"
    stage: Stage | None = None
    job_id: IdString | None = None
    external_id: ExternalId | None = None
    metadata: Metadata = Field(default_factory=dict)
    phone: Phone | None = None
    linkedin_url: Url | None = None


class CandidatePatch(RequestModel):
    """Only the fields sent are changed; ``null`` clears an optional field."""

    first_name: Name | None = omittable()
    last_name: Name | None = omittable()
    email: Email | None = omittable()
    status: CandidateStatus | None = omittable()
    stage: Stage | None = omittable()
    job_id: IdString | None = None
    external_id: ExternalId | None = None
    metadata: Metadata | None = omittable()
    phone: Phone | None = None
    linkedin_url: Url | None = None


class BulkCandidates(RequestModel):
    candidates: list[CandidateCreate] = Field(min_length=1, max_length=1000)


class BulkCreated(BaseModel):
    created: int
    data: list[CandidateOut]


class LatestInterview(BaseModel):
    plan_id: str
    plan_status: str
    total_steps: int
    completed_steps: int
    created_at: str
    updated_at: str


class CandidateStatusOut(BaseModel):
    candidate_id: str
    candidate_name: str
    status: InterviewStatus
    latest_interview: LatestInterview | None

    @classmethod
    def build(
        cls,
        c: CandidateFields,
        plan: PlanFields | None,
        plan_status: str | None,
        status: InterviewStatus,
    ) -> CandidateStatusOut:
        latest = None
        if plan is not None and plan_status is not None:
            latest = LatestInterview(
                plan_id=render("plan", plan.id),
                plan_status=plan_status,
                total_steps=plan.total_steps,
                completed_steps=plan.completed_steps,
                created_at=iso(plan.created_at),
                updated_at=iso(plan.updated_at),
            )
        return cls(
            candidate_id=render("can", c.id),
            candidate_name=f"{c.first_name} {c.last_name}".strip(),
            status=status,
            latest_interview=latest,
        )


class CandidateFilters(BaseModel):
    status: CandidateStatus | None = None
    job_id: str | None = None
    stage: str | None = None
    email: str | None = None
    external_id: str | None = None
    q: str | None = None
    created_after: UtcDatetime | None = None
    updated_after: UtcDatetime | None = None
