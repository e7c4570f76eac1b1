from __future__ import annotations

from sqlalchemy import bindparam, select, update

from peoplelens.kit.db.prepared import Prepared
from peoplelens.kit.repository import (
    TenantReads,
    TenantRepository,
    TenantWrites,
    tenant_scope,
)
from peoplelens.models import Tenant, TenantCounter


class TenantProfileRepository(TenantRepository[Tenant]):
    """The principal's own tenant row (quota, stages, rate limit)."""

    model = Tenant

    def current(self) -> Tenant:
        tenant: Tenant = self.own_tenant(Tenant)
        return tenant


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
    """The candidate counter in the one transaction, the lane's or a session's (on the lane,
    quota and stages come with the candidate checks, ``CandidateWrites.checks``)."""

    async def locked_candidate_count(self) -> int:
        """The count, its row locked to the end of the transaction (a quota check)."""
        row = await self.one(_COUNT_LOCKED)
        return int(row["candidate_count"]) if row else 0

    def locked_candidate_count_now(self) -> int:
        """:meth:`locked_candidate_count` for a session service (already off the loop)."""
        row = self.one_now(_COUNT_LOCKED)
        return int(row["candidate_count"]) if row else 0

    def count_candidates(self, delta: int) -> None:
        """Queued, so it goes out last: the counter's row is locked only for the commit."""
        self.queue(_ADD, delta=delta)


class TenantCounterReads(TenantReads):
    """The candidate counter on the read lane (unfiltered list totals)."""

    async def candidate_count(self) -> int:
        row = await self.one(_COUNT)
        return int(row["candidate_count"]) if row else 0
