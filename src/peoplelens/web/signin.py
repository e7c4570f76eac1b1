"""The people's pages before the workspace: sign in (``/login``), sign out (``/logout``), set a
password from a one-time link (``/set-password/{token}``), and the signed-in page (``/``).

Thin, like every endpoint: they read the form, call ``users/signin.py`` and render. A sign-in
checks the password in a read transaction and writes its outcome in a short write
transaction, committed whether the sign-in succeeded or not (the failure counts). Every page
carries the strict headers of the candidate pages and ``Cache-Control: no-store``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, TypeVar
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from peoplelens.auth.principal import Principal
from peoplelens.boundary import limits
from peoplelens.boundary.authenticate import check_host, host_tenant_slug
from peoplelens.kit.errors import RateLimited, Unauthenticated
from peoplelens.runtime import Runtime
from peoplelens.users import passwords, sessions, signin
from peoplelens.users.repository import (
    UserRepository,
    find_tenant_by_slug,
    tenant_by_id,
    tenant_sso,
)
from peoplelens.users.roles import doc_name
from peoplelens.web.cookies import clear_session_cookie, set_session_cookie
from peoplelens.web.endpoints import PAGE_HEADERS, templates
from peoplelens.web.forms import (
    FormProblem,
    form_token,
    form_token_matches,
    give_form_cookie,
    read_form,
)

router = APIRouter(include_in_schema=False)
T = TypeVar("T")

LOGIN_FIELDS: Final = {
    "workspace": 63,
    "email": 320,
    "password": passwords.MAX_LENGTH,
    "csrf_token": 200,
}
PASSWORD_FIELDS: Final = {
    "password": passwords.MAX_LENGTH,
    "password_confirm": passwords.MAX_LENGTH,
    "csrf_token": 200,
}
EXPIRED_FORM: Final = "This form has expired. Please try again."
ASK_ADMIN: Final = "Ask an admin of your workspace to send you a new link."


def _runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


def _page(
    request: Request, template: str, context: dict[str, Any], status: int = 200
) -> HTMLResponse:
    response = templates.TemplateResponse(request, template, context, status_code=status)
    response.headers.update(PAGE_HEADERS)
    return response


def _redirect(to: str) -> RedirectResponse:
    response = RedirectResponse(to, status_code=303)
    response.headers.update(PAGE_HEADERS)
    return response


def _notice(
    request: Request, status: int, heading: str, message: str, **extra: Any
) -> HTMLResponse:
    return _page(
        request,
        "notice.html",
        {"title": heading, "heading": heading, "message": message, "workspace_css": True, **extra},
        status,
    )


def _sso_link(slug: str) -> str:
    return f"/auth/oidc/login?workspace={quote(slug, safe='')}"


def _read(runtime: Runtime, work: Callable[[Session], T]) -> T:
    with runtime.db.read_session() as session:
        return work(session)


async def _write(runtime: Runtime, work: Callable[[Session], T]) -> T:
    """``work`` in one write transaction, committed even when it refuses (a refusal's
    bookkeeping must stay); on SQLite queued behind this process's other writes."""

    def run() -> T:
        with runtime.db.write_session() as session:
            try:
                result = work(session)
            except signin.SignInRefused:
                session.commit()
                raise
            session.commit()
            return result

    if runtime.write_lock is None:
        return await run_in_threadpool(run)
    async with runtime.write_lock:
        return await run_in_threadpool(run)


async def _signed_in(request: Request, runtime: Runtime) -> tuple[Principal, str] | None:
    """The signed-in person's principal and cookie, or None (no, ended or foreign session)."""
    cookie = request.cookies.get(sessions.COOKIE)
    if not cookie or len(cookie) > 200:
        return None
    try:
        principal = await run_in_threadpool(runtime.authenticate_session, cookie)
        check_host(request, runtime, principal)
    except Unauthenticated:
        return None
    return principal, cookie


# ------------------------------------------------------------------------------------ sign in


def _login_page(
    request: Request,
    runtime: Runtime,
    *,
    status: int = 200,
    error: str | None = None,
    workspace: str = "",
    email: str = "",
    sso_slug: str | None = None,
) -> HTMLResponse:
    host_slug = host_tenant_slug(request, runtime.settings.base_domain)
    slug = host_slug or workspace.strip().lower()
    if sso_slug is None and slug:
        sso = _read(runtime, lambda s: _sso_enabled(s, slug))
        sso_slug = slug if sso else None
    token, fresh = form_token(request, runtime)
    response = _page(
        request,
        "login.html",
        {
            "title": "Sign in — PeopleLens",
            "csrf_token": token,
            "workspace": slug,
            "workspace_hidden": host_slug is not None,
            "email": email,
            "error": error,
            "sso_url": _sso_link(sso_slug) if sso_slug else None,
        },
        status,
    )
    give_form_cookie(response, runtime, fresh)
    return response


def _sso_enabled(session: Session, slug: str) -> bool:
    tenant = find_tenant_by_slug(session, slug)
    sso = tenant_sso(session, tenant.id) if tenant else None
    return sso is not None and sso.enabled


@router.get("/login", response_class=HTMLResponse)
async def login_form(request: Request, workspace: str = "") -> Response:
    runtime = _runtime(request)
    if await _signed_in(request, runtime) is not None:
        return _redirect("/")
    return await run_in_threadpool(
        _login_page, request, runtime, workspace=workspace[:63].replace("\x00", "")
    )


@router.post("/login", response_class=HTMLResponse)
async def login_submit(request: Request) -> Response:
    runtime = _runtime(request)
    try:
        form = await read_form(request, LOGIN_FIELDS)
    except FormProblem as problem:
        return await run_in_threadpool(
            _login_page, request, runtime, status=problem.status, error=problem.message
        )
    again: dict[str, Any] = {"workspace": form["workspace"], "email": form["email"]}
    if not form_token_matches(request, runtime, form["csrf_token"]):
        return await run_in_threadpool(
            _login_page, request, runtime, status=403, error=EXPIRED_FORM, **again
        )
    slug = host_tenant_slug(request, runtime.settings.base_domain) or form["workspace"].strip()
    if not (slug and form["email"].strip() and form["password"]):
        error = "Enter your workspace, e-mail address and password."
        return await run_in_threadpool(
            _login_page, request, runtime, status=422, error=error, **again
        )
    ip = limits.client_address(request)
    agent = request.headers.get("user-agent")
    settings = runtime.settings
    attempt = await run_in_threadpool(
        _read,
        runtime,
        lambda s: signin.weigh(s, settings, slug, form["email"], form["password"], ip),
    )
    try:
        _user, cookie = await _write(
            runtime,
            lambda s: signin.conclude(
                s, settings, attempt, form["password"], ip=ip, user_agent=agent
            ),
        )
    except signin.SignInRefused as refused:
        response = await run_in_threadpool(
            _login_page,
            request,
            runtime,
            status=refused.status,
            error=refused.message,
            sso_slug=refused.sso_slug,
            **again,
        )
        if refused.retry_minutes:
            response.headers["Retry-After"] = str(refused.retry_minutes * 60)
        return response
    signed_in = _redirect("/")
    set_session_cookie(signed_in, cookie, settings)
    return signed_in


@router.post("/logout", response_class=HTMLResponse)
async def logout(request: Request) -> Response:
    runtime = _runtime(request)
    try:
        form = await read_form(request, {"csrf_token": 200})
    except FormProblem as problem:
        return _notice(request, problem.status, "Could not sign out", problem.message)
    found = await _signed_in(request, runtime)
    if found is None:  # nothing to end: the cookie (if any) is dead already
        response = _redirect("/login")
        clear_session_cookie(response, runtime.settings)
        return response
    principal, cookie = found
    if not sessions.csrf_matches(runtime.secret_key, cookie, form["csrf_token"] or None):
        return _notice(
            request,
            403,
            "Could not sign out",
            "This form has expired. Reload the page and try again.",
        )
    await _write(runtime, lambda s: signin.sign_out(s, principal))
    response = _redirect("/login")
    clear_session_cookie(response, runtime.settings)
    return response


# ----------------------------------------------------------------------- set-password links


def _link_refused(request: Request, status: int) -> HTMLResponse:
    if status == 404:
        return _notice(
            request,
            404,
            "This link is not valid",
            f"Check that you opened the whole link. {ASK_ADMIN}",
        )
    return _notice(
        request,
        410,
        "This link has expired or was already used",
        f"Links to set a password work once and for a limited time. {ASK_ADMIN}",
    )


def _link_state(session: Session, token: str) -> tuple[str, str | None]:
    """The e-mail the link is for, and the workspace's slug when it signs in by SSO only."""
    _row, user = signin.open_link(session, token)
    if signin.sso_required(session, user):
        tenant = tenant_by_id(session, user.tenant_id)
        return user.email, tenant.slug if tenant else ""
    return user.email, None


def _password_page(
    request: Request,
    runtime: Runtime,
    token: str,
    *,
    status: int = 200,
    error: str | None = None,
) -> HTMLResponse:
    try:
        email, sso_slug = _read(runtime, lambda s: _link_state(s, token))
    except signin.LinkRefused as refused:
        return _link_refused(request, refused.status)
    if sso_slug is not None:
        return _notice(
            request,
            403,
            signin.SSO_ONLY,
            "Your workspace does not use passwords: sign in with your company account.",
            link_url=_sso_link(sso_slug),
            link_text="Sign in with SSO",
        )
    csrf, fresh = form_token(request, runtime)
    response = _page(
        request,
        "set_password.html",
        {
            "title": "Choose your password — PeopleLens",
            "csrf_token": csrf,
            "email": email,
            "error": error,
            "min_length": passwords.MIN_LENGTH,
            "max_length": passwords.MAX_LENGTH,
            "action": f"/set-password/{quote(token, safe='')}",
        },
        status,
    )
    give_form_cookie(response, runtime, fresh)
    return response


def _rate_limited(request: Request, runtime: Runtime) -> Response | None:
    """The per-address budget of link pages: guessing tokens (256-bit anyway) is slowed."""
    try:
        limits.count(request, runtime, None)
    except RateLimited as exc:
        response = _notice(request, 429, "Too many requests", exc.message)
        response.headers.update(exc.headers)
        return response
    return None


@router.get("/set-password/{token}", response_class=HTMLResponse)
async def set_password_form(token: str, request: Request) -> Response:
    runtime = _runtime(request)
    limited = _rate_limited(request, runtime)
    if limited is not None:
        return limited
    return await run_in_threadpool(_password_page, request, runtime, token[:200])


@router.post("/set-password/{token}", response_class=HTMLResponse)
async def set_password_submit(token: str, request: Request) -> Response:
    runtime = _runtime(request)
    limited = _rate_limited(request, runtime)
    if limited is not None:
        return limited
    token = token[:200]
    try:
        form = await read_form(request, PASSWORD_FIELDS)
    except FormProblem as problem:
        return await run_in_threadpool(
            _password_page, request, runtime, token, status=problem.status, error=problem.message
        )
    if not form_token_matches(request, runtime, form["csrf_token"]):
        return await run_in_threadpool(
            _password_page, request, runtime, token, status=403, error=EXPIRED_FORM
        )
    password = form["password"]
    error = None
    if password != form["password_confirm"]:
        error = "The two passwords differ; type the same password twice."
    else:
        error = passwords.password_problem(password)
    if error is not None:
        return await run_in_threadpool(
            _password_page, request, runtime, token, status=422, error=error
        )
    ip, agent, settings = (
        limits.client_address(request),
        request.headers.get("user-agent"),
        runtime.settings,
    )
    try:
        _user, cookie = await _write(
            runtime,
            lambda s: signin.set_password(s, settings, token, password, ip=ip, user_agent=agent),
        )
    except signin.LinkRefused as refused:
        return _link_refused(request, refused.status)
    except (ValueError, signin.SignInRefused) as problem:  # e.g. the password is the e-mail
        message = problem.message if isinstance(problem, signin.SignInRefused) else str(problem)
        return await run_in_threadpool(
            _password_page, request, runtime, token, status=422, error=message
        )
    response = _redirect("/")
    set_session_cookie(response, cookie, settings)
    return response


# ------------------------------------------------------------------------- the signed-in page


def _whoami(session: Session, principal: Principal) -> dict[str, str] | None:
    user = UserRepository(session, principal).get(principal.user_id) if principal.user_id else None
    tenant = tenant_by_id(session, principal.tenant_id)
    if user is None or tenant is None:
        return None
    name = f"{user.first_name} {user.last_name}".strip()
    return {
        "name": name or user.email,
        "email": user.email,
        "role": user.role,
        "role_name": doc_name(user.role),
        "workspace": tenant.name,
        "workspace_slug": tenant.slug,
    }


@router.get("/", response_class=HTMLResponse)
async def home(request: Request) -> Response:
    """Who is signed in (the workspace will replace this page)."""
    runtime = _runtime(request)
    found = await _signed_in(request, runtime)
    me = None
    if found is not None:
        principal, cookie = found
        me = await run_in_threadpool(_read, runtime, lambda s: _whoami(s, principal))
    if found is None or me is None:
        response = _redirect("/login")
        if request.cookies.get(sessions.COOKIE):
            clear_session_cookie(response, runtime.settings)
        return response
    return _page(
        request,
        "home.html",
        {
            "title": f"{me['workspace']} — PeopleLens",
            "me": me,
            "csrf_token": sessions.csrf_token(runtime.secret_key, cookie),
        },
    )
