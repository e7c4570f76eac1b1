"""What the people's pages share: rendering with the strict headers, the session behind a
page, and the transactions a page handler opens (a page is an endpoint of the web layer: it
reads its form, calls the service, renders)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from peoplelens.auth.principal import Principal
from peoplelens.boundary.authenticate import check_host
from peoplelens.kit.errors import Unauthenticated
from peoplelens.runtime import Runtime
from peoplelens.users import sessions, signin
from peoplelens.web import flash
from peoplelens.web.endpoints import PAGE_HEADERS, templates
from peoplelens.web.route import Viewer, WebRoute, login_url

T = TypeVar("T")


def runtime_of(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


def page(
    request: Request, template: str, context: dict[str, Any], status: int = 200
) -> HTMLResponse:
    response = templates.TemplateResponse(request, template, context, status_code=status)
    response.headers.update(PAGE_HEADERS)
    return response


def redirect(to: str) -> RedirectResponse:
    response = RedirectResponse(to, status_code=303)
    response.headers.update(PAGE_HEADERS)
    return response


def notice(request: Request, status: int, heading: str, message: str, **extra: Any) -> HTMLResponse:
    return page(
        request,
        "notice.html",
        {"title": heading, "heading": heading, "message": message, "workspace_css": True, **extra},
        status,
    )


def sso_link(slug: str) -> str:
    return f"/auth/oidc/login?workspace={quote(slug, safe='')}"


def read(runtime: Runtime, work: Callable[[Session], T]) -> T:
    with runtime.db.read_session() as session:
        return work(session)


async def write(runtime: Runtime, work: Callable[[Session], T]) -> T:
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


async def signed_in(request: Request, runtime: Runtime) -> tuple[Principal, str] | None:
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


# ------------------------------------------------------------------------ the workspace pages

NavItem = tuple[str, str, str]  # (key, label, path)
_WORK_NAV: list[NavItem] = [
    ("pipeline", "Pipeline", "/pipeline"),
    ("candidates", "Candidates", "/candidates"),
    ("jobs", "Jobs", "/jobs"),
    ("templates", "Templates", "/templates"),
    ("my", "My interviews", "/my-interviews"),
]


def nav_for(viewer: Viewer | None) -> list[NavItem]:
    """The sections a person's role opens (the routes check the same role again)."""
    if viewer is None:
        return []
    if viewer.is_interviewer:
        return [("my", "My interviews", "/my-interviews")]
    items = list(_WORK_NAV)
    if viewer.is_admin:
        items.append(("settings", "Settings", "/settings"))
    return items


def render(
    request: Request,
    template: str,
    context: dict[str, Any],
    status: int = 200,
    *,
    section: str | None = None,
) -> HTMLResponse:
    """A workspace page in the layout: the viewer, their sections, the message a redirect
    left (then cleared), and the strict headers."""
    runtime = runtime_of(request)
    viewer: Viewer | None = getattr(request.state, "viewer", None)
    message = flash.taken(request, runtime.secret_key)
    response = page(
        request,
        template,
        {
            "viewer": viewer,
            "nav": nav_for(viewer),
            "section": section,
            "flash": message,
            "csrf_token": viewer.csrf_token if viewer else "",
            **context,
        },
        status,
    )
    if request.cookies.get(flash.COOKIE):
        flash.clear(response, runtime.settings)
    if request.cookies.get(flash.REVEAL_COOKIE):  # shown once: by the page it was meant for
        flash.clear_reveal(response, runtime.settings)
    return response


def done(request: Request, to: str, text: str, kind: flash.Kind = "success") -> RedirectResponse:
    """After a form post: back to a page (303) that will say ``text``."""
    runtime = runtime_of(request)
    response = redirect(to)
    flash.give(response, runtime.secret_key, runtime.settings, kind, text)
    return response


def reveal(
    request: Request, to: str, what: str, values: dict[str, str], text: str | None = None
) -> RedirectResponse:
    """After a form that made a secret: back to the page (303) that shows it once
    (``revealed(request, what)`` there), so a reload never makes another."""
    runtime = runtime_of(request)
    response = done(request, to, text) if text else redirect(to)
    flash.give_reveal(response, runtime.secret_key, runtime.settings, what, values)
    return response


def revealed(request: Request, what: str) -> dict[str, str] | None:
    return flash.revealed(request, runtime_of(request).secret_key, what)


def error_page(request: Request, status: int, heading: str, message: str) -> HTMLResponse:
    return render(
        request,
        "app/error.html",
        {"title": f"{heading} — PeopleLens", "heading": heading, "message": message},
        status,
    )


def _to_login(request: Request) -> RedirectResponse:
    return redirect(login_url(request))


WebRoute.render_error = staticmethod(error_page)
WebRoute.to_login = staticmethod(_to_login)
