"""Candidate use cases: create, read, change, erase, list and the polled status. Never commits.

The rules live in ``rules.py``; here they meet the two paths — the write lane (create, PATCH)
and a session (bulk in ``bulk.py``, erasure, and the other domains' changes: a job's
applicants, an interview decision, through :func:`change_candidate`) — so every path checks,
words its errors and emits its events the same way.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from peoplelens.audit.repository import AuditLog
from peoplelens.auth.principal import Principal
from peoplelens.candidates import rules
from peoplelens.candidates.repository import CandidateReads, CandidateRepository, CandidateWrites
from peoplelens.candidates.schemas import (
    CandidateCreate,
    CandidateFilters,
    CandidateOut,
    CandidatePatch,
    CandidateStatusOut,
)
from peoplelens.documents.files import erase_files_of
from peoplelens.events.repository import EventOutbox, EventRepository
from peoplelens.idempotency.repository import IdempotencyRecords
from peoplelens.interviews.plans.state import candidate_interview_status, effective_plan_status
from peoplelens.jobs.repository import JobRepository
from peoplelens.kit import ids
from peoplelens.kit.db.prepared import Record
from peoplelens.kit.db.reads import ReadLane
from peoplelens.kit.db.transaction import Transaction
from peoplelens.kit.pagination import Page, PageRequest, decode_cursor, finish_page
from peoplelens.kit.sql import like_pattern
from peoplelens.kit.time import utcnow
from peoplelens.models import Candidate
from peoplelens.tenants.repository import (
    TenantCounterReads,
    TenantProfileWrites,
)


def present(stored: Mapping[str, Any], job: Any | None) -> CandidateOut:
    """The candidate as the API shows it, from its stored values (by attribute) and its job."""
    return CandidateOut.model_validate(Record({**stored, "job": job}))


def shown(candidate: CandidateOut) -> dict[str, Any]:
    """The candidate as JSON shows it (events carry it; a lane answer is sent from it)."""
    return candidate.model_dump(mode="json")


def _emit(
    events: EventOutbox, candidate_id: uuid.UUID, before: dict[str, Any], after: dict[str, Any]
) -> list[str]:
    """The change's events (rules.candidate_events, on the shown forms); the changed fields."""
    for event_type, data in rules.candidate_events(before, after):
        events.emit(event_type, data, candidate_id=candidate_id)
    return rules.changed_fields(before, after)


async def read_candidate(lane: ReadLane, principal: Principal, id_: uuid.UUID) -> CandidateOut:
    """The hot read: one statement (candidate + job) on the read lane, no ORM session."""
    found = await CandidateReads(lane, principal).profile(id_)
    if found is None:
        raise ids.not_found("can", id_)
    return present(found[0].as_dict(), found[1])


async def create_candidate(
    tx: Transaction, principal: Principal, data: CandidateCreate
) -> dict[str, Any]:
    """On the write lane (or a session's adapter: inbound webhooks): one statement for every
    check, then the row, its outbox event, its audit entry and the counter. Returns the
    candidate as shown (serialised once, for the event and the answer)."""
    values = data.model_dump()
    repo = CandidateWrites(tx, principal)
    checks = await repo.checks(
        rules.normalized_email(values["email"]), values["external_id"], values["job_id"]
    )
    rules.check_values(values, checks.facts)
    profile = TenantProfileWrites(tx, principal)
    if checks.candidate_quota is not None:  # with a cap, lock the counter first (see bulk.py)
        rules.check_room(checks.candidate_quota, await profile.locked_candidate_count(), 1)
    row = rules.new_row(values, utcnow())
    repo.add(row)
    created = shown(present(row, checks.job))
    EventOutbox(tx, principal).emit("candidate.created", created, candidate_id=row["id"])
    AuditLog(tx, principal).record("CANDIDATE_CREATED", "candidate", created["id"])
    profile.count_candidates(1)  # last: shortest row lock
    return created


async def update_candidate(
    tx: Transaction, principal: Principal, id_: uuid.UUID, patch: CandidatePatch
) -> dict[str, Any]:
    """On the write lane: the row read and locked (with its job), the checks of what changes in
    one statement if anything needs checking, then the UPDATE, events and audit entry. Returns
    the candidate as shown."""
    repo = CandidateWrites(tx, principal)
    found = await repo.profile_for_update(id_)
    if found is None:
        raise ids.not_found("can", id_)
    stored, job = found
    changes = patch.model_dump(exclude_unset=True)
    new = rules.apply_patch(stored, changes)
    before = shown(present(stored, job))
    if any(changes.get(name) is not None for name in rules.CHECKED_FIELDS):
        email = changes.get("email")
        checks = await repo.checks(
            rules.normalized_email(email) if email else None,
            changes.get("external_id"),
            changes.get("job_id"),
        )
        rules.check_values(changes, checks.facts, itself=stored["id"])
        if changes.get("job_id") is not None:
            job = checks.job
    if "job_id" in changes and changes["job_id"] is None:
        job = None
    new["updated_at"] = utcnow()
    after = shown(present(new, job))
    fields = _emit(EventOutbox(tx, principal), stored["id"], before, after)
    if not fields:
        return before  # nothing changes: no write, no event, the same updated_at and ETag
    repo.save(new)
    AuditLog(tx, principal).record(
        "CANDIDATE_UPDATED", "candidate", ids.render("can", stored["id"]), {"fields": fields}
    )
    return after


def change_candidate(
    session: Session, principal: Principal, candidate: Candidate, changes: Mapping[str, Any]
) -> list[str]:
    """A change another domain makes (a job's applicants, an interview decision): the rules,
    the events and the no-change rule of a PATCH, on the caller's session. The caller checks
    what it sets (a job it loaded, ``rules.check_stage``). Returns the fields that changed."""
    jobs = JobRepository(session, principal)
    stored = rules.fields_of(candidate)
    new = rules.apply_patch(stored, changes)
    old_job = jobs.get(candidate.job_id) if candidate.job_id else None
    new_job = old_job
    if new["job_id"] != stored["job_id"]:
        new_job = jobs.get(new["job_id"]) if new["job_id"] else None
    new["updated_at"] = utcnow()
    before, after = shown(present(stored, old_job)), shown(present(new, new_job))
    fields = _emit(EventOutbox(session, principal), candidate.id, before, after)
    if fields:  # as a PATCH: nothing changes, nothing is written
        for name in rules.ROW_COLUMNS:
            if getattr(candidate, name) != new[name]:
                setattr(candidate, name, new[name])
        session.flush()
    return fields


def delete_candidate(session: Session, principal: Principal, id_: uuid.UUID) -> str:
    """Erasure: one DELETE; the database cascades to everything attached to the candidate.

    Earlier events about the candidate are redacted, stored idempotent responses that mention
    them are dropped; the audit log never held personal data. Their stored files are removed
    after the commit (``documents/files.py``).
    """
    repo = CandidateRepository(session, principal)
    candidate = repo.get_or_404(id_)
    public_id = ids.render("can", candidate.id)
    erase_files_of(session, principal, candidate.id)
    repo.delete_by_id(candidate.id)
    TenantProfileWrites(session, principal).count_candidates(-1)
    session.expunge(candidate)
    EventRepository(session, principal).redact_candidate(candidate.id, public_id)
    EventOutbox(session, principal).emit("candidate.deleted", {"id": public_id, "deleted": True})
    IdempotencyRecords(session, principal).forget_mentions(public_id)
    AuditLog(session, principal).record("CANDIDATE_DELETED", "candidate", public_id)
    session.info["erased"] = True  # after the commit: SQLite's WAL checkpoint (runtime.py)
    return public_id


def _filter_values(filters: CandidateFilters) -> dict[str, Any]:
    """The list statement's parameters for ``filters`` (only the ones given)."""
    values: dict[str, Any] = {}
    if filters.status:
        values["status"] = filters.status
    if filters.job_id:
        values["job_id"] = filters.job_id
    if filters.stage:
        values["stage"] = filters.stage
    if filters.email:
        values["email"] = rules.normalized_email(filters.email.strip())
    if filters.external_id:
        values["external_id"] = filters.external_id
    if filters.q:
        values["q"] = like_pattern(filters.q.strip().lower())
    if filters.created_after:
        values["created_after"] = filters.created_after
    if filters.updated_after:
        values["updated_after"] = filters.updated_after
    return values


async def list_candidates(
    lane: ReadLane, principal: Principal, filters: CandidateFilters, page: PageRequest
) -> tuple[list[CandidateOut], Page[Any]]:
    """A page on the read lane: the page (with each candidate's job) in one statement, the
    total from the counter when unfiltered or from one count(*) when filtered.

    The two statements are two snapshots: a candidate created between them can make the
    total one off for that answer (the rows themselves are always consistent)."""
    values = _filter_values(filters)
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
    return [CandidateOut.model_validate(row) for row in result.items], result


async def read_status(lane: ReadLane, principal: Principal, id_: uuid.UUID) -> CandidateStatusOut:
    """The polled status: candidate + latest plan in one statement on the read lane."""
    found = await CandidateReads(lane, principal).with_latest_plan(id_)
    if found is None:
        raise ids.not_found("can", id_)
    candidate, plan = found
    now = utcnow()
    return CandidateStatusOut.build(
        candidate,
        plan,
        effective_plan_status(plan, now) if plan is not None else None,
        candidate_interview_status(plan, now),
    )


@dataclass(frozen=True)
class BoardInterview:
    """Where a card's candidate's latest interview stands: the plan, the polled status's
    value, and its latest AI assessment (None until one is done)."""

    plan_id: uuid.UUID
    status: str
    ai_score: int | None
    ai_recommendation: str | None


@dataclass(frozen=True)
class Board:
    """A job's pipeline: the stages in the account's order, how many candidates each holds,
    and the most recently changed few of each."""

    stages: list[str]
    counts: dict[str, int]
    cards: dict[str, list[CandidateOut]]
    # Each shown candidate's latest interview, for those who were ever invited (by candidate
    # id).
    interviews: dict[uuid.UUID, BoardInterview]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


async def board(
    lane: ReadLane,
    principal: Principal,
    stages: list[str],
    filters: CandidateFilters,
    per_stage: int,
) -> Board:
    """Two statements whatever the job's size: the counts by stage and the first
    ``per_stage`` of each. A stage no longer in the account's list still shows while
    candidates are in it (after the list changed), at the end."""
    values = _filter_values(filters)
    reads = CandidateReads(lane, principal)
    counts = await reads.stage_counts(values)
    rows = await reads.board(values, per_stage)
    shown_stages = list(stages) + sorted(set(counts) - set(stages))
    cards: dict[str, list[CandidateOut]] = {stage: [] for stage in shown_stages}
    interviews: dict[uuid.UUID, BoardInterview] = {}
    now = utcnow()
    for row in rows:
        stored = row.as_dict()
        cards.setdefault(stored["stage"], []).append(CandidateOut.model_validate(row))
        plan = stored["plan"]
        if plan is not None:
            interviews[stored["id"]] = BoardInterview(
                plan.id,
                candidate_interview_status(plan, now),
                plan.ai_score,
                plan.ai_recommendation,
            )
    by_stage = {stage: counts.get(stage, 0) for stage in shown_stages}
    return Board(shown_stages, by_stage, cards, interviews)
