"""Signing in with a password, signing out, and setting a password from a one-time link
(spec §6). Never commits.

A sign-in is weighed, then concluded: :func:`weigh` only reads (and runs Argon2, ~0.2 s with
the default parameters), so a web request can do it outside the write transaction — on SQLite
the one writer is never held for a hash — and :func:`conclude` writes the outcome. A refusal
is an exception *after* its bookkeeping (throttle counters, ``USER_LOGIN_FAILED``) was added to
the session: the caller commits it and then answers, so failures are counted although the
sign-in fails. Every refusal for a wrong e-mail, a wrong password, a person without a password
or a deactivated one reads the same; only the audit entry's ``reason`` tells them apart.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Final

from argon2 import PasswordHasher
from sqlalchemy.orm import Session

from peoplelens.audit.repository import AuditLog
from peoplelens.auth.principal import Principal
from peoplelens.config import Settings
from peoplelens.kit.crypto import sha256_hex
from peoplelens.kit.ids import render
from peoplelens.kit.time import utcnow
from peoplelens.models import Tenant, User, UserToken
from peoplelens.users import passwords, sessions, throttle
from peoplelens.users.repository import (
    UserRepository,
    find_tenant_by_slug,
    find_token_by_hash,
    tenant_by_id,
    tenant_sso,
)
from peoplelens.users.service import SET_PASSWORD

WRONG: Final = "That workspace, e-mail address and password do not match an account."
SSO_ONLY: Final = "This workspace signs in with SSO."


class SignInRefused(Exception):
    """The answer to a refused sign-in; ``status`` 401 (or 429 throttled, 403 SSO only)."""

    def __init__(
        self, reason: str, message: str, status: int, *, retry_minutes: int | None = None
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.status = status
        self.retry_minutes = retry_minutes
        self.sso_slug: str | None = None


class LinkRefused(Exception):
    """A set-password link that cannot be used: unknown (404) or used/expired (410)."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


@dataclass(frozen=True, slots=True)
class Attempt:
    """What :func:`weigh` found; ``reason`` None means the password was right."""

    keys: throttle.Keys
    tenant: Tenant | None
    user: User | None
    reason: str | None
    retry_minutes: int | None = None


def hasher_of(settings: Settings) -> PasswordHasher:
    return passwords.hasher(
        settings.argon2_memory_kib, settings.argon2_time_cost, settings.argon2_parallelism
    )


def weigh(
    session: Session, settings: Settings, slug: str, email: str, password: str, ip: str
) -> Attempt:
    """Reads only: the workspace, the person, the throttle, and the password's check."""
    now = utcnow()
    ph = hasher_of(settings)
    tenant = find_tenant_by_slug(session, slug) if slug else None
    keys = throttle.keys_for(ip, tenant.id if tenant else None, email)
    minutes = throttle.locked_minutes(session, keys, now)
    if minutes is not None:
        return Attempt(keys, tenant, None, "throttled", minutes)
    if tenant is None:
        passwords.verify_password(ph, None, password)
        return Attempt(keys, None, None, "unknown_workspace")
    if passwords_refused(session, tenant.id):
        return Attempt(keys, tenant, None, "sso_required")
    user = UserRepository(session, Principal.system(tenant.id, via="sign_in")).by_email(email)
    if user is None:
        passwords.verify_password(ph, None, password)
        return Attempt(keys, tenant, None, "unknown_email")
    usable = user.is_enabled and user.deleted_at is None
    stored = user.password_hash if usable else None
    if not passwords.verify_password(ph, stored, password):
        if not usable:
            reason = "user_disabled"
        elif user.password_hash is None:
            reason = "no_password"
        else:
            reason = "wrong_password"
        return Attempt(keys, tenant, user, reason)
    return Attempt(keys, tenant, user, None)


def conclude(
    session: Session,
    settings: Settings,
    attempt: Attempt,
    password: str,
    *,
    ip: str | None,
    user_agent: str | None,
) -> tuple[User, str]:
    """Writes the outcome: a session (the cookie returned), or the failure's bookkeeping and
    then :class:`SignInRefused` — commit the session before answering either way.

    The throttle is read again here, with its rows locked: attempts weighed at the same time
    (all before any of their failures was counted) conclude one after the other, and once the
    limit is reached the rest — a right password included — get the lock's answer. So however
    many guesses run at once, at most the limit of them are answered."""
    now = utcnow()
    if attempt.reason != "throttled":
        minutes = throttle.locked_minutes(session, attempt.keys, now, lock=True)
        if minutes is not None:
            attempt = Attempt(attempt.keys, attempt.tenant, attempt.user, "throttled", minutes)
    if attempt.reason is None and attempt.user is not None and attempt.tenant is not None:
        principal = Principal.system(attempt.tenant.id, via="sign_in")
        user = UserRepository(session, principal).get(attempt.user.id)
        if user is not None and user.is_enabled and user.deleted_at is None:
            ph = hasher_of(settings)
            if user.password_hash and passwords.needs_rehash(ph, user.password_hash):
                user.password_hash = passwords.hash_password(ph, password)
            throttle.forget_account(session, attempt.keys)
            return user, _start(session, user, "password", ip=ip, user_agent=user_agent)
        attempt = Attempt(attempt.keys, attempt.tenant, attempt.user, "user_disabled")
    reason = attempt.reason or "user_disabled"
    if reason not in ("throttled", "sso_required"):
        throttle.count_failure(session, settings, attempt.keys, now)
    if attempt.tenant is not None:
        entity = render("usr", attempt.user.id) if attempt.user else None
        AuditLog(session, Principal.system(attempt.tenant.id, via="sign_in")).record(
            "USER_LOGIN_FAILED", "user", entity, {"reason": reason, "method": "password"}
        )
    if reason == "throttled":
        minutes = attempt.retry_minutes or settings.sign_in_window_minutes
        raise SignInRefused(
            reason,
            f"Too many sign-in attempts. Try again in {minutes} minute{'s' * (minutes != 1)}.",
            429,
            retry_minutes=minutes,
        )
    if reason == "sso_required":
        refused = SignInRefused(reason, SSO_ONLY, 403)
        refused.sso_slug = attempt.tenant.slug if attempt.tenant else None
        raise refused
    raise SignInRefused(reason, WRONG, 401)


def sign_in_with_password(
    session: Session,
    settings: Settings,
    workspace_slug: str,
    email: str,
    password: str,
    ip: str,
    user_agent: str | None,
) -> tuple[User, str]:
    """Both steps in one session (the CLI and tests; the web form splits them)."""
    attempt = weigh(session, settings, workspace_slug, email, password, ip)
    return conclude(session, settings, attempt, password, ip=ip, user_agent=user_agent)


def _start(
    session: Session, user: User, method: str, *, ip: str | None, user_agent: str | None
) -> str:
    return start_signed_in(session, user, method, ip=ip, user_agent=user_agent)


def start_signed_in(
    session: Session, user: User, method: str, *, ip: str | None, user_agent: str | None
) -> str:
    """The one ending of every sign-in (password, set-password link, SSO): a session and its
    ``USER_LOGIN`` entry, made by the person; returns the cookie."""
    principal = Principal(user.tenant_id, None, user.id, frozenset(), 0, via=method, role=user.role)
    cookie = sessions.start_session(
        session, principal, user, method=method, ip_address=ip, user_agent=user_agent
    )
    AuditLog(session, principal).record(
        "USER_LOGIN", "user", render("usr", user.id), {"method": method}
    )
    return cookie


def sign_out(session: Session, principal: Principal) -> None:
    """Revokes the principal's session (its cookie stops working at once): ``USER_LOGOUT``."""
    if principal.session_id is None or principal.user_id is None:
        return
    sessions.end_session(session, principal)
    AuditLog(session, principal).record("USER_LOGOUT", "user", render("usr", principal.user_id))


def open_link(session: Session, token: str) -> tuple[UserToken, User]:
    """The set-password link's token and person, or :class:`LinkRefused` (404 unknown, 410
    used, expired, or the person deactivated since)."""
    row = find_token_by_hash(session, sha256_hex(token)) if token else None
    if row is None or row.purpose != SET_PASSWORD:
        raise LinkRefused(404)
    user = UserRepository(session, Principal.system(row.tenant_id, via="sign_in")).get(row.user_id)
    if user is None or row.used_at is not None or row.expires_at <= utcnow():
        raise LinkRefused(410)
    if not user.is_enabled or user.deleted_at is not None:
        raise LinkRefused(410)
    return row, user


def sso_offered(session: Session, tenant_id: uuid.UUID) -> bool:
    """The workspace has OpenID Connect switched on (its sign-in form offers it)."""
    sso = tenant_sso(session, tenant_id)
    return sso is not None and sso.enabled


def passwords_refused(session: Session, tenant_id: uuid.UUID) -> bool:
    """The one rule of "SSO required" (spec §6): honoured only while SSO is switched on, so
    switching SSO off never locks a workspace out of its passwords."""
    sso = tenant_sso(session, tenant_id)
    return sso is not None and sso.enabled and sso.sso_required


def sso_required(session: Session, user: User) -> bool:
    return passwords_refused(session, user.tenant_id)


def set_password(
    session: Session,
    settings: Settings,
    token: str,
    password: str,
    *,
    ip: str | None = None,
    user_agent: str | None = None,
) -> tuple[User, str]:
    """Spends the link, stores the new Argon2id hash, ends the person's other sessions and
    signs them in (the cookie returned). The caller checked :func:`passwords.password_problem`
    (it is checked again here: a service never trusts its caller's checks)."""
    row, user = open_link(session, token)
    if sso_required(session, user):
        refused = SignInRefused("sso_required", SSO_ONLY, 403)
        tenant = tenant_by_id(session, user.tenant_id)
        refused.sso_slug = tenant.slug if tenant else None
        raise refused
    problem = passwords.password_problem(password, email=user.email)
    if problem is not None:
        raise ValueError(problem)
    now = utcnow()
    principal = Principal.system(row.tenant_id, via="set_password_link")
    repo = UserRepository(session, principal)
    row.used_at = now
    repo.spend_tokens(user.id, SET_PASSWORD, now)
    repo.end_sessions(user.id, now)
    user.password_hash = passwords.hash_password(hasher_of(settings), password)
    user.updated_at = now
    session.flush()
    AuditLog(session, principal).record(
        "USER_UPDATED", "user", render("usr", user.id), {"fields": ["password"]}
    )
    return user, _start(session, user, "password", ip=ip, user_agent=user_agent)
