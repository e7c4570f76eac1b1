from __future__ import annotations

import uuid

from sqlalchemy import Select

from peoplelens.kit.repository import TenantRepository
from peoplelens.models import Email


class EmailRepository(TenantRepository[Email]):
    model = Email
    kind = "eml"

    def filtered(
        self, *, candidate_id: uuid.UUID | None, kind: str | None, status: str | None
    ) -> Select[tuple[Email]]:
        stmt = self.select()
        if candidate_id is not None:
            stmt = stmt.where(Email.candidate_id == candidate_id)
        if kind is not None:
            stmt = stmt.where(Email.kind == kind)
        if status is not None:
            stmt = stmt.where(Email.status == status)
        return stmt
