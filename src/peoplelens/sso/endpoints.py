"""SSO: the admin's settings (``/api/v1/sso``) and the sign-in round trip's two pages
(``/auth/oidc/login`` → the provider → ``/auth/oidc/callback``), spec §6.

The round trip's pages talk to the provider between short transactions of their own (a slow
provider never holds a database transaction open), answer every failure with an HTML page in
the style of the candidate pages — never a stack trace, never a 500 — and audit the refusals.
"""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from peoplelens.boundary import limits
from peoplelens.boundary.authenticate import host_tenant_slug
from peoplelens.boundary.dependencies import AdminPrincipal, RuntimeDep, SessionDep
from peoplelens.boundary.router import api_router, responses
from peoplelens.kit.db.errors import database_busy
from peoplelens.kit.errors import RateLimited
from peoplelens.runtime import Runtime
from peoplelens.sso import flow, oidc, service
from peoplelens.sso.schemas import SsoDeleted, SsoIn, SsoOut
from peoplelens.tenants.service import is_slug
from peoplelens.users.repository import find_tenant_by_slug
from peoplelens.web.cookies import (
    OIDC_COOKIE,
    clear_oidc_cookie,
    set_oidc_cookie,
    set_session_cookie,
)
from peoplelens.web.endpoints import PAGE_HEADERS, templates

router = api_router("sso")
pages = APIRouter(include_in_schema=False)
_404 = responses(r404="Single sign-on is not configured for this workspace.")


# -- the admin's settings -------------------------------------------------------------------
@router.get("/sso", response_model=SsoOut, responses=_404)
def get_sso(principal: AdminPrincipal, session: SessionDep, runtime: RuntimeDep) -> SsoOut:
    """The workspace's OpenID Connect settings (never the client secret: `client_secret_set`
    says whether one is stored), with the `redirect_uri` to register at the provider."""
    return service.get_settings(session, principal, runtime.settings)


@router.put("/sso", response_model=SsoOut)
def put_sso(
    body: SsoIn, principal: AdminPrincipal, session: SessionDep, runtime: RuntimeDep
) -> SsoOut:
    """Sets the workspace's OpenID Connect provider (the whole configuration; `client_secret`
    left out keeps the stored one). With `enabled` true the issuer's discovery document is
    fetched and checked first: 422 `sso_discovery_failed` when it cannot be used."""
    return service.put_settings(
        session,
        principal,
        body,
        settings=runtime.settings,
        server_secret=runtime.secret_key,
        discover=lambda issuer: oidc.client.discover(issuer, fresh=True),
    )


@router.delete("/sso", response_model=SsoDeleted, responses=_404)
def delete_sso(principal: AdminPrincipal, session: SessionDep) -> SsoDeleted:
    """Removes the SSO settings: people sign in with passwords again."""
    service.delete_settings(session, principal)
    return SsoDeleted()


# -- the round trip -------------------------------------------------------------------------
_PAGES: dict[str, tuple[int, str, str]] = {
    "state": (
        400,
        "This sign-in has expired or was already used",
        "A sign-in with your identity provider works once, for ten minutes, in the browser "
        "that started it. Start again from your workspace's sign-in page.",
    ),
    "refused": (
        403,
        "You could not be signed in",
        "This workspace has no active account for the address your identity provider "
        "confirmed. Ask your workspace admin to invite you.",
    ),
    "unverified": (
        403,
        "Your e-mail address is not verified",
        "Your identity provider has not confirmed your e-mail address, so it cannot sign you "
        "in here. Verify the address with your provider, or ask your workspace admin.",
    ),
    "token": (
        403,
        "Your sign-in could not be verified",
        "The answer from your identity provider did not pass our checks. Try again; if it "
        "keeps happening, your workspace admin should check the SSO settings.",
    ),
    "cancelled": (
        403,
        "Sign-in was cancelled",
        "Your identity provider did not sign you in. Start again from your workspace's "
        "sign-in page.",
    ),
    "unavailable": (
        502,
        "Your identity provider did not answer",
        "We could not reach your workspace's sign-in service just now. Try again in a minute; "
        "if it keeps happening, tell your workspace admin.",
    ),
    "unknown": (
        404,
        "Single sign-on is not available",
        "This workspace does not offer single sign-on, or its name is misspelt. Check the "
        "address with your workspace admin, or sign in with your password.",
    ),
    "busy": (
        429,
        "Too many sign-in attempts",
        "Wait a minute, then start again from your workspace's sign-in page.",
    ),
    "database": (
        503,
        "Signing in is busy right now",
        "Nothing was changed. Try again in a moment.",
    ),
    "workspace": (
        400,
        "Which workspace?",
        "Open the sign-in link of your workspace (it names the workspace) and try again.",
    ),
}


def _page(request: Request, kind: str) -> HTMLResponse:
    status, heading, message = _PAGES[kind]
    response = templates.TemplateResponse(
        request,
        "notice.html",
        {"title": heading, "heading": heading, "message": message},
        status_code=status,
    )
    response.headers.update(PAGE_HEADERS)
    return response


def _redirect(url: str) -> RedirectResponse:
    response = RedirectResponse(url, status_code=303)
    response.headers.update({"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"})
    return response


def _limited(request: Request, runtime: Runtime) -> HTMLResponse | None:
    try:
        limits.count(request, runtime, None)
    except RateLimited as exc:
        response = _page(request, "busy")
        response.headers.update(exc.headers)
        return response
    return None


@pages.get("/auth/oidc/login")
def oidc_login(
    request: Request, workspace: str | None = None, return_to: str | None = None
) -> Response:
    """Starts signing in with the workspace's provider: a 303 to its authorization endpoint."""
    try:
        return _login(request, workspace, return_to)
    except Exception as exc:
        if not database_busy(exc):
            raise
        return _page(request, "database")


def _login(request: Request, workspace: str | None, return_to: str | None) -> Response:
    runtime: Runtime = request.app.state.runtime
    settings = runtime.settings
    if (limited := _limited(request, runtime)) is not None:
        return limited
    host_slug = host_tenant_slug(request, settings.base_domain)
    named = (workspace or "").strip().lower()
    if host_slug is not None and named and named != host_slug:
        return _page(request, "workspace")
    slug = host_slug or named
    if not is_slug(slug):  # never into a URL or a query unchecked (an open redirect otherwise)
        return _page(request, "workspace")
    if settings.base_domain and host_slug is None:
        # The round trip must start and end on the workspace's own host (its cookies).
        target = service.login_url(settings, slug)
        safe = flow.safe_return_to(return_to)
        return _redirect(target + (f"?{urlencode({'return_to': safe})}" if safe else ""))
    with runtime.db.read_session() as session:
        tenant = find_tenant_by_slug(session, slug)
        sso = service.enabled_sso(session, tenant) if tenant is not None else None
    if tenant is None or sso is None:
        return _page(request, "unknown")
    try:
        disc = oidc.client.discover(sso.issuer)
    except oidc.ProviderUnavailable:
        return _page(request, "unavailable")
    with runtime.db.write_session() as session:
        url, state = flow.begin(
            session,
            tenant,
            sso,
            disc,
            settings=settings,
            server_secret=runtime.secret_key,
            return_to=return_to,
        )
        session.commit()
    response = _redirect(url)
    set_oidc_cookie(response, state, settings, int(flow.ROUND_TRIP.total_seconds()))
    return response


@pages.get("/auth/oidc/callback")
def oidc_callback(
    request: Request,
    code: str | None = None,
    state: str | None = None,
    error: str | None = None,
    iss: str | None = None,
) -> Response:
    """The provider sends the browser back here: check the round trip, exchange the code,
    verify the ID token, sign the person in (303 to the workspace)."""
    runtime: Runtime = request.app.state.runtime
    if (limited := _limited(request, runtime)) is not None:
        return limited
    try:
        try:
            user_response = _finish(request, runtime, code, state, error, iss)
        except flow.Refused as refused:
            if refused.workspace_id is not None:
                with runtime.db.write_session() as session:
                    flow.record_failure(session, refused)
                    session.commit()
            user_response = _page(request, refused.kind)
    except Exception as exc:
        if not database_busy(exc):
            raise
        user_response = _page(request, "database")
    clear_oidc_cookie(user_response, runtime.settings)
    return user_response


def _finish(
    request: Request,
    runtime: Runtime,
    code: str | None,
    state: str | None,
    error: str | None,
    iss: str | None,
) -> Response:
    with runtime.db.write_session() as session:
        pending = flow.claim_round_trip(
            session,
            (state or "")[:200],
            bound_state=request.cookies.get(OIDC_COOKIE),
            server_secret=runtime.secret_key,
        )
        session.commit()
    tenant_id = pending.tenant_id
    if error is not None:
        raise flow.Refused("provider_error", kind="cancelled", tenant_id=tenant_id)
    if iss is not None and iss != pending.issuer:  # RFC 9207: a mix-up of providers
        raise flow.Refused("issuer_mismatch", kind="token", tenant_id=tenant_id)
    if not code:
        raise flow.Refused("no_code", kind="state", tenant_id=tenant_id)
    try:
        disc = oidc.client.discover(pending.issuer)
        tokens = oidc.client.exchange_code(
            disc,
            code=code[:2000],
            redirect_uri=service.redirect_uri(runtime.settings, pending.tenant_slug),
            client_id=pending.client_id,
            client_secret=pending.client_secret,
            verifier=pending.verifier,
        )
        claims = oidc.client.verify_id_token(
            disc, tokens["id_token"], client_id=pending.client_id, nonce=pending.nonce
        )
        access_token = tokens.get("access_token")
        if ("email" not in claims or "email_verified" not in claims) and isinstance(
            access_token, str
        ):
            info = oidc.client.userinfo(disc, access_token, str(claims["sub"]))
            claims = {**{k: v for k, v in info.items() if k != "sub"}, **claims}
    except oidc.ProviderUnavailable:
        refused = flow.Refused("provider_unavailable", kind="unavailable", tenant_id=tenant_id)
        raise refused from None
    except oidc.SignInRejected as rejected:
        raise flow.Refused(rejected.reason, kind="token", tenant_id=tenant_id) from None
    with runtime.db.write_session() as session:
        _user, cookie = flow.sign_in(
            session,
            pending,
            claims,
            ip_address=limits.client_address(request),
            user_agent=request.headers.get("user-agent"),
        )
        session.commit()
    response = _redirect(pending.return_to or "/")
    set_session_cookie(response, cookie, runtime.settings)
    return response
