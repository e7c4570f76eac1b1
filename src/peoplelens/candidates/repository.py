from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, or_, select

from peoplelens.kit.repository import TenantRepository
from peoplelens.kit.sql import like_pattern
from peoplelens.models import Candidate


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
