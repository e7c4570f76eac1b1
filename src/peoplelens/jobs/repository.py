from __future__ import annotations

import uuid

from sqlalchemy import Select, func, or_, select

from peoplelens.kit.repository import TenantRepository
from peoplelens.kit.sql import like_pattern
from peoplelens.models import Candidate, InterviewPlan, Job


class JobRepository(TenantRepository[Job]):
    model = Job
    kind = "job"

    def by_ids(self, ids: set[uuid.UUID]) -> dict[uuid.UUID, Job]:
        if not ids:
            return {}
        rows = self.session.scalars(self.select().where(Job.id.in_(ids)))
        return {row.id: row for row in rows}

    def by_external_ids(self, external_ids: set[str]) -> dict[str, Job]:
        if not external_ids:
            return {}
        rows = self.session.scalars(self.select().where(Job.external_id.in_(external_ids)))
        return {row.external_id: row for row in rows if row.external_id is not None}

    def filtered(self, status: str | None, department: str | None, q: str | None) -> Select[Job]:
        stmt = self.select()
        if status:
            stmt = stmt.where(Job.status == status)
        if department:
            stmt = stmt.where(func.lower(Job.department) == department.lower())
        if q:
            pattern = like_pattern(q.lower())
            stmt = stmt.where(
                or_(
                    func.lower(Job.title).like(pattern, escape="\\"),
                    func.lower(Job.description).like(pattern, escape="\\"),
                )
            )
        return stmt

    def candidate_counts(self, job_ids: set[uuid.UUID]) -> dict[uuid.UUID, int]:
        """How many candidates each of these jobs has (a job with none is left out)."""
        if not job_ids:
            return {}
        stmt = (
            select(Candidate.job_id, func.count())
            .where(self.in_tenant(Candidate), Candidate.job_id.in_(job_ids))
            .group_by(Candidate.job_id)
        )
        return {job_id: int(n) for job_id, n in self.session.execute(stmt) if job_id is not None}

    def is_referenced(self, job_id: uuid.UUID) -> bool:
        """Candidates or plans still point at the job (it must be closed, not deleted)."""
        candidates = select(Candidate.id).where(
            self.in_tenant(Candidate), Candidate.job_id == job_id
        )
        plans = select(InterviewPlan.id).where(
            self.in_tenant(InterviewPlan), InterviewPlan.job_id == job_id
        )
        return (
            self.session.scalar(candidates.limit(1)) is not None
            or self.session.scalar(plans.limit(1)) is not None
        )
