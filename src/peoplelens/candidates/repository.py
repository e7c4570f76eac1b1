from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, bindparam, func, or_, select, update
from sqlalchemy.orm import aliased

from peoplelens.kit.prepared import Prepared, PreparedInsert, Record, labelled, part
from peoplelens.kit.repository import (
    TenantReads,
    TenantRepository,
    TenantWrites,
    own_tenant_scope,
    tenant_scope,
)
from peoplelens.kit.sql import like_pattern
from peoplelens.models import Candidate, InterviewPlan, Job, Tenant


class CandidateRepository(TenantRepository[Candidate]):
    model = Candidate

    def find_by_email(self, email_normalized: str) -> Candidate | None:
        return self.session.scalars(
            self.select().where(Candidate.email_normalized == email_normalized)
        ).first()

    def find_by_external_id(self, external_id: str) -> Candidate | None:
        return self.session.scalars(
            self.select().where(Candidate.external_id == external_id)
        ).first()

    def ids_by_email(self, emails: list[str]) -> dict[str, uuid.UUID]:
        return self._ids_by(Candidate.email_normalized, emails)

    def ids_by_external_id(self, external_ids: list[str]) -> dict[str, uuid.UUID]:
        return self._ids_by(Candidate.external_id, external_ids)

    def _ids_by(self, column: Any, values: list[str]) -> dict[str, uuid.UUID]:
        """Which of ``values`` are taken, and by whom (chunked to stay under bind limits)."""
        found: dict[str, uuid.UUID] = {}
        for start in range(0, len(values), 500):
            rows = self.session.execute(
                select(column, Candidate.id).where(
                    self.in_tenant(), column.in_(values[start : start + 500])
                )
            )
            found.update({str(value): id_ for value, id_ in rows})
        return found

    def filtered(
        self,
        *,
        status: str | None = None,
        job_id: uuid.UUID | None = None,
        stage: str | None = None,
        email: str | None = None,
        external_id: str | None = None,
        q: str | None = None,
        created_after: datetime | None = None,
        updated_after: datetime | None = None,
    ) -> Select[Candidate]:
        stmt = self.select()
        if status:
            stmt = stmt.where(Candidate.status == status)
        if job_id:
            stmt = stmt.where(Candidate.job_id == job_id)
        if stage:
            stmt = stmt.where(Candidate.stage == stage)
        if email:
            stmt = stmt.where(Candidate.email_normalized == email.strip().lower())
        if external_id:
            stmt = stmt.where(Candidate.external_id == external_id)
        if q:
            pattern = like_pattern(q.strip().lower())
            full_name = func.lower(Candidate.first_name + " " + Candidate.last_name)
            stmt = stmt.where(
                or_(
                    full_name.like(pattern, escape="\\"),
                    Candidate.email_normalized.like(pattern, escape="\\"),
                )
            )
        if created_after:
            stmt = stmt.where(Candidate.created_at > created_after)
        if updated_after:
            stmt = stmt.where(Candidate.updated_at > updated_after)
        return stmt


_PROFILE_FIELDS = (
    "id",
    "first_name",
    "last_name",
    "email",
    "status",
    "job_id",
    "external_id",
    "metadata_",
    "phone",
    "linkedin_url",
    "stage",
    "created_at",
    "updated_at",
)


def _profile(*fields: str) -> Select[Any]:
    return (
        select(
            *labelled(Candidate, "", *fields),
            *labelled(Job, "job__", "id", "title", "status"),
        )
        .outerjoin(Job, and_(Job.id == Candidate.job_id, tenant_scope(Job)))
        .where(tenant_scope(Candidate), Candidate.id == bindparam("id"))
    )


_PROFILE = Prepared(_profile(*_PROFILE_FIELDS))

_earlier = aliased(InterviewPlan)
_LATEST_PLAN_ID = (
    select(_earlier.id)
    .where(tenant_scope(_earlier), _earlier.candidate_id == Candidate.id)
    .order_by(_earlier.created_at.desc(), _earlier.id.desc())
    .limit(1)
    .correlate(Candidate)
    .scalar_subquery()
)
_WITH_LATEST_PLAN = Prepared(
    select(
        *labelled(Candidate, "", "id", "first_name", "last_name"),
        *labelled(InterviewPlan, "plan__"),
    )
    .outerjoin(InterviewPlan, InterviewPlan.id == _LATEST_PLAN_ID)
    .where(tenant_scope(Candidate), Candidate.id == bindparam("id"))
)


class CandidateReads(TenantReads):
    """The polled reads, one statement each, on the read lane."""

    async def profile(self, id_: uuid.UUID) -> tuple[Record, Record | None] | None:
        """The candidate and its job (None when it has none)."""
        row = await self.one(_PROFILE, id=id_)
        return None if row is None else (Record(row), part(row, "job__"))

    async def with_latest_plan(self, id_: uuid.UUID) -> tuple[Record, Record | None] | None:
        """The candidate and its most recent interview plan, read in one snapshot."""
        row = await self.one(_WITH_LATEST_PLAN, id=id_)
        return None if row is None else (Record(row), part(row, "plan__"))


def _owner(column: Any) -> Any:
    """The id of this tenant's candidate whose ``column`` equals the parameter of its name."""
    return (
        select(Candidate.id)
        .where(tenant_scope(Candidate), column == bindparam(column.key))
        .limit(1)
        .scalar_subquery()
    )


# Everything a create or an edit must check, in one round trip: who owns the e-mail and the
# external id, the job (if given), the tenant's stages and cap. Each part carries the scope.
_CHECKS = Prepared(
    select(
        _owner(Candidate.email_normalized).label("email_owner"),
        _owner(Candidate.external_id).label("external_id_owner"),
        *labelled(Job, "job__", "id", "title", "status"),
        Tenant.candidate_quota,
        Tenant.pipeline_stages,
    )
    .select_from(Tenant)
    .outerjoin(Job, and_(tenant_scope(Job), Job.id == bindparam("job_id")))
    .where(own_tenant_scope(Tenant))
)
_INSERT = PreparedInsert(Candidate)
# The row a PATCH changes, locked for the rest of the transaction (PostgreSQL; SQLite's write
# transaction already excludes other writers), with its job.
_EDITABLE = (*_PROFILE_FIELDS, "email_normalized")
_PROFILE_FOR_UPDATE = Prepared(_profile(*_EDITABLE).with_for_update(of=Candidate))
_MUTABLE = tuple(f for f in _EDITABLE if f not in ("id", "created_at"))
_UPDATE = Prepared(
    update(Candidate)
    .where(tenant_scope(Candidate), Candidate.id == bindparam("id"))
    .values({getattr(Candidate, f): bindparam(f) for f in _MUTABLE})
)


@dataclass(frozen=True)
class CandidateChecks:
    email_owner: uuid.UUID | None
    external_id_owner: uuid.UUID | None
    job: Record | None
    candidate_quota: int | None
    pipeline_stages: list[str]


class CandidateWrites(TenantWrites):
    """Candidates in a write-lane transaction."""

    async def checks(
        self, email_normalized: str | None, external_id: str | None, job_id: uuid.UUID | None
    ) -> CandidateChecks:
        """Who owns the e-mail and the external id (None: nobody, or nothing asked), the job
        (None: not found, or nothing asked), the tenant's stages and cap."""
        row = await self.one(
            _CHECKS,
            email_normalized=email_normalized,
            external_id=external_id,
            job_id=job_id,
        )
        assert row is not None, "a principal's tenant exists"
        return CandidateChecks(
            email_owner=row["email_owner"],
            external_id_owner=row["external_id_owner"],
            job=part(row, "job__"),
            candidate_quota=row["candidate_quota"],
            pipeline_stages=row["pipeline_stages"],
        )

    def add(self, row: dict[str, Any]) -> None:
        self.insert(_INSERT, row)

    async def profile_for_update(
        self, id_: uuid.UUID
    ) -> tuple[dict[str, Any], Record | None] | None:
        """The candidate's fields (as a dict, to be changed) and its job, the row locked."""
        row = await self.one(_PROFILE_FOR_UPDATE, id=id_)
        if row is None:
            return None
        return {f: row[f] for f in _EDITABLE}, part(row, "job__")

    def save(self, fields: dict[str, Any]) -> None:
        """Queues the UPDATE of every mutable field (the row is locked: nothing is lost)."""
        self.queue(_UPDATE, **{f: fields[f] for f in ("id", *_MUTABLE)})
