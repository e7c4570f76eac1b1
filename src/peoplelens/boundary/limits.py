"""The rate-limit step: per API key, or per client address where a link token is the credential.

Every answer carries the ``RateLimit-*`` headers (the request-context middleware adds them);
over the limit → 429 with ``Retry-After``.
"""

from __future__ import annotations

from starlette.requests import HTTPConnection

from peoplelens.auth.principal import Principal
from peoplelens.runtime import Runtime


def client_address(request: HTTPConnection) -> str:
    """The peer address (behind a proxy: what uvicorn's ``--forwarded-allow-ips`` trusts)."""
    return request.client.host if request.client else "unknown"


def count(request: HTTPConnection, runtime: Runtime, principal: Principal | None) -> None:
    """Counts the request against its key's budget, or (``principal`` None: the candidate-side
    pages and routes, where a link token is the credential) against its address's budget —
    which slows token guessing and chat flooding; the tokens are 256-bit anyway."""
    limiter = runtime.rate_limiter
    if principal is None:
        headers = limiter.hit_key(
            "link-client",
            client_address(request),
            runtime.settings.link_rate_limit_per_minute,
            "for this address",
        )
    elif principal.key_id is not None and principal.rate_limit_per_minute > 0:
        headers = limiter.hit_key(
            "key", principal.key_id.hex, principal.rate_limit_per_minute, "for this API key"
        )
    elif principal.user_id is not None and principal.rate_limit_per_minute > 0:
        headers = limiter.hit_key(
            "user", principal.user_id.hex, principal.rate_limit_per_minute, "for your account"
        )
    else:
        headers = {}
    request.scope["state"]["ratelimit_headers"] = headers
