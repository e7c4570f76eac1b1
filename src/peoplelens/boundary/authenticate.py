"""The first step: the API key → the caller's principal, and the route's scope, checked at once.

Nothing else runs for a caller the route refuses — no rate-limit bookkeeping of its request
body, no idempotent replay, no query.
"""

from __future__ import annotations

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from peoplelens.auth.principal import Principal
from peoplelens.kit.errors import PermissionDenied
from peoplelens.runtime import Runtime


async def authenticate(request: Request, runtime: Runtime, scope: str | None) -> Principal:
    """The principal (401 for a missing, unknown, revoked or expired key; 403 for a key without
    ``scope``), also left in ``request.state.principal`` for the endpoint's dependencies."""
    authorization = request.headers.get("authorization")
    principal = runtime.keys.from_cache(authorization)
    if principal is None:  # a lookup: one short read transaction, off the event loop
        principal = await run_in_threadpool(runtime.authenticate, authorization)
    if scope is not None and not principal.allows(scope):
        raise PermissionDenied(
            f"This API key lacks the '{scope}' scope needed for this request.",
            code="insufficient_scope",
        )
    request.state.principal = principal
    return principal
