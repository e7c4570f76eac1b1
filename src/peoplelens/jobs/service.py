"""Job rules. Never commits."""

from __future__ import annotations

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
from peoplelens.kit.ids import not_found
from peoplelens.kit.pagination import Page, PageRequest, paginate
from peoplelens.kit.time import utcnow
from peoplelens.models import Job


def load_job(session: Session, principal: Principal, raw_id: str) -> Job:
    job = JobRepository(session, principal).get(ids.parse_path("job", raw_id))
    if job is None:
        raise not_found("job", raw_id)
    return job


def get_job(session: Session, principal: Principal, raw_id: str) -> JobOut:
    return JobOut.build(load_job(session, principal, raw_id))


def _new_job(data: JobCreate) -> Job:
    now = utcnow()
    return Job(
        id=ids.new_uuid(),
        title=data.title,
        description=data.description,
        department=data.department,
        status=data.status,
        location=data.location,
        employment_type=data.employment_type,
        created_at=now,
        updated_at=now,
    )


def create_job(session: Session, principal: Principal, data: JobCreate) -> JobOut:
    job = JobRepository(session, principal).add(_new_job(data))
    session.flush()
    out = JobOut.build(job)
    EventOutbox(session, principal).emit("job.created", out.model_dump())
    AuditLog(session, principal).record("JOB_CREATED", "job", out.id)
    return out


def bulk_create_jobs(session: Session, principal: Principal, data: BulkJobs) -> list[JobOut]:
    repo = JobRepository(session, principal)
    jobs = [_new_job(item) for item in data.jobs]
    for job in jobs:
        repo.add(job)
    session.flush()
    outs = [JobOut.build(job) for job in jobs]
    EventOutbox(session, principal).emit_many(
        "job.created", [(None, out.model_dump()) for out in outs]
    )
    AuditLog(session, principal).record_many(
        "JOB_CREATED", "job", [out.id for out in outs], {"bulk": True}
    )
    return outs


def update_job(session: Session, principal: Principal, raw_id: str, data: JobUpdate) -> JobOut:
    job = load_job(session, principal, raw_id)
    before = JobOut.build(job).model_dump()
    sent = data.model_fields_set
    for name in ("title", "status"):
        if name in sent and getattr(data, name) is None:
            raise InvalidRequest(f"'{name}' cannot be null.", param=name)
    for name in ("title", "description", "department", "status", "location", "employment_type"):
        if name in sent:
            setattr(job, name, getattr(data, name))
    job.updated_at = utcnow()
    session.flush()
    after = JobOut.build(job)
    dumped = after.model_dump()
    changed = [k for k in dumped if k not in ("updated_at",) and dumped[k] != before[k]]
    if changed:
        previous: dict[str, Any] = {k: before[k] for k in changed}
        events = EventOutbox(session, principal)
        events.emit("job.updated", {**dumped, "previous_attributes": previous})
        if "status" in changed and job.status == "closed":
            events.emit(
                "job.closed", {**dumped, "previous_attributes": {"status": before["status"]}}
            )
        AuditLog(session, principal).record("JOB_UPDATED", "job", after.id, {"fields": changed})
    return after


def delete_job(session: Session, principal: Principal, raw_id: str) -> str:
    job = load_job(session, principal, raw_id)
    repo = JobRepository(session, principal)
    if repo.is_referenced(job.id):
        raise Conflict(
            "Candidates or interview plans still refer to this job; close it instead "
            "(PUT status=closed).",
            code="job_in_use",
        )
    public_id = ids.render("job", job.id)
    repo.delete_by_id(job.id)
    session.expunge(job)
    AuditLog(session, principal).record("JOB_DELETED", "job", public_id)
    return public_id


def add_applicant(
    session: Session, principal: Principal, raw_job_id: str, raw_candidate_id: str
) -> tuple[str, str]:
    job = load_job(session, principal, raw_job_id)
    if job.status == "closed":
        raise Conflict("This job is closed; reopen it before adding applicants.", code="job_closed")
    candidate_id = ids.parse_ref("can", raw_candidate_id, "candidate_id")
    candidate = CandidateRepository(session, principal).get(candidate_id)
    if candidate is None:
        raise not_found("can", raw_candidate_id, param="candidate_id")
    if candidate.job_id != job.id:
        before = candidates.present(session, principal, candidate).model_dump(mode="json")
        candidate.job_id = job.id
        candidate.updated_at = utcnow()
        session.flush()
        after = candidates.present(session, principal, candidate).model_dump(mode="json")
        candidates.emit_candidate_changes(
            EventOutbox(session, principal),
            candidate.id,
            before,
            after,
            ["job_id", "job_searches"],
        )
        AuditLog(session, principal).record(
            "JOB_APPLICANT_ADDED", "candidate", after["id"], {"job_id": after["job_id"]}
        )
    return ids.render("can", candidate.id), ids.render("job", job.id)


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
    return [JobOut.build(job) for job in result.items], result
