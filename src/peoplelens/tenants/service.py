"""Tenants are created by the operator (CLI); the API never creates or lists them."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from peoplelens.config import DEFAULT_PIPELINE_STAGES
from peoplelens.kit.ids import new_uuid
from peoplelens.kit.time import utcnow
from peoplelens.models import Tenant, TenantCounter
from peoplelens.retention.service import OVERRIDES

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


def is_slug(value: str) -> bool:
    """Whether ``value`` can be a tenant's slug (what a subdomain, a sign-in form or an SSO
    link may name): anything else is refused before it reaches a URL or a query."""
    return bool(_SLUG.fullmatch(value))


class TenantExists(Exception):
    pass


def create_tenant(
    session: Session,
    slug: str,
    name: str,
    *,
    candidate_quota: int | None = None,
    rate_limit_per_minute: int | None = None,
) -> Tenant:
    if not is_slug(slug):
        raise ValueError("slug must be lower-case letters, digits and hyphens (max 63)")
    if session.scalars(select(Tenant).where(Tenant.slug == slug)).first() is not None:
        raise TenantExists(slug)
    tenant = Tenant(
        id=new_uuid(),
        slug=slug,
        name=name,
        candidate_quota=candidate_quota,
        rate_limit_per_minute=rate_limit_per_minute,
        pipeline_stages=list(DEFAULT_PIPELINE_STAGES),
        created_at=utcnow(),
    )
    session.add(tenant)
    session.flush()
    session.add(TenantCounter(tenant_id=tenant.id, candidate_count=0))
    session.flush()
    return tenant


def find_tenant(session: Session, slug: str) -> Tenant | None:
    return session.scalars(select(Tenant).where(Tenant.slug == slug)).first()


MAX_RETENTION_DAYS = 36_500
MAX_RETENTION_HOURS = MAX_RETENTION_DAYS * 24


def set_retention(session: Session, tenant: Tenant, windows: dict[str, int | None]) -> None:
    """Overrides some of the tenant's retention windows (``retention.service.OVERRIDES``
    columns); None returns one to the service-wide default. Windows are at least 1 and at
    most ``MAX_RETENTION`` (100 years, in the column's unit): past that "keep" is meant, and a
    longer one would overflow the date it subtracts from."""
    for column, value in windows.items():
        if column not in OVERRIDES:
            raise ValueError(f"{column} is not a retention window")
        longest = MAX_RETENTION_HOURS if column.endswith("_hours") else MAX_RETENTION_DAYS
        if value is not None and not 1 <= value <= longest:
            raise ValueError(f"{column} must be between 1 and {longest}")
        setattr(tenant, column, value)
    session.flush()
