"""All SQL about people: users (tenant-scoped) and the lookups that *find* the tenant — a
session by its cookie's hash, a set-password token by its hash, a tenant by its slug at sign-in
— which are unscoped by name."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from peoplelens.kit.repository import TenantRepository, tenant_of, unscoped
from peoplelens.models import (
    InterviewStep,
    SignInFailure,
    Tenant,
    TenantSso,
    User,
    UserSession,
    UserToken,
)


class UserRepository(TenantRepository[User]):
    model = User
    kind = "usr"

    def by_email(self, email: str) -> User | None:
        row: User | None = self.session.scalars(
            self.select().where(User.email_key == email.strip().lower())
        ).one_or_none()
        return row

    def by_external_id(self, external_id: str) -> User | None:
        row: User | None = self.session.scalars(
            self.select().where(User.external_id == external_id)
        ).one_or_none()
        return row

    def query(
        self,
        *,
        email: str | None = None,
        search: str | None = None,
        role: str | None = None,
        enabled: bool | None = None,
        external_id: str | None = None,
    ) -> Select[tuple[User]]:
        """The tenant's people, filtered: ``email`` exact (case-insensitive), ``search`` a
        substring of the name or e-mail, ``role`` canonical, ``enabled`` the switch."""
        stmt = self.select().where(User.deleted_at.is_(None))  # the deleted are gone
        if email is not None:
            stmt = stmt.where(User.email_key == email.strip().lower())
        if external_id is not None:
            stmt = stmt.where(User.external_id == external_id)
        if role is not None:
            stmt = stmt.where(User.role == role)
        if enabled is not None:
            stmt = stmt.where(User.is_enabled.is_(enabled))
        if search:
            pattern = "%" + search.strip().lower().replace("%", r"\%").replace("_", r"\_") + "%"
            full_name = func.lower(User.first_name + " " + User.last_name)
            stmt = stmt.where(
                or_(User.email_key.like(pattern, escape="\\"), full_name.like(pattern, escape="\\"))
            )
        return stmt

    def unassign(self, user_id: uuid.UUID) -> int:
        """Clears the person from every step assigned to them (``schedule`` keeps the history)."""
        result = self.session.execute(
            update(InterviewStep)
            .where(self.in_tenant(InterviewStep), InterviewStep.interviewer_user_id == user_id)
            .values(interviewer_user_id=None)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def end_sessions(self, user_id: uuid.UUID, now: datetime) -> None:
        self.session.execute(
            update(UserSession)
            .where(
                self.in_tenant(UserSession),
                UserSession.user_id == user_id,
                UserSession.revoked_at.is_(None),
            )
            .values(revoked_at=now)
        )

    def add_session(self, row: UserSession) -> UserSession:
        row.tenant_id = self.tenant_id
        self.session.add(row)
        return row

    def add_token(self, row: UserToken) -> UserToken:
        row.tenant_id = self.tenant_id
        self.session.add(row)
        return row

    def session_row(self, session_id: uuid.UUID) -> UserSession | None:
        row: UserSession | None = self.session.scalars(
            select(UserSession).where(self.in_tenant(UserSession), UserSession.id == session_id)
        ).one_or_none()
        return row

    def spend_tokens(self, user_id: uuid.UUID, purpose: str, now: datetime) -> None:
        """Voids the person's unused tokens of ``purpose`` (a new link replaces older ones)."""
        self.session.execute(
            update(UserToken)
            .where(
                self.in_tenant(UserToken),
                UserToken.user_id == user_id,
                UserToken.purpose == purpose,
                UserToken.used_at.is_(None),
            )
            .values(used_at=now)
        )


@dataclass(frozen=True, slots=True)
class SessionLookup:
    session_id: uuid.UUID
    tenant_id: uuid.UUID
    tenant_slug: str
    tenant_rate_limit: int | None
    user_id: uuid.UUID
    role: str
    user_enabled: bool
    last_seen_at: datetime
    expires_at: datetime
    revoked_at: datetime | None


def find_session_by_hash(session: Session, token_hash: str) -> SessionLookup | None:
    """The lookup that finds the tenant of a session cookie: keyed by its hash."""
    row = session.execute(
        unscoped(
            select(
                UserSession.id,
                UserSession.tenant_id,
                Tenant.slug,
                Tenant.rate_limit_per_minute,
                User.id,
                User.role,
                User.is_enabled,
                UserSession.last_seen_at,
                UserSession.expires_at,
                UserSession.revoked_at,
            )
            .join(User, User.id == UserSession.user_id)
            .join(Tenant, tenant_of(UserSession, Tenant))
            .where(UserSession.token_hash == token_hash)
        )
    ).one_or_none()
    if row is None:
        return None
    return SessionLookup(
        row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9]
    )


def touch_session(session: Session, session_id: uuid.UUID, when: datetime) -> None:
    """Bookkeeping of the session the request came with (its id names its tenant). A row
    another transaction holds is skipped, never waited for: the touch is best effort."""
    free = (
        select(UserSession.id)
        .where(UserSession.id == session_id)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    session.execute(
        unscoped(update(UserSession).where(UserSession.id.in_(free)).values(last_seen_at=when))
    )


def find_token_by_hash(session: Session, token_hash: str) -> UserToken | None:
    """A set-password link's token (the link names no tenant): keyed by its hash."""
    row: UserToken | None = session.scalars(
        unscoped(select(UserToken).where(UserToken.token_hash == token_hash))
    ).one_or_none()
    return row


def find_tenant_by_slug(session: Session, slug: str) -> Tenant | None:
    """The workspace a sign-in form or a subdomain names."""
    row: Tenant | None = session.scalars(
        unscoped(select(Tenant).where(Tenant.slug == slug.strip().lower()))
    ).one_or_none()
    return row


def tenant_sso(session: Session, tenant_id: uuid.UUID) -> TenantSso | None:
    """The workspace's SSO settings (keyed by the tenant: one row per tenant, if any)."""
    return session.get(TenantSso, tenant_id)


def tenant_by_id(session: Session, tenant_id: uuid.UUID) -> Tenant | None:
    """The workspace a signed-in person's principal names."""
    return session.get(Tenant, tenant_id)


# The sign-in throttle: rows keyed by "addr:<ip>" or "acct:<tenant>:<hash of the e-mail>".
# Not tenant-owned (an address spans tenants), so plain statements by key.


def failures(session: Session, keys: list[str]) -> list[SignInFailure]:
    rows = session.scalars(select(SignInFailure).where(SignInFailure.key.in_(keys)))
    return list(rows)


def failure_for_update(session: Session, key: str, now: datetime) -> SignInFailure:
    """The key's row, locked for this transaction (created when it is the key's first failure;
    a concurrent first failure that wins the insert is read back instead)."""
    stmt = select(SignInFailure).where(SignInFailure.key == key).with_for_update()
    row = session.scalars(stmt).one_or_none()
    if row is not None:
        return row
    try:
        with session.begin_nested():
            row = SignInFailure(key=key, window_started_at=now, failures=0, locked_until=None)
            session.add(row)
            session.flush()
        return row
    except IntegrityError:
        found: SignInFailure = session.scalars(stmt).one()
        return found


def forget_failures(session: Session, key: str) -> None:
    session.execute(delete(SignInFailure).where(SignInFailure.key == key))


def purge_failures(session: Session, window_started_before: datetime, now: datetime) -> None:
    """Drops rows whose window is over and that lock nothing, so the table holds about one
    window. Rows another sign-in holds are skipped, never waited for (no lock cycles)."""
    stale = (
        select(SignInFailure.key)
        .where(
            SignInFailure.window_started_at < window_started_before,
            or_(SignInFailure.locked_until.is_(None), SignInFailure.locked_until < now),
        )
        .limit(200)
        .with_for_update(skip_locked=True)
    )
    session.execute(delete(SignInFailure).where(SignInFailure.key.in_(stale.scalar_subquery())))
