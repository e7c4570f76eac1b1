"""API keys: created (shown once), stored as SHA-256 only, revoked, resolved per request."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import datetime, timedelta
from typing import NoReturn

from sqlalchemy import select
from sqlalchemy.orm import Session

from peoplelens.audit.repository import AuditLog
from peoplelens.auth.principal import INBOUND_SCOPE, KEY_SCOPES, SCOPES, Principal
from peoplelens.auth.repository import ApiKeyRepository, KeyLookup, find_key_by_hash, touch_key
from peoplelens.kit.crypto import api_key_lookup_prefix, new_api_key, sha256_hex
from peoplelens.kit.errors import InvalidRequest, Unauthenticated
from peoplelens.kit.ids import new_uuid, not_found
from peoplelens.kit.repository import unscoped
from peoplelens.kit.shared_store import SharedStore
from peoplelens.kit.time import utcnow
from peoplelens.models import ApiKey

# last_used_at is refreshed at most this often per key, so reads stay reads.
TOUCH_INTERVAL = timedelta(minutes=1)


def create_key(
    session: Session,
    principal: Principal,
    *,
    name: str,
    scopes: list[str] | None = None,
    expires_at: datetime | None = None,
) -> tuple[ApiKey, str]:
    """Returns the stored row and the secret, which exists only in this return value."""
    chosen = sorted(set(scopes)) if scopes else list(SCOPES)
    unknown = [s for s in chosen if s not in KEY_SCOPES]
    if unknown:
        raise InvalidRequest(
            f"Unknown scope '{unknown[0]}'; use read, write, admin, scim or inbound.",
            param="scopes",
        )
    if INBOUND_SCOPE in chosen and len(chosen) > 1:
        # The token an ATS holds (and sends in a URL) must be able to do nothing else.
        raise InvalidRequest(
            "The 'inbound' scope is a key of its own: create it without other scopes.",
            param="scopes",
        )
    if expires_at is not None and expires_at <= utcnow():
        raise InvalidRequest("'expires_at' must be in the future.", param="expires_at")
    secret = new_api_key()
    row = ApiKey(
        id=new_uuid(),
        name=name,
        prefix=api_key_lookup_prefix(secret),
        key_hash=sha256_hex(secret),
        scopes=chosen,
        expires_at=expires_at,
        created_at=utcnow(),
    )
    ApiKeyRepository(session, principal).add(row)
    session.flush()
    AuditLog(session, principal).record(
        "API_KEY_CREATED", "api_key", f"key-{row.id}", {"scopes": chosen}
    )
    return row, secret


def revoke_key(session: Session, principal: Principal, key_id: uuid.UUID) -> ApiKey:
    row = ApiKeyRepository(session, principal).get(key_id)
    if row is None or row.revoked_at is not None:
        raise not_found("key", key_id)
    _revoke(session, principal, row)
    return row


REVOKED_INFO = "revoked_keys"


def _revoke(session: Session, principal: Principal, row: ApiKey) -> None:
    """The one way a key is revoked (API, workspace settings, SCIM rotation, CLI). After the
    commit, this process drops it from its key cache (``Runtime.after_commit``) and
    :func:`announce_revocations` tells the other processes through Redis (when configured)."""
    row.revoked_at = utcnow()
    session.info.setdefault(REVOKED_INFO, []).append((row.key_hash, row.id))
    AuditLog(session, principal).record("API_KEY_REVOKED", "api_key", f"key-{row.id}")


def revoked_in(info: dict[str, object]) -> list[tuple[str, uuid.UUID]]:
    """(key hash, key id) of the keys a committed transaction revoked."""
    found = info.get(REVOKED_INFO)
    return list(found) if isinstance(found, list) else []


def announce_revocations(info: dict[str, object], shared: SharedStore) -> bool:
    """After the commit, through Redis: every process refuses these keys on their next
    request. Blocking (one round trip): from a worker thread or the CLI. Should Redis not take
    it (logged), the others notice when their cache entry expires (``api_key_cache_seconds``);
    the database, which the revocation is committed to, stays the truth."""
    revoked = revoked_in(info)
    if not revoked:
        return True
    return bool(shared.mark_revoked([key_id.hex for _, key_id in revoked]))


SCIM_SCOPE = "scim"


def scim_tokens(session: Session, principal: Principal) -> list[ApiKey]:
    """The identity provider's tokens: the active keys with the ``scim`` scope."""
    return [k for k in ApiKeyRepository(session, principal).list_active() if SCIM_SCOPE in k.scopes]


def rotate_scim_token(session: Session, principal: Principal) -> tuple[ApiKey, str]:
    """A new SCIM token (an API key with the ``scim`` scope only), and every earlier one
    revoked: the workspace has one identity provider token at a time."""
    for old in scim_tokens(session, principal):
        revoke_key(session, principal, old.id)
    return create_key(session, principal, name="SCIM token", scopes=[SCIM_SCOPE])


def revoke_scim_tokens(session: Session, principal: Principal) -> int:
    """Revokes every SCIM token; returns how many there were."""
    tokens = scim_tokens(session, principal)
    for old in tokens:
        revoke_key(session, principal, old.id)
    return len(tokens)


def revoke_key_anywhere(session: Session, key_id: uuid.UUID) -> bool:
    """Operator revocation from the CLI, where no tenant is given."""
    row = session.scalars(unscoped(select(ApiKey).where(ApiKey.id == key_id))).one_or_none()
    if row is None or row.revoked_at is not None:
        return False
    _revoke(session, Principal.system(row.tenant_id), row)
    return True


def _refused_key() -> Unauthenticated:
    return Unauthenticated("The API key is not valid: it is unknown or has been revoked.")


def usable(found: KeyLookup | None, now: datetime) -> KeyLookup:
    """The key, if a request made with it ``now`` is accepted; else the 401 it gets."""
    if found is None or found.revoked_at is not None:
        raise _refused_key()
    if found.expires_at is not None and found.expires_at <= now:
        raise Unauthenticated("The API key has expired.", code="api_key_expired")
    return found


def authenticates(session: Session, principal: Principal, secret: str) -> bool:
    """Whether ``secret`` is a key of ``principal``'s tenant that a request would accept now:
    known (by its hash) to this database, not revoked, not expired."""
    try:
        found = usable(find_key_by_hash(session, sha256_hex(secret)), utcnow())
    except Unauthenticated:
        return False
    return ApiKeyRepository(session, principal).get(found.key_id) is not None  # tenant-scoped


class KeyResolver:
    """Bearer key → principal, remembering lookups for ``cache_seconds``.

    A fresh cache hit is answered without a database round trip or a thread hop. Revocation
    clears this process's entry when the revocation commits (so it takes effect on the next
    request here); with Redis, the rate-limit step reads the revocation signal on every request
    and calls :meth:`revoked_elsewhere`, so other processes refuse the key on its next request
    too; without Redis they notice within ``cache_seconds`` (settings: at most 5 s, default 2 s;
    0 disables the cache). Expiry is checked on every request.
    """

    def __init__(self, default_rate_limit: int, cache_seconds: float = 0.0) -> None:
        self.default_rate_limit = default_rate_limit
        self.cache_seconds = cache_seconds
        # key hash → (when looked up, the row, its principal or None when the key is refused)
        self._cache: dict[str, tuple[float, KeyLookup | None, Principal | None]] = {}
        self._lock = threading.Lock()
        self._touched: dict[uuid.UUID, datetime] = {}

    def from_cache(self, authorization: str | None) -> Principal | None:
        """The principal if a fresh cache entry answers it (or raises 401); None to look up."""
        if self.cache_seconds <= 0:
            return None
        key_hash = sha256_hex(_bearer(authorization))
        hit = self._cache.get(key_hash)  # a dict read is atomic; writers hold the lock
        if hit is None or time.monotonic() - hit[0] >= self.cache_seconds:
            return None
        found, principal = hit[1], hit[2]
        if principal is None or (found is not None and found.expires_at is not None):
            return self._principal(found, utcnow())  # raises, or checks the expiry again
        return principal

    def resolve(self, session: Session, authorization: str | None) -> Principal:
        key_hash = sha256_hex(_bearer(authorization))
        found = find_key_by_hash(session, key_hash)
        now = utcnow()
        try:
            principal: Principal | None = self._principal(found, now)
        except Unauthenticated:
            principal = None
        if self.cache_seconds > 0:
            with self._lock:
                if len(self._cache) > 10_000:
                    self._cache.clear()
                self._cache[key_hash] = (time.monotonic(), found, principal)
        if principal is None or found is None:
            return self._principal(found, now)  # raises: unknown, revoked or expired
        last_used = self._touched.get(found.key_id) or found.last_used_at
        if last_used is None or now - last_used > TOUCH_INTERVAL:
            self._touched[found.key_id] = now
            self._touch(session, found.key_id, now)
        return principal

    def forget(self, key_hash: str) -> None:
        with self._lock:
            self._cache.pop(key_hash, None)

    def revoked_elsewhere(self, key_id: uuid.UUID) -> NoReturn:
        """The shared store says ``key_id`` is revoked: forget it here (the next request looks
        it up, and the database says the same) and refuse this request like a revoked key."""
        with self._lock:
            stale = [
                h for h, (_, found, _) in self._cache.items() if found and found.key_id == key_id
            ]
            for key_hash in stale:
                del self._cache[key_hash]
        raise _refused_key()

    def _principal(self, found: KeyLookup | None, now: datetime) -> Principal:
        found = usable(found, now)
        return Principal(
            tenant_id=found.tenant_id,
            key_id=found.key_id,
            user_id=None,
            scopes=frozenset(found.scopes),
            rate_limit_per_minute=found.tenant_rate_limit or self.default_rate_limit,
            tenant_slug=found.tenant_slug,
        )

    def _touch(self, session: Session, key_id: uuid.UUID, now: datetime) -> None:
        """Best effort, in its own short transaction: bookkeeping must never fail a request."""
        bind = session.get_bind()
        try:
            with Session(bind=bind) as side:
                touch_key(side, key_id, now)
                side.commit()
        except Exception:
            return


def _bearer(authorization: str | None) -> str:
    if not authorization:
        raise Unauthenticated(
            "No API key: send 'Authorization: Bearer <API key>'.", code="missing_api_key"
        )
    scheme, _, value = authorization.partition(" ")
    value = value.strip()
    if scheme.lower() != "bearer" or not value:
        raise Unauthenticated(
            "Malformed Authorization header: use 'Authorization: Bearer <API key>'.",
            code="malformed_authorization",
        )
    return value
