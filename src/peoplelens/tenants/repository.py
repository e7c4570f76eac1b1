from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, select, update

from peoplelens.kit.prepared import Prepared
from peoplelens.kit.repository import (
    TenantReads,
    TenantRepository,
    TenantWrites,
    own_tenant_scope,
    tenant_scope,
)
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


_SETTINGS = Prepared(
    select(Tenant.candidate_quota, Tenant.pipeline_stages).where(own_tenant_scope(Tenant))
)
_COUNT = Prepared(select(TenantCounter.candidate_count).where(tenant_scope(TenantCounter)))
_COUNT_LOCKED = Prepared(
    select(TenantCounter.candidate_count).where(tenant_scope(TenantCounter)).with_for_update()
)
_ADD = Prepared(
    update(TenantCounter)
    .where(tenant_scope(TenantCounter))
    .values(candidate_count=TenantCounter.candidate_count + bindparam("delta"))
)


class TenantProfileWrites(TenantWrites):
    """:class:`TenantProfileRepository` on the write lane."""

    async def settings(self) -> dict[str, Any]:
        """``candidate_quota`` and ``pipeline_stages``."""
        row = await self.one(_SETTINGS)
        assert row is not None, "a principal's tenant exists"
        return row

    async def candidate_count(self, *, lock: bool = False) -> int:
        row = await self.one(_COUNT_LOCKED if lock else _COUNT)
        return int(row["candidate_count"]) if row else 0

    def count_candidates(self, delta: int) -> None:
        self.queue(_ADD, delta=delta)


class TenantCounterReads(TenantReads):
    """The candidate counter on the read lane (unfiltered list totals)."""

    async def candidate_count(self) -> int:
        row = await self.one(_COUNT)
        return int(row["candidate_count"]) if row else 0
