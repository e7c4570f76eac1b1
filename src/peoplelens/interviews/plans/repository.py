from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Select, and_, select

from peoplelens.kit.ids import not_found
from peoplelens.kit.repository import TenantRepository
from peoplelens.models import BookingLink, InterviewPlan, InterviewStep


class PlanRepository(TenantRepository[InterviewPlan]):
    model = InterviewPlan
    kind = "plan"

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


class BookingLinkRepository(TenantRepository[BookingLink]):
    model = BookingLink
    kind = "bkl"

    def active_for_candidate(self, candidate_id: uuid.UUID, now: datetime) -> list[BookingLink]:
        stmt = (
            self.select()
            .join(
                InterviewPlan,
                and_(InterviewPlan.id == BookingLink.plan_id, self.in_tenant(InterviewPlan)),
            )
            .where(
                BookingLink.candidate_id == candidate_id,
                BookingLink.used_at.is_(None),
                BookingLink.expires_at > now,
                InterviewPlan.status == "active",
            )
            .order_by(BookingLink.created_at.desc())
        )
        return list(self.session.scalars(stmt))

    def for_plan(self, plan_id: uuid.UUID) -> list[BookingLink]:
        return list(self.session.scalars(self.select().where(BookingLink.plan_id == plan_id)))
