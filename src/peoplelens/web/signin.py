"""Signing in (``/login``) and signing out (``/logout``).

Thin, like every endpoint: they read the form, call ``users/signin.py`` and render. A sign-in
checks the password in a read transaction and writes its outcome in a short write
transaction, committed whether the sign-in succeeded or not (the failure counts). Every page
carries the strict headers of the candidate pages and ``Cache-Control: no-store``.
"""

from __future__ import annotations

from typing import Any, Final

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from peoplelens.boundary import limits
from peoplelens.boundary.authenticate import host_tenant_slug
from peoplelens.runtime import Runtime
from peoplelens.users import passwords, sessions, signin
from peoplelens.users.repository import (
    find_tenant_by_slug,
)
from peoplelens.web.cookies import clear_session_cookie, set_session_cookie
from peoplelens.web.forms import (
    EXPIRED_FORM,
    FormProblem,
    form_token,
    form_token_matches,
    give_form_cookie,
    read_form,
)
from peoplelens.web.pages import (
    notice,
    page,
    read,
    redirect,
    runtime_of,
    signed_in,
    sso_link,
    write,
)
from peoplelens.web.route import safe_next

router = APIRouter(include_in_schema=False)

LOGIN_FIELDS: Final = {
    "workspace": 63,
    "email": 320,
    "password": passwords.MAX_LENGTH,
    "csrf_token": 200,
    "next": 500,
}

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
    next_path: str | None = None,
) -> HTMLResponse:
    host_slug = host_tenant_slug(request, runtime.settings.base_domain)
    slug = host_slug or workspace.strip().lower()
    if sso_slug is None and slug:
        sso = read(runtime, lambda s: _sso_enabled(s, slug))
        sso_slug = slug if sso else None
    token, fresh = form_token(request, runtime)
    response = page(
        request,
        "login.html",
        {
            "title": "Sign in — PeopleLens",
            "csrf_token": token,
            "workspace": slug,
            "workspace_hidden": host_slug is not None,
            "email": email,
            "error": error,
            "sso_url": sso_link(sso_slug) if sso_slug else None,
            "next": safe_next(next_path) or "",
        },
        status,
    )
    give_form_cookie(response, runtime, fresh)
    return response


def _sso_enabled(session: Session, slug: str) -> bool:
    tenant = find_tenant_by_slug(session, slug)
    return tenant is not None and signin.sso_offered(session, tenant.id)


@router.get("/login", response_class=HTMLResponse)
async def login_form(request: Request, workspace: str = "", next: str = "") -> Response:
    runtime = runtime_of(request)
    if await signed_in(request, runtime) is not None:
        return redirect(safe_next(next) or "/")
    return await run_in_threadpool(
        _login_page,
        request,
        runtime,
        workspace=workspace[:63].replace("\x00", ""),
        next_path=next,
    )


@router.post("/login", response_class=HTMLResponse)
async def login_submit(request: Request) -> Response:
    runtime = runtime_of(request)
    try:
        form = await read_form(request, LOGIN_FIELDS)
    except FormProblem as problem:
        return await run_in_threadpool(
            _login_page, request, runtime, status=problem.status, error=problem.message
        )
    again: dict[str, Any] = {
        "workspace": form["workspace"],
        "email": form["email"],
        "next_path": form["next"],
    }
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
        read,
        runtime,
        lambda s: signin.weigh(s, settings, slug, form["email"], form["password"], ip),
    )
    try:
        _user, cookie = await write(
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
    signed_in = redirect(safe_next(form["next"]) or "/")
    set_session_cookie(signed_in, cookie, settings)
    return signed_in


@router.post("/logout", response_class=HTMLResponse)
async def logout(request: Request) -> Response:
    runtime = runtime_of(request)
    try:
        form = await read_form(request, {"csrf_token": 200})
    except FormProblem as problem:
        return notice(request, problem.status, "Could not sign out", problem.message)
    found = await signed_in(request, runtime)
    if found is None:  # nothing to end: the cookie (if any) is dead already
        response = redirect("/login")
        clear_session_cookie(response, runtime.settings)
        return response
    principal, cookie = found
    if not sessions.csrf_matches(runtime.secret_key, cookie, form["csrf_token"] or None):
        return notice(
            request,
            403,
            "Could not sign out",
            "This form has expired. Reload the page and try again.",
        )
    await write(runtime, lambda s: signin.sign_out(s, principal))
    response = redirect("/login")
    clear_session_cookie(response, runtime.settings)
    return response
