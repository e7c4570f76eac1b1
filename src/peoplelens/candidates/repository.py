from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BindParameter,
    Select,
    and_,
    bindparam,
    func,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.orm import aliased

from peoplelens.candidates.rules import ROW_COLUMNS, Facts
from peoplelens.kit.db.prepared import Prepared, PreparedInsert, Record, labelled, part
from peoplelens.kit.repository import (
    TenantReads,
    TenantRepository,
    TenantWrites,
    own_tenant_scope,
    tenant_scope,
)
from peoplelens.models import Candidate, InterviewPlan, Job, Scorecard, Tenant


class CandidateRepository(TenantRepository[Candidate]):
    model = Candidate
    kind = "can"

    def ids_by_email(self, emails: list[str]) -> dict[str, uuid.UUID]:
        return self._ids_by(Candidate.email_normalized, emails)

    def ids_by_external_id(self, external_ids: list[str]) -> dict[str, uuid.UUID]:
        return self._ids_by(Candidate.external_id, external_ids)

    def export_page(
        self, after: tuple[Any, uuid.UUID] | None, limit: int
    ) -> list[tuple[Candidate, Job | None]]:
        """Oldest first, ``limit`` candidates after the ``(created_at, id)`` key ``after``, each
        with its job: keyset paging, so an export of any size reads pages of equal cost."""
        stmt = (
            select(Candidate, Job)
            .outerjoin(Job, and_(Job.id == Candidate.job_id, self.in_tenant(Job)))
            .where(self.in_tenant())
            .order_by(Candidate.created_at, Candidate.id)
            .limit(limit)
        )
        if after is not None:
            stmt = stmt.where(tuple_(Candidate.created_at, Candidate.id) > tuple_(*after))
        return [(c, j) for c, j in self.session.execute(stmt).tuples()]

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


def _with_job(*fields: str) -> Select[Any]:
    """Candidate ``fields`` and the candidate's job (``job__*``, NULL without one)."""
    return select(
        *labelled(Candidate, "", *fields),
        *labelled(Job, "job__", "id", "title", "status"),
    ).outerjoin(Job, and_(Job.id == Candidate.job_id, tenant_scope(Job)))


def _profile(*fields: str) -> Select[Any]:
    return _with_job(*fields).where(tenant_scope(Candidate), Candidate.id == bindparam("id"))


_PROFILE = Prepared(_profile(*ROW_COLUMNS))

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
    .outerjoin(
        InterviewPlan, and_(tenant_scope(InterviewPlan), InterviewPlan.id == _LATEST_PLAN_ID)
    )
    .where(tenant_scope(Candidate), Candidate.id == bindparam("id"))
)


# -- list pages on the read lane: one statement per combination of filters, built on first use.


def _list_conditions(active: frozenset[str]) -> list[Any]:
    """The WHERE of a list page: the tenant, then each active filter as a named parameter
    (``q`` is a LIKE pattern; ``cursor_created_at``/``cursor_id`` the keyset position)."""
    conditions: list[Any] = [tenant_scope(Candidate)]
    for name, column in (
        ("status", Candidate.status),
        ("job_id", Candidate.job_id),
        ("stage", Candidate.stage),
        ("email", Candidate.email_normalized),
        ("external_id", Candidate.external_id),
    ):
        if name in active:
            conditions.append(column == bindparam(name))
    if "q" in active:
        pattern: BindParameter[str] = bindparam("q")
        full_name = func.lower(Candidate.first_name + " " + Candidate.last_name)
        conditions.append(
            or_(
                full_name.like(pattern, escape="\\"),
                Candidate.email_normalized.like(pattern, escape="\\"),
            )
        )
    if "created_after" in active:
        conditions.append(Candidate.created_at > bindparam("created_after"))
    if "updated_after" in active:
        conditions.append(Candidate.updated_at > bindparam("updated_after"))
    if "cursor" in active:
        conditions.append(
            tuple_(Candidate.created_at, Candidate.id)
            < tuple_(
                bindparam("cursor_created_at", type_=Candidate.created_at.type),
                bindparam("cursor_id", type_=Candidate.id.type),
            )
        )
    return conditions


@functools.cache
def _list_page(active: frozenset[str]) -> Prepared:
    return Prepared(
        _with_job(*ROW_COLUMNS)
        .where(*_list_conditions(active))
        .order_by(Candidate.created_at.desc(), Candidate.id.desc())
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
    )


@functools.cache
def _list_count(active: frozenset[str]) -> Prepared:
    count = func.count().label("count")
    return Prepared(select(count).select_from(Candidate).where(*_list_conditions(active)))


@functools.cache
def _stage_counts(active: frozenset[str]) -> Prepared:
    return Prepared(
        select(Candidate.stage, func.count().label("count"))
        .where(*_list_conditions(active))
        .group_by(Candidate.stage)
    )


@functools.cache
def _board(active: frozenset[str]) -> Prepared:
    """The ``per_stage`` most recently changed candidates of each stage (the same filters as a
    list page), in one statement: the rows ranked within their stage, then the first few kept
    (one pass over the job's candidates; no join back, which PostgreSQL could plan as a loop
    over the ranking)."""
    rank = (
        func.row_number()
        .over(
            partition_by=Candidate.stage,
            order_by=(Candidate.updated_at.desc(), Candidate.id.desc()),
        )
        .label("stage_rank")
    )
    ranked = _with_job(*ROW_COLUMNS).add_columns(rank).where(*_list_conditions(active)).subquery()
    shown = [column for column in ranked.c if column.key != "stage_rank"]
    latest = aliased(InterviewPlan)
    latest_id = (
        select(latest.id)
        .where(tenant_scope(latest), latest.candidate_id == ranked.c.id)
        .order_by(latest.created_at.desc(), latest.id.desc())
        .limit(1)
        .correlate(ranked)
        .scalar_subquery()
    )
    # The plan's latest AI assessment (what a recruiter scans a board for).
    card = aliased(Scorecard)

    def assessed(column: Any) -> Any:
        return (
            select(column)
            .where(
                tenant_scope(card),
                card.plan_id == InterviewPlan.id,
                card.is_current.is_(True),
                card.status == "completed",
            )
            .order_by(card.assessed_at.desc(), card.id.desc())
            .limit(1)
            .correlate(InterviewPlan)
            .scalar_subquery()
        )

    return Prepared(
        select(
            *shown,
            *labelled(InterviewPlan, "plan__", *_PLAN_STATE),
            assessed(card.overall_score).label("plan__ai_score"),
            assessed(card.recommendation).label("plan__ai_recommendation"),
        )
        .select_from(ranked)
        .outerjoin(InterviewPlan, and_(tenant_scope(InterviewPlan), InterviewPlan.id == latest_id))
        .where(ranked.c.stage_rank <= bindparam("per_stage"))
        .order_by(ranked.c.updated_at.desc(), ranked.c.id.desc())
    )


# What a card needs of the candidate's latest plan to say where their interview stands.
_PLAN_STATE = ("id", "status", "started", "expires_at", "completed_steps")


class CandidateReads(TenantReads):
    """The polled reads and the list pages, one statement each, on the read lane."""

    async def stage_counts(self, filters: dict[str, Any]) -> dict[str, int]:
        """How many candidates matching ``filters`` (as :meth:`page`) are in each stage."""
        rows = await self.all(_stage_counts(frozenset(filters)), **filters)
        return {str(row["stage"]): int(row["count"]) for row in rows}

    async def board(self, filters: dict[str, Any], per_stage: int) -> list[Record]:
        """The first ``per_stage`` of each stage, most recently changed first; each record
        carries its ``job`` and its latest ``plan`` (the plan's state only, or None)."""
        rows = await self.all(_board(frozenset(filters)), **filters, per_stage=per_stage)
        return [
            Record({**row, "job": part(row, "job__"), "plan": part(row, "plan__")}) for row in rows
        ]

    async def page(self, filters: dict[str, Any], limit: int, offset: int) -> list[Record]:
        """Up to ``limit`` candidates matching ``filters`` — any of ``status``, ``job_id``,
        ``stage``, ``email``, ``external_id``, ``q``, ``created_after``, ``updated_after``, and
        ``cursor_created_at`` with ``cursor_id`` — newest first; each record carries its
        ``job``."""
        active = frozenset("cursor" if k.startswith("cursor_") else k for k in filters)
        rows = await self.all(_list_page(active), **filters, limit=limit, offset=offset)
        return [Record({**row, "job": part(row, "job__")}) for row in rows]

    async def count(self, filters: dict[str, Any]) -> int:
        row = await self.one(_list_count(frozenset(filters)), **filters)
        return int(row["count"]) if row else 0

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
_PROFILE_FOR_UPDATE = Prepared(_profile(*ROW_COLUMNS).with_for_update(of=Candidate))
_MUTABLE = tuple(f for f in ROW_COLUMNS if f not in ("id", "created_at"))
_UPDATE = Prepared(
    update(Candidate)
    .where(tenant_scope(Candidate), Candidate.id == bindparam("id"))
    .values({getattr(Candidate, f): bindparam(f) for f in _MUTABLE})
)


@dataclass(frozen=True)
class CandidateChecks:
    facts: Facts
    job: Record | None
    candidate_quota: int | None


class CandidateWrites(TenantWrites):
    """Candidates in a write-lane transaction."""

    async def checks(
        self, email_normalized: str | None, external_id: str | None, job_id: uuid.UUID | None
    ) -> CandidateChecks:
        """The facts the rules check (who owns the e-mail and the external id — None: nobody,
        or nothing asked —, whether the job exists, the tenant's stages), the job itself (None:
        not found, or nothing asked) and the tenant's cap."""
        row = await self.one(
            _CHECKS,
            email_normalized=email_normalized,
            external_id=external_id,
            job_id=job_id,
        )
        assert row is not None, "a principal's tenant exists"
        job = part(row, "job__")
        facts = Facts(
            email_owner=row["email_owner"],
            external_id_owner=row["external_id_owner"],
            job_found=job_id is None or job is not None,
            pipeline_stages=row["pipeline_stages"],
        )
        return CandidateChecks(facts, job, row["candidate_quota"])

    def add(self, row: dict[str, Any]) -> None:
        self.insert(_INSERT, row)

    async def profile_for_update(
        self, id_: uuid.UUID
    ) -> tuple[dict[str, Any], Record | None] | None:
        """The candidate's fields (as a dict, to be changed) and its job, the row locked."""
        row = await self.one(_PROFILE_FOR_UPDATE, id=id_)
        if row is None:
            return None
        return {f: row[f] for f in ROW_COLUMNS}, part(row, "job__")

    def save(self, fields: dict[str, Any]) -> None:
        """Queues the UPDATE of every mutable field (the row is locked: nothing is lost)."""
        self.queue(_UPDATE, **{f: fields[f] for f in ("id", *_MUTABLE)})
