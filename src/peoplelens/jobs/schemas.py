from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from peoplelens.kit.ids import render
from peoplelens.kit.schemas import IdString, LongText, RequestModel, omittable
from peoplelens.kit.time import iso
from peoplelens.models import Job

JobStatus = Literal["draft", "active", "paused", "closed"]
Title = Annotated[str, StringConstraints(min_length=1, max_length=300)]
Label = Annotated[str, StringConstraints(max_length=200)]


class JobOut(BaseModel):
    id: str = Field(examples=["job-123e4567-e89b-12d3-a456-426614174000"])
    title: str
    description: str | None
    department: str | None
    status: str
    location: str | None
    employment_type: str | None
    created_at: str
    updated_at: str

    @classmethod
    def build(cls, job: Job) -> JobOut:
        return cls(
            id=render("job", job.id),
            title=job.title,
            description=job.description,
            department=job.department,
            status=job.status,
            location=job.location,
            employment_type=job.employment_type,
            created_at=iso(job.created_at),
            updated_at=iso(job.updated_at),
        )


class JobCreate(RequestModel):
    title: Title
    description: LongText | None = None
    department: Label | None = None
    status: JobStatus = "active"
    location: Label | None = None
    employment_type: Annotated[str, StringConstraints(max_length=50)] | None = None


class JobUpdate(RequestModel):
    """PUT: the fields sent replace the stored ones; fields left out keep their value."""

    title: Title | None = omittable()
    description: LongText | None = None
    department: Label | None = None
    status: JobStatus | None = omittable()
    location: Label | None = None
    employment_type: Annotated[str, StringConstraints(max_length=50)] | None = None


class BulkJobs(RequestModel):
    jobs: list[JobCreate] = Field(min_length=1, max_length=1000)


class BulkJobsCreated(BaseModel):
    created: int
    data: list[JobOut]


class ApplicantIn(RequestModel):
    candidate_id: IdString


class ApplicantOut(BaseModel):
    success: bool = True
    candidate_id: str
    job_id: str
