from __future__ import annotations

from sqlalchemy import select, update

from peoplelens.kit.repository import TenantRepository
from peoplelens.models import Tenant, TenantCounter


class TenantProfileRepository(TenantRepository[Tenant]):
    """The principal's own tenant row (quota, stages, rate limit)."""

    model = Tenant

    def current(self) -> Tenant:
        return self.session.scalars(select(Tenant).where(Tenant.id == self.tenant_id)).one()

    def count_candidates(self, delta: int) -> None:
        """Adjust the candidate counter in the caller's transaction (see ``TenantCounter``)."""
        self.session.execute(
            update(TenantCounter)
            .where(self.in_tenant(TenantCounter))
            .values(candidate_count=TenantCounter.candidate_count + delta)
        )

    def candidate_count(self, *, lock: bool = False) -> int:
        stmt = select(TenantCounter.candidate_count).where(self.in_tenant(TenantCounter))
        if lock:
            stmt = stmt.with_for_update()
        return int(self.session.scalar(stmt) or 0)
