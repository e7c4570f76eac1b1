"""Jobs (spec §3)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, status

from peoplelens.boundary.dependencies import ReadPrincipal, SessionDep, WritePrincipal
from peoplelens.boundary.router import api_router, not_found_doc, responses
from peoplelens.jobs import service
from peoplelens.jobs.schemas import (
    ApplicantIn,
    ApplicantOut,
    BulkJobs,
    BulkJobsCreated,
    JobCreate,
    JobOut,
    JobStatus,
    JobUpdate,
)
from peoplelens.kit.ids import JobID
from peoplelens.kit.params import PageDep
from peoplelens.kit.schemas import Deleted, ListResponse

router = api_router("jobs")
_404 = not_found_doc("job")


@router.get("/jobs/{id}", response_model=JobOut, responses=_404)
def get_job(id: JobID, principal: ReadPrincipal, session: SessionDep) -> JobOut:
    """Returns one job. Sends a strong `ETag` (`If-None-Match` → 304)."""
    return service.get_job(session, principal, id)


@router.put(
    "/jobs/{id}",
    response_model=JobOut,
    responses=_404 | responses(r409="The external_id belongs to another job."),
)
def update_job(
    id: JobID, body: JobUpdate, principal: WritePrincipal, session: SessionDep
) -> JobOut:
    """Updates `title`, `description`, `department`, `status` (and `location`,
    `employment_type`); fields left out keep their value. Fires `job.updated`, and
    `job.closed` when the status moves to `closed`."""
    return service.update_job(session, principal, id, body)


@router.delete(
    "/jobs/{id}",
    response_model=Deleted,
    responses={**_404, **responses(r409="Candidates or plans refer to the job.")},
)
def delete_job(id: JobID, principal: WritePrincipal, session: SessionDep) -> Deleted:
    """Deletes a job nobody refers to. While candidates or interview plans point at it the
    answer is 409: close it instead."""
    return Deleted(id=service.delete_job(session, principal, id))


@router.post(
    "/jobs/{id}/applicants",
    response_model=ApplicantOut,
    responses=_404 | responses(r409="The job is closed; reopen it before adding applicants."),
)
def add_applicant(
    id: JobID, body: ApplicantIn, principal: WritePrincipal, session: SessionDep
) -> ApplicantOut:
    """Links a candidate to this job (sets the candidate's `job_id`)."""
    candidate_id, job_id = service.add_applicant(session, principal, id, body.candidate_id)
    return ApplicantOut(candidate_id=candidate_id, job_id=job_id)


@router.post(
    "/jobs",
    response_model=JobOut,
    status_code=status.HTTP_201_CREATED,
    responses=responses(r409="The external_id belongs to another job."),
)
def create_job(body: JobCreate, principal: WritePrincipal, session: SessionDep) -> JobOut:
    """Creates a job; `title` is required, `status` defaults to `active`. `external_id` (your
    ATS's id of the opening) is unique per account when given. Fires `job.created`."""
    return service.create_job(session, principal, body)


@router.post(
    "/jobs/bulk",
    response_model=BulkJobsCreated,
    status_code=status.HTTP_201_CREATED,
    responses=responses(r409="An item's external_id belongs to a job; nothing created."),
)
def bulk_create_jobs(
    body: BulkJobs, principal: WritePrincipal, session: SessionDep
) -> BulkJobsCreated:
    """Creates up to 1,000 jobs, all or nothing."""
    data = service.bulk_create_jobs(session, principal, body)
    return BulkJobsCreated(created=len(data), data=data)


@router.get("/jobs", response_model=ListResponse[JobOut])
def list_jobs(
    principal: ReadPrincipal,
    session: SessionDep,
    page: PageDep,
    status: Annotated[JobStatus | None, Query()] = None,
    department: Annotated[str | None, Query(max_length=200)] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Title or description contains.")
    ] = None,
) -> ListResponse[JobOut]:
    """Lists jobs, newest first; filters `status`, `department`, `q`."""
    data, result = service.list_jobs(session, principal, page, status, department, q)
    return ListResponse[JobOut].of(data, result)
