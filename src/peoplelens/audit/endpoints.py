"""Audit log (spec §8)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from peoplelens.audit.repository import AuditRepository
from peoplelens.audit.schemas import AuditEntryOut
from peoplelens.boundary.dependencies import AdminPrincipal, SessionDep
from peoplelens.boundary.router import api_router
from peoplelens.kit.pagination import paginate
from peoplelens.kit.params import PageDep
from peoplelens.kit.schemas import ListResponse, UtcDatetime
from peoplelens.models import AuditEntry

router = api_router("audit")


@router.get("/audit-logs", response_model=ListResponse[AuditEntryOut])
def list_audit_logs(
    principal: AdminPrincipal,
    session: SessionDep,
    page: PageDep,
    action: Annotated[
        str | None, Query(max_length=64, description="e.g. CANDIDATE_DELETED")
    ] = None,
    since: Annotated[UtcDatetime | None, Query()] = None,
) -> ListResponse[AuditEntryOut]:
    """Every change made through the API, newest first (admin scope). Entries hold ids and
    field names, never personal data, so they survive a candidate's erasure."""
    stmt = AuditRepository(session, principal).query(action, since)
    result = paginate(session, stmt, AuditEntry, page)
    return ListResponse[AuditEntryOut].of(
        [AuditEntryOut.model_validate(e) for e in result.items], result
    )
