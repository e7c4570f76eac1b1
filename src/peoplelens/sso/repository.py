"""All SQL about SSO: the tenant's provider settings and the sign-in round trips (scoped), and
the lookups that *find* the tenant — a workspace by its slug, a round trip by its state's
hash — which are unscoped by name."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from peoplelens.kit.repository import TenantRepository, unscoped
from peoplelens.models import OidcLoginState, TenantSso, User


class SsoRepository(TenantRepository[TenantSso]):
    model = TenantSso

    def settings(self, *, lock: bool = False) -> TenantSso | None:
        stmt = self.select()
        row: TenantSso | None = self.session.scalars(
            stmt.with_for_update() if lock else stmt
        ).one_or_none()
        return row

    def remove(self) -> bool:
        result = self.session.execute(delete(TenantSso).where(self.in_tenant()))
        return bool(getattr(result, "rowcount", 0))

    def forget_subjects(self) -> None:
        """A new provider's subjects mean nothing: every person's recorded subject goes."""
        self.session.execute(
            update(User)
            .where(self.in_tenant(User), User.sso_subject.is_not(None))
            .values(sso_subject=None)
        )


class LoginStateRepository(TenantRepository[OidcLoginState]):
    model = OidcLoginState

    def spend(self, state_id: Any, now: datetime) -> bool:
        """Marks the round trip used; False when another request did first (one use, even
        under a race: the UPDATE decides)."""
        result = self.session.execute(
            update(OidcLoginState)
            .where(
                self.in_tenant(),
                OidcLoginState.id == state_id,
                OidcLoginState.used_at.is_(None),
            )
            .values(used_at=now)
        )
        return bool(getattr(result, "rowcount", 0))

    def purge_expired(self, before: datetime) -> None:
        self.session.execute(
            delete(OidcLoginState).where(self.in_tenant(), OidcLoginState.expires_at < before)
        )


def find_state_by_hash(session: Session, state_hash: str) -> OidcLoginState | None:
    """The round trip a callback's ``state`` names (the state names the tenant)."""
    row: OidcLoginState | None = session.scalars(
        unscoped(select(OidcLoginState).where(OidcLoginState.state_hash == state_hash))
    ).one_or_none()
    return row
