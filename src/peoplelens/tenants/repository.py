from __future__ import annotations

from sqlalchemy import select

from peoplelens.kit.repository import TenantRepository
from peoplelens.models import Tenant


class TenantProfileRepository(TenantRepository[Tenant]):
    """The principal's own tenant row (quota, stages, rate limit)."""

    model = Tenant

    def current(self, *, lock: bool = False) -> Tenant:
        stmt = select(Tenant).where(Tenant.id == self.tenant_id)
        if lock:
            stmt = stmt.with_for_update()
        return self.session.scalars(stmt).one()
