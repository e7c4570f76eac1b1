"""The first step: the caller's principal — from the API key, or from a signed-in person's
session cookie — and the route's scope or role, checked at once.

Nothing else runs for a caller the route refuses — no rate-limit bookkeeping of its request
body, no idempotent replay, no query. A cookie-authenticated write must carry the session's
CSRF token (``X-CSRF-Token``); a key-authenticated request needs none (spec §6). With
``PEOPLELENS_BASE_DOMAIN`` set, a host ``<slug>.<base domain>`` names the tenant, and a key or
session of another tenant there is refused like an unknown one (spec §1).
"""

from __future__ import annotations

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection

from peoplelens.auth.principal import INBOUND_SCOPE, Principal
from peoplelens.kit import query_token
from peoplelens.kit.errors import PermissionDenied, Unauthenticated
from peoplelens.runtime import Runtime
from peoplelens.tenants.service import is_slug
from peoplelens.users import sessions

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def authenticate(
    request: Request, runtime: Runtime, scope: str | None, admits_interviewer: bool = False
) -> Principal:
    """The principal (401 for a missing, unknown, revoked or expired key or session; 403 for a
    key without ``scope`` or a person whose role may not make this request), also left in
    ``request.state.principal`` for the endpoint's dependencies."""
    authorization = request.headers.get("authorization")
    if authorization is None and scope == INBOUND_SCOPE:
        # Only here does a URL carry a key (spec §9 "Inbound"); kit/query_token.py took it out
        # of the query string before anything could log or trace it.
        token = query_token.token_of(request.scope)
        authorization = f"Bearer {token}" if token else None
    cookie = None if authorization else request.cookies.get(sessions.COOKIE)
    principal: Principal | None
    if cookie:
        principal = await run_in_threadpool(runtime.authenticate_session, cookie)
        if request.method not in SAFE_METHODS and not sessions.csrf_matches(
            runtime.secret_key, cookie, request.headers.get(sessions.CSRF_HEADER)
        ):
            raise PermissionDenied(
                "This request came with a session cookie but without its CSRF token: send "
                "the 'X-CSRF-Token' header the workspace gives you.",
                code="csrf_token_invalid",
            )
    else:
        principal = runtime.keys.from_cache(authorization)
        if principal is None:  # a lookup: one short read transaction, off the event loop
            principal = await run_in_threadpool(runtime.authenticate, authorization)
    assert principal is not None
    check_host(request, runtime, principal)
    if scope is not None:
        check_access(principal, scope, admits_interviewer)
    request.state.principal = principal
    return principal


def check_access(principal: Principal, scope: str, admits_interviewer: bool) -> None:
    """The route's scope (a key) or role (a person), spec §6."""
    if principal.role is None:
        if not principal.allows(scope):
            raise PermissionDenied(
                f"This API key lacks the '{scope}' scope needed for this request.",
                code="insufficient_scope",
            )
        return
    if principal.is_interviewer and admits_interviewer:
        return  # the endpoint narrows it to the plans assigned to them
    if not principal.allows(scope):
        raise PermissionDenied(
            f"Your role ({principal.role}) does not allow this request; ask an admin.",
            code="insufficient_role",
        )


def host_tenant_slug(request: HTTPConnection, base_domain: str | None) -> str | None:
    """The tenant slug the request's host names (``acme.example.com`` → ``acme``), or None."""
    if not base_domain:
        return None
    host = (request.headers.get("host") or "").strip().lower()
    if host.startswith("["):
        return None
    host = host.rsplit(":", 1)[0] if ":" in host else host
    suffix = "." + base_domain
    if not host.endswith(suffix):
        return None
    slug = host[: -len(suffix)]
    return slug if is_slug(slug) else None


def check_host(request: HTTPConnection, runtime: Runtime, principal: Principal) -> None:
    slug = host_tenant_slug(request, runtime.settings.base_domain)
    if slug is not None and principal.tenant_slug is not None and slug != principal.tenant_slug:
        raise Unauthenticated(
            "This key or session belongs to another workspace than the one this address names.",
            code="wrong_workspace",
        )
