"""People of a tenant, their sign-in sessions and one-time tokens, and the tenant's SSO and
SCIM settings (spec §6)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from peoplelens.kit.time import utcnow
from peoplelens.models.base import (
    Base,
    JSONType,
    TenantOwned,
    Timestamps,
    UTCDateTime,
    UUIDPrimaryKey,
)


class User(UUIDPrimaryKey, TenantOwned, Timestamps, Base):
    """A person who signs in: admin, recruiter or interviewer (``users/roles.py``).

    ``email_key`` is the e-mail folded to lower case: what makes an address unique in a tenant
    and what sign-in, SCIM filters and the ``email`` filter compare. Deactivation keeps the row
    (audit entries and past steps keep naming the id).
    """

    __tablename__ = "users"
    __table_args__ = (
        UniqueConstraint("tenant_id", "email_key", name="uq_users_tenant_email"),
        UniqueConstraint("tenant_id", "external_id", name="uq_users_tenant_external_id"),
        Index("ix_users_tenant_created", "tenant_id", "created_at", "id"),
    )

    email: Mapped[str] = mapped_column(String(320))
    email_key: Mapped[str] = mapped_column(String(320))
    first_name: Mapped[str] = mapped_column(String(200), default="")
    last_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))
    # The person's title in their company ("Head of Talent"), free text.
    company_role: Mapped[str | None] = mapped_column(String(200), default=None)
    is_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    external_id: Mapped[str | None] = mapped_column(String(255), default=None)
    user_preferences: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    # IANA name; scheduling reads it with the weekly working hours
    # ({"mon": [["09:00", "17:00"]], ...}, local time).
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC")
    working_hours: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    # Argon2id (PHC string); None: no password (invited, or SSO only).
    password_hash: Mapped[str | None] = mapped_column(String(255), default=None)
    # The OpenID provider's subject, once the person signed in by SSO.
    sso_subject: Mapped[str | None] = mapped_column(String(255), default=None)
    # Set by a deletion (as opposed to a deactivation): the records were unassigned.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class UserSession(UUIDPrimaryKey, TenantOwned, Base):
    """A signed-in browser. Only the SHA-256 of its cookie is stored; a revoked, idle or
    deactivated user's session is refused on its next request."""

    __tablename__ = "user_sessions"
    __table_args__ = (Index("ix_user_sessions_user", "user_id"),)

    user_id: Mapped[uuid.UUID] = mapped_column(Uuid(), ForeignKey("users.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # How the person signed in: "password" or "oidc".
    method: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    ip_address: Mapped[str | None] = mapped_column(String(64), default=None)
    user_agent: Mapped[str | None] = mapped_column(String(300), default=None)


class UserToken(UUIDPrimaryKey, TenantOwned, Base):
    """A one-time link token (set a password: invitation or reset), stored as SHA-256."""

    __tablename__ = "user_tokens"
    __table_args__ = (Index("ix_user_tokens_user", "user_id"),)

    user_id: Mapped[uuid.UUID] = mapped_column(Uuid(), ForeignKey("users.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    purpose: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class SignInFailure(Base):
    """Failed sign-ins per throttle key ("addr:<ip>", "acct:<tenant>:<email>") in the current
    window: the throttle survives restarts and is shared by every process."""

    __tablename__ = "sign_in_failures"

    key: Mapped[str] = mapped_column(String(400), primary_key=True)
    window_started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    failures: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class TenantSso(Base, Timestamps):
    """A tenant's OpenID Connect provider (one per tenant). The client secret is sealed."""

    __tablename__ = "tenant_sso"

    tenant_id: Mapped[uuid.UUID] = mapped_column(
        Uuid(), ForeignKey("tenants.id", ondelete="CASCADE"), primary_key=True
    )
    issuer: Mapped[str] = mapped_column(String(500))
    client_id: Mapped[str] = mapped_column(String(255))
    client_secret_sealed: Mapped[str | None] = mapped_column(Text, default=None)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    # Passwords are refused for this tenant's people (SSO only).
    sso_required: Mapped[bool] = mapped_column(Boolean, default=False)
    # Just-in-time creation of a person the provider vouches for: None = off.
    jit_role: Mapped[str | None] = mapped_column(String(20), default=None)
    # E-mail domains accepted for just-in-time creation ([] = any the provider verified).
    allowed_domains: Mapped[list[str]] = mapped_column(JSONType, default=list)


class OidcLoginState(UUIDPrimaryKey, TenantOwned, Base):
    """One sign-in round trip to the provider: ``state`` (stored hashed), the ``nonce`` and the
    PKCE verifier; used once."""

    __tablename__ = "oidc_login_states"

    state_hash: Mapped[str] = mapped_column(String(64), unique=True)
    nonce: Mapped[str] = mapped_column(String(128))
    code_verifier: Mapped[str] = mapped_column(String(128))
    return_to: Mapped[str | None] = mapped_column(String(500), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class ScimGroup(UUIDPrimaryKey, TenantOwned, Timestamps, Base):
    """A directory group pushed by the identity provider, mapped to one of the three roles."""

    __tablename__ = "scim_groups"
    __table_args__ = (
        UniqueConstraint("tenant_id", "display_name_key", name="uq_scim_groups_tenant_name"),
    )

    display_name: Mapped[str] = mapped_column(String(255))
    display_name_key: Mapped[str] = mapped_column(String(255))
    external_id: Mapped[str | None] = mapped_column(String(255), default=None)
    role: Mapped[str] = mapped_column(String(20))
    member_ids: Mapped[list[str]] = mapped_column(JSONType, default=list)
