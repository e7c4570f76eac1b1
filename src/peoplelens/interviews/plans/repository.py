from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, bindparam, select

from peoplelens.auth.principal import Principal
from peoplelens.kit.db.prepared import Prepared
from peoplelens.kit.ids import not_found
from peoplelens.kit.repository import TenantReads, TenantRepository, tenant_scope
from peoplelens.models import BookingLink, Candidate, InterviewPlan, InterviewStep, Job


class PlanRepository(TenantRepository[InterviewPlan]):
    """Plans, as the caller may see them: an interviewer sees only plans with a step assigned
    to them (spec §6) — narrowed here, so every plan read (one, a list, a scorecard, a
    transcript, a human scorecard) answers 404 or nothing for the others."""

    model = InterviewPlan
    kind = "plan"

    def select(self) -> Select[Any]:
        stmt = super().select()
        if getattr(self.principal, "is_interviewer", False):
            user_id = getattr(self.principal, "user_id", None)
            assigned = select(InterviewStep.plan_id).where(
                self.in_tenant(InterviewStep), InterviewStep.interviewer_user_id == user_id
            )
            stmt = stmt.where(InterviewPlan.id.in_(assigned))
        return stmt

    def assigned_to_caller(self, candidate_id: uuid.UUID) -> bool:
        """Whether the caller may see this candidate: not an interviewer, or one with a step of
        one of the candidate's plans assigned to them."""
        if not getattr(self.principal, "is_interviewer", False):
            return True
        found = self.session.scalars(
            self.select().where(InterviewPlan.candidate_id == candidate_id).limit(1)
        ).first()
        return found is not None

    def latest_for_candidate(self, candidate_id: uuid.UUID) -> InterviewPlan | None:
        return self.session.scalars(
            self.select()
            .where(InterviewPlan.candidate_id == candidate_id)
            .order_by(InterviewPlan.created_at.desc(), InterviewPlan.id.desc())
            .limit(1)
        ).first()

    def filtered(
        self, candidate_id: uuid.UUID | None, job_id: uuid.UUID | None, status: str | None
    ) -> Select[InterviewPlan]:
        stmt = self.select()
        if candidate_id:
            stmt = stmt.where(InterviewPlan.candidate_id == candidate_id)
        if job_id:
            stmt = stmt.where(InterviewPlan.job_id == job_id)
        if status:
            stmt = stmt.where(InterviewPlan.status == status)
        return stmt


class StepRepository(TenantRepository[InterviewStep]):
    model = InterviewStep
    kind = "step"

    def for_plans(self, plan_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[InterviewStep]]:
        out: dict[uuid.UUID, list[InterviewStep]] = {pid: [] for pid in plan_ids}
        if not plan_ids:
            return out
        rows = self.session.scalars(
            self.select()
            .where(InterviewStep.plan_id.in_(plan_ids))
            .order_by(InterviewStep.plan_id, InterviewStep.position)
        )
        for row in rows:
            out[row.plan_id].append(row)
        return out

    def in_plan_or_404(self, plan_id: uuid.UUID, step_id: uuid.UUID) -> InterviewStep:
        """The step of this plan (another plan's step is as unknown as a missing one)."""
        step = self.get(step_id)
        if step is None or step.plan_id != plan_id:
            raise not_found("step", step_id, param="step_id")
        return step

    def assigned_in_plan_or_404(self, plan_id: uuid.UUID, step_id: uuid.UUID) -> InterviewStep:
        """The step of this plan the caller may act on or read alone (its invite, completing
        it): an interviewer reaches only a step assigned to them; another step of a plan they
        see is as unknown as a missing one."""
        step = self.in_plan_or_404(plan_id, step_id)
        if getattr(self.principal, "is_interviewer", False) and step.interviewer_user_id != (
            getattr(self.principal, "user_id", None)
        ):
            raise not_found("step", step_id, param="step_id")
        return step

    def booked_between(
        self, interviewer_id: uuid.UUID, start: datetime, end: datetime
    ) -> list[tuple[uuid.UUID, datetime, datetime]]:
        """The interviewer's booked steps starting in [start, end): one range scan of
        ``ix_steps_interviewer_start``. A step completed ahead of its booked time (a scorecard
        sent early) keeps that time taken: its invite still stands."""
        rows = self.session.execute(
            select(InterviewStep.id, InterviewStep.scheduled_start, InterviewStep.scheduled_end)
            .where(
                self.in_tenant(),
                InterviewStep.interviewer_user_id == interviewer_id,
                InterviewStep.scheduled_start >= start,
                InterviewStep.scheduled_start < end,
                InterviewStep.status.in_(("scheduled", "completed")),
            )
            .order_by(InterviewStep.scheduled_start)
        )
        return [(r[0], r[1], r[2]) for r in rows if r[1] is not None and r[2] is not None]

    def template_in_active_plan(self, template_id: uuid.UUID) -> bool:
        stmt = (
            select(InterviewStep.id)
            .join(InterviewPlan, InterviewPlan.id == InterviewStep.plan_id)
            .where(
                self.in_tenant(),
                self.in_tenant(InterviewPlan),
                InterviewStep.template_id == template_id,
                InterviewPlan.status == "active",
            )
            .limit(1)
        )
        return self.session.scalar(stmt) is not None

    def assigned_to(
        self, user_id: uuid.UUID, limit: int
    ) -> list[tuple[InterviewStep, InterviewPlan, Candidate, Job | None]]:
        """The steps assigned to a person (their "My interviews"), newest first, each with its
        plan, candidate and job."""
        stmt = (
            select(InterviewStep, InterviewPlan, Candidate, Job)
            .join(
                InterviewPlan,
                and_(InterviewPlan.id == InterviewStep.plan_id, self.in_tenant(InterviewPlan)),
            )
            .join(
                Candidate,
                and_(Candidate.id == InterviewPlan.candidate_id, self.in_tenant(Candidate)),
            )
            .outerjoin(Job, and_(Job.id == InterviewPlan.job_id, self.in_tenant(Job)))
            .where(self.in_tenant(), InterviewStep.interviewer_user_id == user_id)
            .order_by(InterviewStep.created_at.desc(), InterviewStep.id.desc())
            .limit(limit)
        )
        return [(r[0], r[1], r[2], r[3]) for r in self.session.execute(stmt)]


class BookingLinkRepository(TenantRepository[BookingLink]):
    model = BookingLink
    kind = "bkl"

    def active_for_candidate(self, candidate_id: uuid.UUID, now: datetime) -> list[BookingLink]:
        stmt = (
            self.active(now)
            .where(BookingLink.candidate_id == candidate_id)
            .order_by(BookingLink.created_at.desc())
        )
        return list(self.session.scalars(stmt))

    def active(self, now: datetime) -> Select[Any]:
        """The tenant's links that still open a booking page: unused, unexpired, of an active
        plan. Unordered, for the caller to page (:func:`peoplelens.kit.pagination.paginate`)."""
        return (
            self.select()
            .join(
                InterviewPlan,
                and_(InterviewPlan.id == BookingLink.plan_id, self.in_tenant(InterviewPlan)),
            )
            .where(
                BookingLink.used_at.is_(None),
                BookingLink.expires_at > now,
                InterviewPlan.status == "active",
            )
        )

    def for_plan(self, plan_id: uuid.UUID) -> list[BookingLink]:
        return list(self.session.scalars(self.select().where(BookingLink.plan_id == plan_id)))


_ASSIGNED_CANDIDATE = Prepared(
    select(InterviewStep.id)
    .join(
        InterviewPlan, and_(tenant_scope(InterviewPlan), InterviewPlan.id == InterviewStep.plan_id)
    )
    .where(
        tenant_scope(InterviewStep),
        InterviewPlan.candidate_id == bindparam("candidate_id"),
        InterviewStep.interviewer_user_id == bindparam("user_id"),
    )
    .limit(1)
)


class AssignmentReads(TenantReads):
    """What an interviewer may see, on the read lane (the session twin is
    :meth:`PlanRepository.assigned_to_caller`)."""

    async def candidate_visible(self, principal: Principal, candidate_id: uuid.UUID) -> bool:
        if not principal.is_interviewer:
            return True
        row = await self.one(
            _ASSIGNED_CANDIDATE, candidate_id=candidate_id, user_id=principal.user_id
        )
        return row is not None
