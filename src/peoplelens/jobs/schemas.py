from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from peoplelens.kit.ids import CandidateID, JobID
from peoplelens.kit.schemas import (
    ExternalId,
    LongText,
    Presenter,
    RequestModel,
    Timestamp,
    omittable,
)

JobStatus = Literal["draft", "active", "paused", "closed"]
Title = Annotated[str, StringConstraints(min_length=1, max_length=300)]
Label = Annotated[str, StringConstraints(max_length=200)]


class JobOut(Presenter):
    id: JobID
    title: str
    description: str | None
    department: str | None
    status: str
    location: str | None
    employment_type: str | None
    external_id: str | None = Field(
        default=None, description="Your ATS's id of the opening; unique per account when set."
    )
    created_at: Timestamp
    updated_at: Timestamp


class JobCreate(RequestModel):
    title: Title
    description: LongText | None = None
    department: Label | None = None
    status: JobStatus = "active"
    location: Label | None = None
    employment_type: Annotated[str, StringConstraints(max_length=50)] | None = None
    external_id: ExternalId | None = None


class JobUpdate(RequestModel):
    """PUT: the fields sent replace the stored ones; fields left out keep their value."""

    title: Title | None = omittable()
    description: LongText | None = None
    department: Label | None = None
    status: JobStatus | None = omittable()
    location: Label | None = None
    employment_type: Annotated[str, StringConstraints(max_length=50)] | None = None
    external_id: ExternalId | None = None


class BulkJobs(RequestModel):
    jobs: list[JobCreate] = Field(min_length=1, max_length=1000)


class BulkJobsCreated(BaseModel):
    created: int
    data: list[JobOut]


class ApplicantIn(RequestModel):
    candidate_id: CandidateID


class ApplicantOut(BaseModel):
    success: bool = True
    candidate_id: CandidateID
    job_id: JobID
