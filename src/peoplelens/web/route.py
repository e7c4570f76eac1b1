"""The boundary of every workspace page, like ``boundary/route.py`` is the API's.

A page route declares who may open it with the viewer alias it takes (``ReadViewer``,
``WriteViewer``, ``AdminViewer``; ``AssignedViewer`` for a page an interviewer may open for
what is assigned to them, which the handler narrows through the same service as the API).
Per request, :class:`WebRoute` then runs, before the handler:

1. **sign-in**: the session cookie → the principal (no or ended session: a GET goes to
   ``/login?next=…``, anything else is refused);
2. **role**: the same :func:`~peoplelens.boundary.authenticate.check_access` as the API, so a
   page never grants what the API refuses; then the person's rate limit (``limits.count``);
3. **CSRF**: every non-GET carries the session's token (form field ``csrf_token`` or the
   ``X-CSRF-Token`` header), checked here once for all forms;
4. the handler; an :class:`~peoplelens.kit.errors.ApiError` it raises, or a path or query
   parameter that does not parse, becomes an HTML page with that status and its sentence —
   never the API's JSON envelope, never a 500.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Annotated, Any, Final
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from peoplelens.auth.principal import Principal
from peoplelens.boundary import limits
from peoplelens.boundary.authenticate import check_access, check_host
from peoplelens.boundary.dependencies import INTERVIEWER_ATTRIBUTE, SCOPE_ATTRIBUTE
from peoplelens.kit.errors import ApiError, Unauthenticated
from peoplelens.runtime import Runtime
from peoplelens.users import sessions
from peoplelens.users.repository import UserRepository, tenant_by_id
from peoplelens.users.roles import doc_name

# A form posts at most this many fields (the template editor's questions are the most).
MAX_FORM_FIELDS: Final = 400
FORM_TYPES: Final = ("application/x-www-form-urlencoded", "multipart/form-data")
SAFE_METHODS: Final = frozenset({"GET", "HEAD"})
log = logging.getLogger("peoplelens.web")


@dataclass(frozen=True, slots=True)
class Viewer:
    """The signed-in person a page is rendered for."""

    principal: Principal
    csrf_token: str
    user_id: uuid.UUID
    name: str
    email: str
    role: str
    role_name: str
    workspace: str
    workspace_slug: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def is_interviewer(self) -> bool:
        return self.role == "interviewer"

    @property
    def can_write(self) -> bool:
        """Recruiters and admins change candidates, jobs, templates and plans."""
        return self.principal.allows("write")


class PageProblem(Exception):
    """A request the page refuses before its handler runs: the status, a heading and a
    sentence (rendered by ``web/pages.py``)."""

    def __init__(self, status: int, heading: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.heading = heading
        self.message = message


def _viewer_with(
    scope: str, *, admits_interviewer: bool = False
) -> Callable[[Request], Awaitable[Viewer]]:
    async def dependency(request: Request) -> Viewer:
        viewer: Viewer = request.state.viewer  # resolved and checked by WebRoute already
        return viewer

    dependency.__name__ = f"viewer_{scope}" + ("_or_assigned" if admits_interviewer else "")
    setattr(dependency, SCOPE_ATTRIBUTE, scope)
    setattr(dependency, INTERVIEWER_ATTRIBUTE, admits_interviewer)
    return dependency


async def _any_viewer(request: Request) -> Viewer:
    viewer: Viewer = request.state.viewer
    return viewer


setattr(_any_viewer, SCOPE_ATTRIBUTE, None)

# Any signed-in person (their own pages: my interviews, the home page).
SignedInViewer = Annotated[Viewer, Depends(_any_viewer)]
ReadViewer = Annotated[Viewer, Depends(_viewer_with("read"))]
WriteViewer = Annotated[Viewer, Depends(_viewer_with("write"))]
AdminViewer = Annotated[Viewer, Depends(_viewer_with("admin"))]
AssignedViewer = Annotated[Viewer, Depends(_viewer_with("read", admits_interviewer=True))]
AssignedWriteViewer = Annotated[Viewer, Depends(_viewer_with("write", admits_interviewer=True))]


def _who(session: Session, principal: Principal, csrf: str) -> Viewer | None:
    user = UserRepository(session, principal).get(principal.user_id) if principal.user_id else None
    tenant = tenant_by_id(session, principal.tenant_id)
    if user is None or tenant is None:
        return None
    name = f"{user.first_name} {user.last_name}".strip()
    return Viewer(
        principal=principal,
        csrf_token=csrf,
        user_id=user.id,
        name=name or user.email,
        email=user.email,
        role=user.role,
        role_name=doc_name(user.role),
        workspace=tenant.name,
        workspace_slug=tenant.slug,
    )


def _lookup(runtime: Runtime, cookie: str) -> Viewer | None:
    """In a worker thread: the session (and, once a minute, its touch), then who it is."""
    principal = runtime.authenticate_session(cookie)
    csrf = sessions.csrf_token(runtime.secret_key, cookie)
    with runtime.db.read_session() as session:
        return _who(session, principal, csrf)


async def find_viewer(request: Request, runtime: Runtime) -> Viewer | None:
    """The signed-in person, or None (no cookie, an ended or foreign session, a deleted
    user)."""
    cookie = request.cookies.get(sessions.COOKIE)
    if not cookie or len(cookie) > 200:
        return None
    try:
        viewer = await run_in_threadpool(_lookup, runtime, cookie)
        if viewer is not None:
            check_host(request, runtime, viewer.principal)
    except Unauthenticated:
        return None
    return viewer


def safe_next(raw: str | None) -> str | None:
    """A path on this site to return to after sign-in (never another site: ``//host`` and
    ``/\\host`` are refused), or None."""
    if not raw or len(raw) > 500 or not raw.startswith("/") or raw.startswith(("//", "/\\")):
        return None
    if any(ch in raw for ch in "\r\n\x00\\") or raw.startswith(("/login", "/logout")):
        return None
    return raw


def login_url(request: Request) -> str:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if target == "/":
        return "/login"
    return "/login?next=" + quote(target, safe="") if safe_next(target) else "/login"


async def read_form(request: Request) -> FormData:
    """The posted form (cached on the request: the handler's ``request.form()`` gets it)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in FORM_TYPES:
        raise PageProblem(
            415, "This form could not be sent", "Send it from the page itself (reload it)."
        )
    try:
        return await request.form(max_files=1, max_fields=MAX_FORM_FIELDS)
    except Exception:  # a form the parser refuses: too many fields, a broken encoding
        raise PageProblem(
            400, "This form could not be read", "Reload the page and try again."
        ) from None


def _csrf_matches(runtime: Runtime, request: Request, given: object) -> bool:
    cookie = request.cookies.get(sessions.COOKIE) or ""
    header = request.headers.get(sessions.CSRF_HEADER)
    token = header if header else given if isinstance(given, str) else None
    return sessions.csrf_matches(runtime.secret_key, cookie, token)


ErrorRenderer = Callable[[Request, int, str, str], Response]
LoginRedirect = Callable[[Request], Response]


class WebRoute(APIRoute):
    """Route class of every workspace page (see the module docstring)."""

    scope: str | None
    admits_interviewer: bool
    # Set by ``web/pages.py`` (which renders): how a refusal and a sign-in redirect look.
    render_error: ErrorRenderer
    to_login: LoginRedirect

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        calls = {sub.call for sub in self.dependant.dependencies}
        declared = [c for c in calls if hasattr(c, SCOPE_ATTRIBUTE)]
        if len(declared) != 1:
            raise TypeError(f"{self.path}: a page takes exactly one viewer alias.")
        self.scope = getattr(declared[0], SCOPE_ATTRIBUTE)
        self.admits_interviewer = bool(getattr(declared[0], INTERVIEWER_ATTRIBUTE, False))
        inner = super().get_route_handler()
        scope, admits = self.scope, self.admits_interviewer

        async def handle(request: Request) -> Response:
            runtime: Runtime = request.app.state.runtime
            try:
                viewer = await find_viewer(request, runtime)
                if viewer is None:
                    if request.method in SAFE_METHODS:
                        return WebRoute.to_login(request)
                    raise PageProblem(
                        401, "You are signed out", "Sign in again, then repeat what you did."
                    )
                if scope is not None:
                    check_access(viewer.principal, scope, admits)
                # The person's budget, shared with their cookie's API calls.
                await limits.count_async(request, runtime, viewer.principal)
                request.state.viewer = viewer
                if request.method not in SAFE_METHODS:
                    form = await read_form(request)
                    if not _csrf_matches(runtime, request, form.get("csrf_token")):
                        raise PageProblem(
                            403,
                            "This form has expired",
                            "Reload the page and try again.",
                        )
                return await inner(request)
            except PageProblem as problem:
                return WebRoute.render_error(
                    request, problem.status, problem.heading, problem.message
                )
            except ApiError as exc:
                heading = "Not found" if exc.status == 404 else "That did not work"
                if exc.status == 403:
                    heading = "Not allowed"
                response = WebRoute.render_error(request, exc.status, heading, exc.message)
                if exc.status in (429, 503):  # when to try again
                    response.headers.update(exc.headers)
                return response
            except RequestValidationError as exc:
                return _unparsed(request, exc)
            except Exception:
                # A page answers with a page, even for our own mistake; the request's
                # transaction has been rolled back (web/work.py), the log has the trace.
                log.exception("page.failed", extra={"path": request.url.path})
                return WebRoute.render_error(
                    request,
                    500,
                    "Something went wrong on our side",
                    "What you just did may not have been saved: reload the page to check, and "
                    "try again. If it keeps happening, tell your administrator.",
                )

        return handle


def _unparsed(request: Request, exc: RequestValidationError) -> Response:
    """A path or query parameter that does not parse: a page, like any other refusal."""
    in_path = any(err.get("loc", ("",))[0] == "path" for err in exc.errors())
    if in_path:
        return WebRoute.render_error(request, 404, "Not found", "Nothing here has that address.")
    return WebRoute.render_error(
        request,
        422,
        "That did not work",
        "A value in the address is not valid; go back and try again.",
    )


def page_router() -> APIRouter:
    """The router of a module of workspace pages (every route a :class:`WebRoute`)."""
    return APIRouter(route_class=WebRoute, include_in_schema=False)
