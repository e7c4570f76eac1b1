from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from peoplelens.kit.repository import TenantRepository, tenant_of, unscoped
from peoplelens.models import ApiKey, Tenant


@dataclass(frozen=True, slots=True)
class KeyLookup:
    key_id: uuid.UUID
    tenant_id: uuid.UUID
    scopes: tuple[str, ...]
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None
    tenant_rate_limit: int | None
    tenant_slug: str


def find_key_by_hash(session: Session, key_hash: str) -> KeyLookup | None:
    """The lookup that *finds* the tenant, so it cannot be tenant-scoped: keyed by the hash."""
    row = session.execute(
        unscoped(
            select(
                ApiKey.id,
                ApiKey.tenant_id,
                ApiKey.scopes,
                ApiKey.expires_at,
                ApiKey.revoked_at,
                ApiKey.last_used_at,
                Tenant.rate_limit_per_minute,
                Tenant.slug,
            )
            .join(Tenant, tenant_of(ApiKey, Tenant))
            .where(ApiKey.key_hash == key_hash)
        )
    ).one_or_none()
    if row is None:
        return None
    return KeyLookup(row[0], row[1], tuple(row[2]), row[3], row[4], row[5], row[6], row[7])


def touch_key(session: Session, key_id: uuid.UUID, when: datetime) -> None:
    """Bookkeeping of the key the request authenticated with (its id names its tenant)."""
    session.execute(unscoped(update(ApiKey).where(ApiKey.id == key_id).values(last_used_at=when)))


class ApiKeyRepository(TenantRepository[ApiKey]):
    model = ApiKey
    kind = "key"

    def list_active(self) -> list[ApiKey]:
        stmt = self.select().where(ApiKey.revoked_at.is_(None)).order_by(ApiKey.created_at.desc())
        return list(self.session.scalars(stmt))

    def list_recent(self, limit: int) -> list[ApiKey]:
        """Every key, revoked ones too, newest first (the Settings page shows what was)."""
        stmt = self.select().order_by(ApiKey.created_at.desc(), ApiKey.id.desc()).limit(limit)
        return list(self.session.scalars(stmt))
