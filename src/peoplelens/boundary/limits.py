"""The rate-limit step: per API key, or per client address where a link token is the credential.

Every answer carries the ``RateLimit-*`` headers (the request-context middleware adds them);
over the limit → 429 with ``Retry-After``. With Redis (``PEOPLELENS_REDIS_URL``) the count is
shared by every process, and the same round trip carries the key-revocation signal: a key
revoked in any process is refused here on its next request, whatever this process cached.
"""

from __future__ import annotations

from starlette.requests import HTTPConnection

from peoplelens.auth.principal import Principal
from peoplelens.runtime import Runtime


def client_address(request: HTTPConnection) -> str:
    """The peer address (behind a proxy: what uvicorn's ``--forwarded-allow-ips`` trusts)."""
    return request.client.host if request.client else "unknown"


def _budget(
    request: HTTPConnection, runtime: Runtime, principal: Principal | None
) -> tuple[str, str, int, str] | None:
    """(namespace, who, requests per minute, whose) the request counts against, or None.

    ``principal`` None: the candidate-side pages and routes, where a link token is the
    credential — the address's budget slows token guessing and chat flooding (the tokens are
    256-bit anyway)."""
    if principal is None:
        return (
            "link-client",
            client_address(request),
            runtime.settings.link_rate_limit_per_minute,
            "for this address",
        )
    if principal.key_id is not None and principal.rate_limit_per_minute > 0:
        return ("key", principal.key_id.hex, principal.rate_limit_per_minute, "for this API key")
    if principal.user_id is not None and principal.rate_limit_per_minute > 0:
        return ("user", principal.user_id.hex, principal.rate_limit_per_minute, "for your account")
    return None


def count(request: HTTPConnection, runtime: Runtime, principal: Principal | None) -> None:
    """Counts the request against its budget (blocking: for the pages' synchronous handlers,
    which run in a worker thread)."""
    budget = _budget(request, runtime, principal)
    headers = runtime.rate_limiter.hit_key(*budget) if budget else {}
    request.scope["state"]["ratelimit_headers"] = headers


async def count_async(
    request: HTTPConnection, runtime: Runtime, principal: Principal | None
) -> None:
    """:func:`count` on the event loop: a shared store is awaited (a slow Redis never stalls
    other requests), and an API key's revocation signal is read in the same round trip."""
    limiter = runtime.rate_limiter
    budget = _budget(request, runtime, principal)
    if limiter.shared is None or budget is None:
        headers = limiter.hit_key(*budget) if budget else {}
    else:
        key_id = principal.key_id if principal is not None else None
        revocable = key_id.hex if key_id is not None else None
        found = await limiter.hit_shared(*budget, revocable_key=revocable)
        if found is None and key_id is not None:
            runtime.keys.revoked_elsewhere(key_id)  # raises the revoked key's 401
        headers = found or {}
    request.scope["state"]["ratelimit_headers"] = headers
