"""The two halves of a sign-in round trip (spec §6), as rules on a session; never commits.
The back-channel calls to the provider happen between these steps' transactions, in the
endpoints, never inside one.

Audit actions: ``USER_LOGIN`` (``{"method": "oidc"}``) and ``USER_LOGIN_FAILED`` (a reason
code, never the e-mail).
"""

from __future__ import annotations

import dataclasses
import secrets
import uuid
from datetime import timedelta
from typing import Any, Final
from urllib.parse import urlsplit

from pydantic import ValidationError
from sqlalchemy.orm import Session

from peoplelens.audit.repository import AuditLog
from peoplelens.auth.principal import Principal
from peoplelens.config import Settings
from peoplelens.kit.crypto import sha256_hex
from peoplelens.kit.errors import ApiError
from peoplelens.kit.ids import render
from peoplelens.kit.sealing import oidc_verifiers, sso_client_secrets
from peoplelens.kit.time import utcnow
from peoplelens.models import OidcLoginState, Tenant, TenantSso, User
from peoplelens.sso import oidc
from peoplelens.sso.repository import LoginStateRepository, SsoRepository, find_state_by_hash
from peoplelens.sso.service import enabled_sso, redirect_uri
from peoplelens.users.repository import UserRepository
from peoplelens.users.schemas import UserCreate
from peoplelens.users.service import create_user
from peoplelens.users.signin import start_signed_in

ROUND_TRIP: Final = timedelta(minutes=10)


class Refused(Exception):
    """A sign-in that does not happen; ``reason`` is the audit's code, ``kind`` picks the page."""

    def __init__(
        self,
        reason: str,
        *,
        kind: str = "refused",
        tenant_id: uuid.UUID | None = None,
        user_id: uuid.UUID | None = None,
    ) -> None:
        super().__init__(reason)
        self.reason, self.kind, self.user_id = reason, kind, user_id
        # The tenant the round trip belonged to, where the refusal is audited (if known).
        self.workspace_id = tenant_id


# -- out to the provider ----------------------------------------------------
def safe_return_to(value: str | None) -> str | None:
    """A path on this site to land on after sign-in, or None: never another origin
    (``//evil``, ``/\\evil``, a scheme) — the callback would be an open redirect."""
    if not value or len(value) > 500 or not value.startswith("/") or value.startswith("//"):
        return None
    if "\\" in value or any(ord(c) < 0x20 or ord(c) == 0x7F for c in value):
        return None
    parts = urlsplit(value)
    return value if not parts.scheme and not parts.netloc else None


def begin(
    session: Session,
    tenant: Tenant,
    sso: TenantSso,
    disc: oidc.Discovery,
    *,
    settings: Settings,
    server_secret: bytes,
    return_to: str | None,
) -> tuple[str, str]:
    """Records a round trip and returns (the provider's authorization URL, the raw state for
    the browser binding cookie)."""
    state, nonce, verifier = (
        secrets.token_urlsafe(32),
        secrets.token_urlsafe(32),
        oidc.new_verifier(),
    )
    now = utcnow()
    repo = LoginStateRepository(session, Principal.system(tenant.id, via="oidc"))
    repo.purge_expired(now)
    repo.add(
        OidcLoginState(
            state_hash=sha256_hex(state),
            nonce=nonce,
            code_verifier=oidc_verifiers(server_secret).seal(verifier),
            return_to=safe_return_to(return_to),
            created_at=now,
            expires_at=now + ROUND_TRIP,
        )
    )
    url = oidc.authorization_url(
        disc,
        client_id=sso.client_id,
        redirect_uri=redirect_uri(settings, tenant.slug),
        state=state,
        nonce=nonce,
        verifier=verifier,
    )
    return url, state


# -- the round trip: back from the provider -------------------------------------------------
@dataclasses.dataclass(frozen=True, slots=True)
class Pending:
    """A spent round trip and what finishing it needs (read in the first transaction)."""

    tenant_id: uuid.UUID
    tenant_slug: str
    issuer: str
    client_id: str
    client_secret: str
    nonce: str
    verifier: str
    return_to: str | None


def claim_round_trip(
    session: Session, state: str, *, bound_state: str | None, server_secret: bytes
) -> Pending:
    """Spends the round trip ``state`` names: unknown, expired, used, or not started in this
    browser (``bound_state``, the cookie) → :class:`Refused` ``invalid_state``."""
    row = find_state_by_hash(session, sha256_hex(state)) if state else None
    if row is None:
        raise Refused("unknown_state", kind="state")
    tenant_id = row.tenant_id
    now = utcnow()
    if bound_state is None or not secrets.compare_digest(bound_state, state):
        raise Refused("state_not_bound", kind="state", tenant_id=tenant_id)
    if row.used_at is not None:
        raise Refused("state_used", kind="state", tenant_id=tenant_id)
    if row.expires_at <= now:
        raise Refused("state_expired", kind="state", tenant_id=tenant_id)
    principal = Principal.system(tenant_id, via="oidc")
    if not LoginStateRepository(session, principal).spend(row.id, now):
        raise Refused("state_used", kind="state", tenant_id=tenant_id)
    tenant: Tenant = SsoRepository(session, principal).own_tenant(Tenant)
    sso = enabled_sso(session, tenant)
    if sso is None or sso.client_secret_sealed is None:
        raise Refused("sso_disabled", tenant_id=tenant_id)
    return Pending(
        tenant_id=tenant_id,
        tenant_slug=tenant.slug,
        issuer=sso.issuer,
        client_id=sso.client_id,
        client_secret=sso_client_secrets(server_secret).open(sso.client_secret_sealed),
        nonce=row.nonce,
        verifier=oidc_verifiers(server_secret).open(row.code_verifier),
        return_to=row.return_to,
    )


def _verified(claims: dict[str, Any]) -> bool:
    value = claims.get("email_verified")
    return value is True or value == "true"  # some providers send the string


def _domain_allowed(email: str, allowed: list[str]) -> bool:
    return not allowed or email.rsplit("@", 1)[-1].lower() in allowed


def _jit_user(
    session: Session, principal: Principal, sso: TenantSso, claims: dict[str, Any]
) -> User:
    email = str(claims["email"])
    if sso.jit_role is None:
        raise Refused("no_account", tenant_id=principal.tenant_id)
    if not _domain_allowed(email, list(sso.allowed_domains or [])):
        raise Refused("domain_not_allowed", tenant_id=principal.tenant_id)
    try:
        data = UserCreate(
            email=email,
            first_name=str(claims.get("given_name") or "")[:200],
            last_name=str(claims.get("family_name") or "")[:200],
            role=sso.jit_role,
        )
    except ValidationError:
        raise Refused("email_unusable", tenant_id=principal.tenant_id) from None
    try:
        return create_user(session, principal, data, via="oidc")
    except ApiError:  # the address was taken in the meantime (a concurrent first sign-in)
        raise Refused("account_race", tenant_id=principal.tenant_id) from None


def sign_in(
    session: Session,
    pending: Pending,
    claims: dict[str, Any],
    *,
    ip_address: str | None,
    user_agent: str | None,
) -> tuple[User, str]:
    """The person the provider vouched for, signed in: (the user, the session cookie). Only
    this workspace's enabled people, found by verified e-mail; else just-in-time creation
    where the admin allows it."""
    principal = Principal.system(pending.tenant_id, via="oidc")
    email = claims.get("email")
    if not isinstance(email, str) or "@" not in email:
        raise Refused("no_email", tenant_id=pending.tenant_id)
    if not _verified(claims):
        raise Refused("email_unverified", kind="unverified", tenant_id=pending.tenant_id)
    tenant: Tenant = SsoRepository(session, principal).own_tenant(Tenant)
    sso = enabled_sso(session, tenant)
    if sso is None or sso.issuer != pending.issuer or sso.client_id != pending.client_id:
        raise Refused("sso_changed", tenant_id=pending.tenant_id)
    user = UserRepository(session, principal).by_email(email)
    if user is None:
        user = _jit_user(session, principal, sso, claims)
    if not user.is_enabled or user.deleted_at is not None:
        raise Refused("user_disabled", tenant_id=pending.tenant_id, user_id=user.id)
    subject = str(claims["sub"])
    if user.sso_subject is not None and user.sso_subject != subject:
        # The address now belongs to another identity at the provider.
        raise Refused("subject_mismatch", tenant_id=pending.tenant_id, user_id=user.id)
    user.sso_subject = subject
    cookie = start_signed_in(session, user, "oidc", ip=ip_address, user_agent=user_agent)
    return user, cookie


def record_failure(session: Session, refused: Refused) -> None:
    """``USER_LOGIN_FAILED`` in the workspace the round trip belonged to (when known)."""
    if refused.workspace_id is None:
        return
    principal = Principal.system(refused.workspace_id, via="oidc")
    AuditLog(session, principal).record(
        "USER_LOGIN_FAILED",
        "user",
        render("usr", refused.user_id) if refused.user_id else None,
        {"method": "oidc", "reason": refused.reason},
    )
