"""Job rules. Never commits."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from peoplelens.audit.repository import AuditLog
from peoplelens.auth.principal import Principal
from peoplelens.candidates import service as candidates
from peoplelens.candidates.repository import CandidateRepository
from peoplelens.events.repository import EventOutbox
from peoplelens.jobs.repository import JobRepository
from peoplelens.jobs.schemas import BulkJobs, JobCreate, JobOut, JobUpdate
from peoplelens.kit import ids
from peoplelens.kit.errors import Conflict, InvalidRequest
from peoplelens.kit.pagination import Page, PageRequest, paginate
from peoplelens.kit.time import utcnow
from peoplelens.models import Job

_FIELDS = (
    "title",
    "description",
    "department",
    "status",
    "location",
    "employment_type",
    "external_id",
)


def _check_external_ids(
    repo: JobRepository, wanted: list[str | None], itself: uuid.UUID | None = None
) -> None:
    """An ATS's id names one job of the account (the inbound webhooks upsert by it)."""
    given = [w for w in wanted if w is not None]
    repeated = next((w for i, w in enumerate(given) if w in given[:i]), None)
    if repeated is not None:
        raise InvalidRequest(
            "Two jobs of this batch have the same 'external_id'.",
            param="external_id",
            code="duplicate_in_batch",
        )
    for value, job in repo.by_external_ids(set(given)).items():
        if job.id != itself:
            public = ids.render("job", job.id)
            raise Conflict(
                f"A job with this external_id already exists ({public}).",
                code="duplicate_external_id",
                param="external_id",
                extra={"existing_id": public, "external_id": value},
            )


def get_job(session: Session, principal: Principal, job_id: uuid.UUID) -> JobOut:
    return JobOut.model_validate(JobRepository(session, principal).get_or_404(job_id))


def _new_job(data: JobCreate) -> Job:
    now = utcnow()
    return Job(id=ids.new_uuid(), **data.model_dump(), created_at=now, updated_at=now)


def create_job(session: Session, principal: Principal, data: JobCreate) -> JobOut:
    repo = JobRepository(session, principal)
    _check_external_ids(repo, [data.external_id])
    job = repo.add(_new_job(data))
    session.flush()
    out = JobOut.model_validate(job)
    shown = out.model_dump(mode="json")
    EventOutbox(session, principal).emit("job.created", shown)
    AuditLog(session, principal).record("JOB_CREATED", "job", shown["id"])
    return out


def bulk_create_jobs(session: Session, principal: Principal, data: BulkJobs) -> list[JobOut]:
    repo = JobRepository(session, principal)
    _check_external_ids(repo, [item.external_id for item in data.jobs])
    jobs = [_new_job(item) for item in data.jobs]
    for job in jobs:
        repo.add(job)
    session.flush()
    outs = [JobOut.model_validate(job) for job in jobs]
    shown = [out.model_dump(mode="json") for out in outs]
    EventOutbox(session, principal).emit_many("job.created", [(None, s) for s in shown])
    AuditLog(session, principal).record_many(
        "JOB_CREATED", "job", [s["id"] for s in shown], {"bulk": True}
    )
    return outs


def update_job(
    session: Session, principal: Principal, job_id: uuid.UUID, data: JobUpdate
) -> JobOut:
    repo = JobRepository(session, principal)
    job = repo.get_or_404(job_id)
    before = JobOut.model_validate(job).model_dump(mode="json")
    sent = data.model_fields_set
    if "external_id" in sent:
        _check_external_ids(repo, [data.external_id], itself=job.id)
    for name in ("title", "status"):
        if name in sent and getattr(data, name) is None:
            raise InvalidRequest(f"'{name}' cannot be null.", param=name)
    for name in _FIELDS:
        if name in sent:
            setattr(job, name, getattr(data, name))
    job.updated_at = utcnow()
    session.flush()
    after = JobOut.model_validate(job)
    dumped = after.model_dump(mode="json")
    changed = [k for k in dumped if k not in ("updated_at",) and dumped[k] != before[k]]
    if changed:
        previous: dict[str, Any] = {k: before[k] for k in changed}
        events = EventOutbox(session, principal)
        events.emit("job.updated", {**dumped, "previous_attributes": previous})
        if "status" in changed and job.status == "closed":
            events.emit(
                "job.closed", {**dumped, "previous_attributes": {"status": before["status"]}}
            )
        AuditLog(session, principal).record("JOB_UPDATED", "job", dumped["id"], {"fields": changed})
    return after


def delete_job(session: Session, principal: Principal, job_id: uuid.UUID) -> str:
    repo = JobRepository(session, principal)
    job = repo.get_or_404(job_id)
    if repo.is_referenced(job.id):
        raise Conflict(
            "Candidates or interview plans still refer to this job; close it instead "
            "(PUT status=closed).",
            code="job_in_use",
        )
    public_id = ids.render("job", job.id)
    repo.delete_by_id(job.id)
    session.expunge(job)
    EventOutbox(session, principal).emit("job.deleted", {"id": public_id, "deleted": True})
    AuditLog(session, principal).record("JOB_DELETED", "job", public_id)
    return public_id


def add_applicant(
    session: Session, principal: Principal, job_id: uuid.UUID, candidate_id: uuid.UUID
) -> tuple[uuid.UUID, uuid.UUID]:
    """Links the candidate to the job — a change of its ``job_id``, with the events and rules
    of any candidate change (``candidates.service.change_candidate``)."""
    job = JobRepository(session, principal).get_or_404(job_id)
    if job.status == "closed":
        raise Conflict("This job is closed; reopen it before adding applicants.", code="job_closed")
    candidate = CandidateRepository(session, principal).get_or_404(
        candidate_id, param="candidate_id"
    )
    if candidates.change_candidate(session, principal, candidate, {"job_id": job.id}):
        AuditLog(session, principal).record(
            "JOB_APPLICANT_ADDED",
            "candidate",
            ids.render("can", candidate.id),
            {"job_id": ids.render("job", job.id)},
        )
    return candidate.id, job.id


def candidate_counts(
    session: Session, principal: Principal, job_ids: set[uuid.UUID]
) -> dict[uuid.UUID, int]:
    """The number of candidates of each job (the jobs list shows it)."""
    return JobRepository(session, principal).candidate_counts(job_ids)


def list_jobs(
    session: Session,
    principal: Principal,
    page: PageRequest,
    status: str | None,
    department: str | None,
    q: str | None,
) -> tuple[list[JobOut], Page[Any]]:
    stmt = JobRepository(session, principal).filtered(status, department, q)
    result = paginate(session, stmt, Job, page)
    return [JobOut.model_validate(job) for job in result.items], result
