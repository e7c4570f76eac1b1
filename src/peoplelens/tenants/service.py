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


def set_retention(session: Session, tenant: Tenant, windows: dict[str, int | None]) -> None:
    """Overrides some of the tenant's retention windows (``retention.service.OVERRIDES``
    columns); None returns one to the service-wide default. Windows are at least 1."""
    for column, value in windows.items():
        if column not in OVERRIDES:
            raise ValueError(f"{column} is not a retention window")
        if value is not None and value < 1:
            raise ValueError(f"{column} must be at least 1")
        setattr(tenant, column, value)
    session.flush()
