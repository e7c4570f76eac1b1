"""Candidate rules: uniqueness, quota, stages, events and audit. Never commits."""

from __future__ import annotations

import uuid
from typing import Any, Protocol

from sqlalchemy.orm import Session

from peoplelens.audit.repository import AuditLog
from peoplelens.auth.principal import Principal
from peoplelens.candidates.repository import CandidateReads, CandidateRepository, CandidateWrites
from peoplelens.candidates.schemas import (
    CandidateCreate,
    CandidateFilters,
    CandidateOut,
    CandidatePatch,
    CandidateStatusOut,
)
from peoplelens.events.repository import EventOutbox, EventRepository
from peoplelens.idempotency.repository import IdempotencyRecords
from peoplelens.interviews.plans.state import candidate_interview_status, effective_plan_status
from peoplelens.jobs.repository import JobRepository
from peoplelens.kit import ids
from peoplelens.kit.db.prepared import Record
from peoplelens.kit.db.reads import ReadLane
from peoplelens.kit.db.writes import WriteTx
from peoplelens.kit.errors import Conflict, InvalidRequest, QuotaExceeded
from peoplelens.kit.ids import not_found
from peoplelens.kit.pagination import Page, PageRequest, decode_cursor, finish_page
from peoplelens.kit.sql import like_pattern
from peoplelens.kit.time import utcnow
from peoplelens.models import Candidate, Job
from peoplelens.tenants.repository import (
    TenantCounterReads,
    TenantProfileRepository,
    TenantProfileWrites,
)


def _load(session: Session, principal: Principal, raw_id: str) -> Candidate:
    candidate = CandidateRepository(session, principal).get(ids.parse_path("can", raw_id))
    if candidate is None:
        raise not_found("can", raw_id)
    return candidate


def _job(session: Session, principal: Principal, job_id: uuid.UUID | None) -> Job | None:
    return JobRepository(session, principal).get(job_id) if job_id else None


def present(session: Session, principal: Principal, candidate: Candidate) -> CandidateOut:
    return CandidateOut.build(candidate, _job(session, principal, candidate.job_id))


async def read_candidate(lane: ReadLane, principal: Principal, raw_id: str) -> CandidateOut:
    """The hot read: one statement (candidate + job) on the read lane, no ORM session."""
    found = await CandidateReads(lane, principal).profile(ids.parse_path("can", raw_id))
    if found is None:
        raise not_found("can", raw_id)
    return CandidateOut.build(*found)


def _require_stage(stages: list[str], stage: str, param: str = "stage") -> None:
    if stage not in stages:
        raise InvalidRequest(
            f"'{param}' must be one of this account's pipeline stages: {', '.join(stages)}.",
            param=param,
            code="invalid_stage",
        )


def check_quota(session: Session, principal: Principal, adding: int) -> None:
    """Checks the plan's cap, if the tenant has one; the caller counts what it inserted with
    ``TenantProfileRepository.count_candidates`` as its last statement.

    With a cap the counter row is locked here (to the end of the transaction) so concurrent
    creations cannot overshoot it; without one nothing is locked until that last UPDATE, so
    concurrent creations in a tenant queue only for the moment before their commit."""
    profile = TenantProfileRepository(session, principal)
    quota = profile.current().candidate_quota
    if quota is not None:
        _require_room(quota, profile.candidate_count(lock=True), adding)


def _require_room(quota: int, current: int, adding: int) -> None:
    if current + adding > quota:
        raise QuotaExceeded(
            f"This account's plan allows {quota} candidates; it has {current} "
            f"and this request adds {adding}. Nothing was created.",
        )


def duplicate(field: str, existing: uuid.UUID, param: str | None = None) -> Conflict:
    public = ids.render("can", existing)
    label = "e-mail" if field == "email" else field
    return Conflict(
        f"A candidate with this {label} already exists ({public}).",
        code=f"duplicate_{field}",
        param=param or field,
        extra={"existing_id": public},
    )


async def create_candidate(
    tx: WriteTx, principal: Principal, data: CandidateCreate
) -> CandidateOut:
    """On the write lane: one statement for every check, then the row, its outbox event, its
    audit entry and the counter — no session, no thread hop."""
    repo = CandidateWrites(tx, principal)
    email_normalized = data.email.lower()
    job_id = ids.parse_ref("job", data.job_id, "job_id") if data.job_id else None
    checks = await repo.checks(email_normalized, data.external_id, job_id)
    if checks.email_owner is not None:
        raise duplicate("email", checks.email_owner)
    if data.external_id is not None and checks.external_id_owner is not None:
        raise duplicate("external_id", checks.external_id_owner)
    job = checks.job
    if data.job_id and job is None:
        raise not_found("job", data.job_id, param="job_id")
    if data.stage is not None:
        _require_stage(checks.pipeline_stages, data.stage)
    profile = TenantProfileWrites(tx, principal)
    if checks.candidate_quota is not None:  # see check_quota: with a cap, lock the counter first
        _require_room(checks.candidate_quota, await profile.locked_candidate_count(), 1)
    now = utcnow()
    row: dict[str, Any] = {
        "id": ids.new_uuid(),
        "first_name": data.first_name,
        "last_name": data.last_name,
        "email": data.email,
        "email_normalized": email_normalized,
        "status": data.status,
        "stage": data.stage or "applied",
        "job_id": job.id if job else None,
        "external_id": data.external_id,
        "metadata_": data.metadata,
        "phone": data.phone,
        "linkedin_url": data.linkedin_url,
        "created_at": now,
        "updated_at": now,
    }
    repo.add(row)
    out = CandidateOut.build(Record(row), job)
    EventOutbox(tx, principal).emit(
        "candidate.created", out.model_dump(mode="json"), candidate_id=row["id"]
    )
    AuditLog(tx, principal).record("CANDIDATE_CREATED", "candidate", out.id)
    profile.count_candidates(1)  # last: shortest row lock
    return out


_PATCHABLE = (
    "first_name",
    "last_name",
    "email",
    "status",
    "stage",
    "job_id",
    "external_id",
    "metadata",
    "phone",
    "linkedin_url",
)
_REQUIRED = ("first_name", "last_name", "email", "status", "stage", "metadata")


async def update_candidate(
    tx: WriteTx, principal: Principal, raw_id: str, patch: CandidatePatch
) -> CandidateOut:
    """On the write lane: the row read and locked (with its job), the checks of what changes in
    one statement if anything needs checking, then the UPDATE, events and audit entry."""
    repo = CandidateWrites(tx, principal)
    found = await repo.profile_for_update(ids.parse_path("can", raw_id))
    if found is None:
        raise not_found("can", raw_id)
    fields, job = found
    before = CandidateOut.build(Record(fields), job).model_dump(mode="json")
    sent = patch.model_fields_set
    for name in _REQUIRED:
        if name in sent and getattr(patch, name) is None:
            raise InvalidRequest(f"'{name}' cannot be null.", param=name)
    email = patch.email if "email" in sent else None
    external_id = patch.external_id if "external_id" in sent else None
    job_ref = (
        ids.parse_ref("job", patch.job_id, "job_id") if "job_id" in sent and patch.job_id else None
    )
    if email is not None or external_id is not None or job_ref is not None or "stage" in sent:
        checks = await repo.checks(email.lower() if email else None, external_id, job_ref)
        if checks.email_owner not in (None, fields["id"]):
            raise duplicate("email", checks.email_owner)
        if checks.external_id_owner not in (None, fields["id"]):
            raise duplicate("external_id", checks.external_id_owner)
        if patch.stage is not None:
            _require_stage(checks.pipeline_stages, patch.stage)
        if job_ref is not None:
            if checks.job is None:
                raise not_found("job", str(patch.job_id), param="job_id")
            job = checks.job
    if email is not None:
        fields["email"] = email
        fields["email_normalized"] = email.lower()
    if "job_id" in sent:
        fields["job_id"] = job_ref
        if job_ref is None:
            job = None
    for name in ("first_name", "last_name", "status", "stage", "external_id", "phone"):
        if name in sent:
            fields[name] = getattr(patch, name)
    if "linkedin_url" in sent:
        fields["linkedin_url"] = patch.linkedin_url
    if patch.metadata is not None:
        fields["metadata_"] = patch.metadata
    fields["updated_at"] = utcnow()
    repo.save(fields)
    after_model = CandidateOut.build(Record(fields), job)
    after = after_model.model_dump(mode="json")
    changed = [k for k in _PATCHABLE if before.get(k) != after.get(k)]
    if changed:
        emit_candidate_changes(EventOutbox(tx, principal), fields["id"], before, after, changed)
        AuditLog(tx, principal).record(
            "CANDIDATE_UPDATED", "candidate", after_model.id, {"fields": changed}
        )
    return after_model


class EventSink(Protocol):
    """Where events go: the session's outbox (``EventRepository``) or the lane's."""

    def emit(
        self, event_type: str, data: dict[str, Any], *, candidate_id: uuid.UUID | None = None
    ) -> object: ...


def emit_candidate_changes(
    events: EventSink,
    candidate_id: uuid.UUID,
    before: dict[str, Any],
    after: dict[str, Any],
    changed: list[str],
) -> None:
    """``candidate.updated`` for any change, plus the specific events for status and stage."""
    previous = {k: before[k] for k in changed}
    events.emit(
        "candidate.updated", {**after, "previous_attributes": previous}, candidate_id=candidate_id
    )
    emit_status_and_stage(events, candidate_id, before, after)


def emit_status_and_stage(
    events: EventSink,
    candidate_id: uuid.UUID,
    before: dict[str, Any],
    after: dict[str, Any],
) -> None:
    if before["status"] != after["status"]:
        events.emit(
            "candidate.status_changed",
            {**after, "previous_attributes": {"status": before["status"]}},
            candidate_id=candidate_id,
        )
    if before["stage"] != after["stage"]:
        events.emit(
            "candidate.stage_changed",
            {**after, "previous_attributes": {"stage": before["stage"]}},
            candidate_id=candidate_id,
        )


def delete_candidate(session: Session, principal: Principal, raw_id: str) -> str:
    """Erasure: one DELETE; the database cascades to everything attached to the candidate.

    Earlier events about the candidate are redacted, stored idempotent responses that mention
    them are dropped; the audit log never held personal data.
    """
    candidate = _load(session, principal, raw_id)
    public_id = ids.render("can", candidate.id)
    CandidateRepository(session, principal).delete_by_id(candidate.id)
    TenantProfileRepository(session, principal).count_candidates(-1)
    session.expunge(candidate)
    EventRepository(session, principal).redact_candidate(candidate.id, public_id)
    EventOutbox(session, principal).emit("candidate.deleted", {"id": public_id, "deleted": True})
    IdempotencyRecords(session, principal).forget_mentions(public_id)
    AuditLog(session, principal).record("CANDIDATE_DELETED", "candidate", public_id)
    return public_id


async def list_candidates(
    lane: ReadLane, principal: Principal, filters: CandidateFilters, page: PageRequest
) -> tuple[list[CandidateOut], Page[Any]]:
    """A page on the read lane: the page (with each candidate's job) in one statement, the
    total from the counter when unfiltered or from one count(*) when filtered.

    The two statements are two snapshots: a candidate created between them can make the
    total one off for that answer (the rows themselves are always consistent)."""
    values: dict[str, Any] = {}
    if filters.status:
        values["status"] = filters.status
    if filters.job_id:
        values["job_id"] = ids.parse_ref("job", filters.job_id, "job_id")
    if filters.stage:
        values["stage"] = filters.stage
    if filters.email:
        values["email"] = filters.email.strip().lower()
    if filters.external_id:
        values["external_id"] = filters.external_id
    if filters.q:
        values["q"] = like_pattern(filters.q.strip().lower())
    if filters.created_after:
        values["created_after"] = filters.created_after
    if filters.updated_after:
        values["updated_after"] = filters.updated_after
    reads = CandidateReads(lane, principal)
    if filters.model_dump(exclude_none=True):
        total = await reads.count(values)
    else:
        total = await TenantCounterReads(lane, principal).candidate_count()
    offset = page.offset
    if page.cursor is not None:
        values["cursor_created_at"], values["cursor_id"] = decode_cursor(page.cursor)
        offset = 0
    rows = await reads.page(values, limit=page.limit + 1, offset=offset)
    result = finish_page(rows, total, page, offset)
    return [CandidateOut.build(row, row.job) for row in result.items], result


async def read_status(lane: ReadLane, principal: Principal, raw_id: str) -> CandidateStatusOut:
    """The polled status: candidate + latest plan in one statement on the read lane."""
    found = await CandidateReads(lane, principal).with_latest_plan(ids.parse_path("can", raw_id))
    if found is None:
        raise not_found("can", raw_id)
    candidate, plan = found
    now = utcnow()
    return CandidateStatusOut.build(
        candidate,
        plan,
        effective_plan_status(plan, now) if plan is not None else None,
        candidate_interview_status(plan, now),
    )
