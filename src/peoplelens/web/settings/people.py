"""Settings → Users: the workspace's people, inviting one, their role, switching them off and
on, removing them. The same services as ``/api/v1/users`` (``users/service.py``,
``users/provisioning.py``): the same checks, audit entries and ended sessions."""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Final
from urllib.parse import urlencode

from fastapi import Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from peoplelens.auth.principal import Principal
from peoplelens.config import Settings
from peoplelens.kit.errors import ApiError
from peoplelens.kit.ids import UserID
from peoplelens.kit.pagination import Page, PageRequest, paginate
from peoplelens.models import User
from peoplelens.users import provisioning, service
from peoplelens.users.repository import UserRepository
from peoplelens.users.roles import ROLES
from peoplelens.users.schemas import UserCreate, UserPatch
from peoplelens.web.forms import InvalidForm, text_fields, validated
from peoplelens.web.pages import done, reveal, revealed, runtime_of
from peoplelens.web.route import AdminViewer, page_router
from peoplelens.web.settings.shared import refused, settings_page
from peoplelens.web.work import reading, writing

router = page_router()

PAGE_SIZE: Final = 50
BACK: Final = "/settings/users"
ROLE_OPTIONS: Final = [(r, r.title()) for r in ROLES]
INVITE_FIELDS: Final = ("email", "first_name", "last_name", "role")
INVITE_LABELS: Final = {
    "email": "E-mail",
    "first_name": "First name",
    "last_name": "Last name",
    "role": "Role",
}


def full_name(user: User) -> str:
    return f"{user.first_name} {user.last_name}".strip() or user.email


def _people(session: Session, principal: Principal, q: str | None, offset: int) -> Page[User]:
    # Active and switched-off people alike (as GET /api/users lists them); the deleted are gone.
    stmt = UserRepository(session, principal).query(search=q)
    return paginate(session, stmt, User, PageRequest(limit=PAGE_SIZE, offset=offset))


async def _users_page(
    request: Request,
    viewer: AdminViewer,
    *,
    q: str | None = None,
    offset: int = 0,
    typed: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    invited: dict[str, Any] | None = None,
    status: int = 200,
) -> Response:
    runtime = runtime_of(request)
    found = await reading(runtime, lambda s: _people(s, viewer.principal, q, offset))
    return settings_page(
        request,
        "app/settings_users.html",
        "users",
        {
            "title": "Users — Settings",
            "people": [{"user": u, "name": full_name(u)} for u in found.items],
            "page": found,
            "base": BACK + ("?" + urlencode({"q": q}) if q else ""),
            "q": q or "",
            "roles": ROLE_OPTIONS,
            "typed": typed or {"role": "recruiter"},
            "errors": errors or {},
            "invited": invited,
            "email_configured": runtime.settings.smtp_url is not None,
        },
        status,
    )


@router.get("/settings/users")
async def users(
    request: Request,
    viewer: AdminViewer,
    q: Annotated[str | None, Query(max_length=200)] = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    """The people of the workspace, with their role and whether they may sign in (and a new
    set-password link once, right after it was made)."""
    return await _users_page(
        request,
        viewer,
        q=(q or "").strip() or None,
        offset=offset,
        invited=revealed(request, "set_password_link"),
    )


def _invite(
    session: Session, principal: Principal, settings: Settings, secret: bytes, body: UserCreate
) -> tuple[str, str, str | None]:
    user, link = provisioning.create_with_link(session, principal, settings, secret, body)
    return full_name(user), user.email, link


@router.post("/settings/users")
async def invite(request: Request, viewer: AdminViewer) -> Response:
    """Invites a person (``POST /api/v1/users``). Without SMTP, their set-password link is
    shown on this answer only, for the admin to pass on."""
    runtime = runtime_of(request)
    typed = text_fields(await request.form(), INVITE_FIELDS)
    try:
        body = validated(UserCreate, typed, INVITE_LABELS)
        name, email, link = await writing(
            runtime,
            lambda s: _invite(s, viewer.principal, runtime.settings, runtime.secret_key, body),
        )
    except InvalidForm as invalid:
        return await _users_page(request, viewer, typed=typed, errors=invalid.errors, status=422)
    except ApiError as exc:
        errors = {exc.param or "email": exc.message}
        return await _users_page(request, viewer, typed=typed, errors=errors, status=exc.status)
    return await _after_link(request, viewer, name, email, link, invited=True)


async def _after_link(
    request: Request,
    viewer: AdminViewer,
    name: str,
    email: str,
    link: str | None,
    *,
    invited: bool,
) -> Response:
    """Back to the list saying what happened, or — without SMTP — to the list showing the link
    once (it crosses the redirect sealed, see ``web/flash.py``: a password in all but name)."""
    runtime = runtime_of(request)
    verb = "Invited" if invited else "Sent a new link to"
    if link is None:
        return done(request, BACK, f"{verb} {name}: they sign in with SSO.")
    if runtime.settings.smtp_url is not None:
        return done(request, BACK, f"{verb} {name}: an e-mail with their link is on its way.")
    shown = {"name": name, "email": email, "link": link, "new": "1" if invited else ""}
    return reveal(request, BACK, "set_password_link", shown)


def _get(session: Session, principal: Principal, id: uuid.UUID, revive: bool = False) -> User:
    return service.get_user(session, principal, id, to_revive=revive)


@router.post("/settings/users/{id}/invitation")
async def invitation(id: UserID, request: Request, viewer: AdminViewer) -> Response:
    """A fresh set-password link for a person (``POST /api/v1/users/{id}/invitation``)."""
    runtime = runtime_of(request)

    def work(session: Session) -> tuple[str, str, str]:
        user = _get(session, viewer.principal, id)
        link = provisioning.new_invitation(
            session, viewer.principal, runtime.settings, runtime.secret_key, user
        )
        return full_name(user), user.email, link

    try:
        name, email, link = await writing(runtime, work)
    except ApiError as exc:
        return refused(request, BACK, exc)
    return await _after_link(request, viewer, name, email, link, invited=False)


def _change(session: Session, principal: Principal, id: uuid.UUID, patch: UserPatch) -> str:
    user = _get(session, principal, id, revive=patch.is_enabled is True)
    service.change_user(session, principal, user, patch)
    return full_name(user)


@router.post("/settings/users/{id}/role")
async def change_role(id: UserID, request: Request, viewer: AdminViewer) -> Response:
    """Gives a person another role (``PATCH /api/v1/users/{id}`` with ``role``)."""
    runtime = runtime_of(request)
    form = text_fields(await request.form(), ("role",))
    try:
        patch = validated(UserPatch, {"role": form["role"]}, INVITE_LABELS)
        name = await writing(runtime, lambda s: _change(s, viewer.principal, id, patch))
    except InvalidForm as invalid:
        # Another workspace's person is a 404 whatever the form says.
        await reading(runtime, lambda s: service.get_user(s, viewer.principal, id))
        return done(request, BACK, invalid.summary, "error")
    except ApiError as exc:
        return refused(request, BACK, exc)
    return done(request, BACK, f"{name} is now {patch.role}.")


@router.post("/settings/users/{id}/enabled")
async def switch(id: UserID, request: Request, viewer: AdminViewer) -> Response:
    """Lets a person sign in again, or not (``is_enabled``; switching off ends their
    sessions at once)."""
    runtime = runtime_of(request)
    on = text_fields(await request.form(), ("enabled",))["enabled"] == "true"
    try:
        patch = UserPatch(is_enabled=on)
        name = await writing(runtime, lambda s: _change(s, viewer.principal, id, patch))
    except ApiError as exc:
        return refused(request, BACK, exc)
    said = "may sign in again" if on else "is switched off: their sessions have ended"
    return done(request, BACK, f"{name} {said}.")


def _delete(session: Session, principal: Principal, id: uuid.UUID) -> str:
    user = _get(session, principal, id)
    service.delete_user(session, principal, user)
    return full_name(user)


@router.post("/settings/users/{id}/delete")
async def delete(id: UserID, request: Request, viewer: AdminViewer) -> Response:
    """Removes a person (``DELETE /api/users/{id}``): no access, their steps unassigned; the
    audit log keeps naming them by id."""
    runtime = runtime_of(request)
    try:
        name = await writing(runtime, lambda s: _delete(s, viewer.principal, id))
    except ApiError as exc:
        return refused(request, BACK, exc)
    return done(request, BACK, f"Removed {name}.")
