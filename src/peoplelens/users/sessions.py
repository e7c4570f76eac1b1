"""Signed-in sessions (spec §6): rows that can be revoked, found by the SHA-256 of the cookie.

A session ends when it is revoked (sign-out, deactivation, deletion), after 12 hours without a
request, or 14 days after sign-in, whichever comes first; a deactivated person's session is
refused on its next request because the lookup reads the person's switch with the session.
Cookie-authenticated writes need the session's CSRF token (``X-CSRF-Token`` or the form's
``csrf_token``): an HMAC of the cookie under the server secret, so nothing more is stored.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy.orm import Session

from peoplelens.auth.principal import Principal
from peoplelens.kit.crypto import sha256_hex
from peoplelens.kit.errors import Unauthenticated
from peoplelens.kit.time import utcnow
from peoplelens.models import User, UserSession
from peoplelens.users.repository import (
    SessionLookup,
    UserRepository,
    find_session_by_hash,
    touch_session,
)

COOKIE: Final = "pl_session"
CSRF_HEADER: Final = "x-csrf-token"
IDLE_TIMEOUT: Final = timedelta(hours=12)
MAX_AGE: Final = timedelta(days=14)
# last_seen_at is refreshed at most this often, so reads stay (nearly) reads.
TOUCH_INTERVAL: Final = timedelta(minutes=1)


def start_session(
    session: Session,
    principal: Principal,
    user: User,
    *,
    method: str,
    ip_address: str | None = None,
    user_agent: str | None = None,
) -> str:
    """A new session for ``user``; returns the cookie value (it exists only in this return)."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    UserRepository(session, principal).add_session(
        UserSession(
            user_id=user.id,
            token_hash=sha256_hex(token),
            method=method,
            created_at=now,
            last_seen_at=now,
            expires_at=now + MAX_AGE,
            ip_address=(ip_address or "")[:64] or None,
            user_agent=(user_agent or "")[:300] or None,
        )
    )
    user.last_login_at = now
    return token


def end_session(session: Session, principal: Principal) -> None:
    """Sign-out: the principal's session is revoked (its cookie stops working at once)."""
    if principal.session_id is None:
        return
    row = UserRepository(session, principal).session_row(principal.session_id)
    if row is not None and row.revoked_at is None:
        row.revoked_at = utcnow()


def usable(found: SessionLookup | None, now: datetime) -> SessionLookup:
    """The session, if a request made with it ``now`` is accepted; else the 401 it gets."""
    if (
        found is None
        or found.revoked_at is not None
        or not found.user_enabled
        or found.expires_at <= now
        or now - found.last_seen_at > IDLE_TIMEOUT
    ):
        raise Unauthenticated("Your session has ended; sign in again.", code="session_expired")
    return found


def resolve_session(session: Session, cookie: str, default_rate_limit: int) -> Principal:
    """The signed-in person's principal for a session cookie (401 when it is not usable)."""
    now = utcnow()
    found = usable(find_session_by_hash(session, sha256_hex(cookie)), now)
    if now - found.last_seen_at > TOUCH_INTERVAL:
        _touch(session, found.session_id, now)
    return principal_of(found, default_rate_limit)


def _touch(session: Session, session_id: uuid.UUID, now: datetime) -> None:
    """Best effort, in its own short transaction: bookkeeping must never fail a request (a
    missed touch only makes the idle timeout count from the touch before)."""
    try:
        with Session(bind=session.get_bind()) as side:
            touch_session(side, session_id, now)
            side.commit()
    except Exception:
        return


def principal_of(found: SessionLookup, default_rate_limit: int) -> Principal:
    return Principal(
        tenant_id=found.tenant_id,
        key_id=None,
        user_id=found.user_id,
        scopes=frozenset(),
        rate_limit_per_minute=found.tenant_rate_limit or default_rate_limit,
        via="session",
        role=found.role,
        session_id=found.session_id,
        tenant_slug=found.tenant_slug,
    )


def csrf_token(server_secret: bytes, cookie: str) -> str:
    """The CSRF token of the session whose cookie is ``cookie``."""
    return hmac.new(server_secret, f"csrf:{cookie}".encode(), hashlib.sha256).hexdigest()


def csrf_matches(server_secret: bytes, cookie: str, given: str | None) -> bool:
    return given is not None and hmac.compare_digest(csrf_token(server_secret, cookie), given)
