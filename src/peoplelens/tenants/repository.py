from __future__ import annotations

from sqlalchemy import select, update

from peoplelens.kit.repository import TenantRepository
from peoplelens.models import Tenant


class TenantProfileRepository(TenantRepository[Tenant]):
    """The principal's own tenant row (quota, stages, rate limit)."""

    model = Tenant

    def current(self, *, lock: bool = False) -> Tenant:
        stmt = select(Tenant).where(Tenant.id == self.tenant_id)
        if lock:
            # NO KEY UPDATE: foreign-key checks of other transactions (KEY SHARE) never wait.
            stmt = stmt.with_for_update(key_share=True)
        return self.session.scalars(stmt).one()

    def count_candidates(self, delta: int) -> None:
        """Adjust the candidate counter in the caller's transaction (see ``Tenant``)."""
        self.session.execute(
            update(Tenant)
            .where(Tenant.id == self.tenant_id)
            .values(candidate_count=Tenant.candidate_count + delta)
        )

    def candidate_count(self) -> int:
        stmt = select(Tenant.candidate_count).where(Tenant.id == self.tenant_id)
        return int(self.session.scalar(stmt) or 0)
