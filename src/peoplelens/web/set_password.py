"""Setting a password from a one-time link (``/set-password/{token}``): the invitation of a
new person, or a reset an admin sent. Using it signs the person in and out everywhere else."""

from __future__ import annotations

from typing import Final
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from peoplelens.boundary import limits
from peoplelens.kit.errors import RateLimited
from peoplelens.runtime import Runtime
from peoplelens.users import passwords, signin
from peoplelens.users.repository import (
    tenant_by_id,
)
from peoplelens.web.cookies import set_session_cookie
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
    sso_link,
    write,
)

router = APIRouter(include_in_schema=False)

PASSWORD_FIELDS: Final = {
    "password": passwords.MAX_LENGTH,
    "password_confirm": passwords.MAX_LENGTH,
    "csrf_token": 200,
}
ASK_ADMIN: Final = "Ask an admin of your workspace to send you a new link."

# ----------------------------------------------------------------------- set-password links


def _link_refused(request: Request, status: int) -> HTMLResponse:
    if status == 404:
        return notice(
            request,
            404,
            "This link is not valid",
            f"Check that you opened the whole link. {ASK_ADMIN}",
        )
    return notice(
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
        email, sso_slug = read(runtime, lambda s: _link_state(s, token))
    except signin.LinkRefused as refused:
        return _link_refused(request, refused.status)
    if sso_slug is not None:
        return notice(
            request,
            403,
            signin.SSO_ONLY,
            "Your workspace does not use passwords: sign in with your company account.",
            link_url=sso_link(sso_slug),
            link_text="Sign in with SSO",
        )
    csrf, fresh = form_token(request, runtime)
    response = page(
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


async def _rate_limited(request: Request, runtime: Runtime) -> Response | None:
    """The per-address budget of link pages: guessing tokens (256-bit anyway) is slowed."""
    try:
        await limits.count_async(request, runtime, None)
    except RateLimited as exc:
        response = notice(request, 429, "Too many requests", exc.message)
        response.headers.update(exc.headers)
        return response
    return None


@router.get("/set-password/{token}", response_class=HTMLResponse)
async def set_password_form(token: str, request: Request) -> Response:
    runtime = runtime_of(request)
    limited = await _rate_limited(request, runtime)
    if limited is not None:
        return limited
    return await run_in_threadpool(_password_page, request, runtime, token[:200])


@router.post("/set-password/{token}", response_class=HTMLResponse)
async def set_password_submit(token: str, request: Request) -> Response:
    runtime = runtime_of(request)
    limited = await _rate_limited(request, runtime)
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
        _user, cookie = await write(
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
    response = redirect("/")
    set_session_cookie(response, cookie, settings)
    return response
