"""Settings → Audit log and E-mail: what happened in the workspace, and how its messages go
out. The same reads as ``GET /api/v1/audit-logs`` (``audit/repository.py``) and the services
of ``/api/v1/settings/email`` and ``/api/v1/emails`` (``emails/service.py``)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any, Final, cast
from urllib.parse import urlencode

from fastapi import Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from peoplelens.audit.repository import AuditRepository
from peoplelens.auth.principal import Principal
from peoplelens.emails import service as emails
from peoplelens.emails.schemas import EmailSettingsIn
from peoplelens.kit import ids
from peoplelens.kit.pagination import Page, PageRequest, paginate
from peoplelens.models import AuditEntry, User
from peoplelens.users.repository import UserRepository
from peoplelens.web.forms import InvalidForm, optional, text_fields, validated
from peoplelens.web.pages import done, runtime_of
from peoplelens.web.route import AdminViewer, page_router
from peoplelens.web.settings.people import full_name
from peoplelens.web.settings.shared import settings_page
from peoplelens.web.work import reading, writing

router = page_router()

AUDIT_PAGE: Final = 50
EMAILS_SHOWN: Final = 25
PEOPLE_TO_PICK: Final = 500

# -- the audit log ---------------------------------------------------------------------------


def _day(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def _audit(
    session: Session,
    principal: Principal,
    filters: dict[str, Any],
    offset: int,
) -> tuple[Page[AuditEntry], list[User]]:
    stmt = AuditRepository(session, principal).query(
        filters["action"],
        filters["since"],
        until=filters["until"],
        entity_type=filters["entity_type"],
        entity_id=filters["entity_id"],
        user_id=filters["user_id"],
    )
    found = paginate(session, stmt, AuditEntry, PageRequest(limit=AUDIT_PAGE, offset=offset))
    people_stmt = UserRepository(session, principal).query().order_by(User.email_key)
    # The repository's statement is typed by its rows (tuples); scalars() gives the users.
    people = cast(list[User], list(session.scalars(people_stmt.limit(PEOPLE_TO_PICK))))
    return found, people


@router.get("/settings/audit")
async def audit(
    request: Request,
    viewer: AdminViewer,
    action: Annotated[str | None, Query(max_length=64)] = None,
    entity_type: Annotated[str | None, Query(max_length=32)] = None,
    entity_id: Annotated[str | None, Query(max_length=64)] = None,
    user: Annotated[str | None, Query(max_length=80)] = None,
    since: Annotated[str | None, Query(max_length=10)] = None,
    until: Annotated[str | None, Query(max_length=10)] = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    """Every change, newest first, filtered by action, object, person and days (UTC)."""
    runtime = runtime_of(request)
    user_id: uuid.UUID | None = ids.try_parse("usr", user) if user else None
    day_from, day_to = _day(since), _day(until)
    shown = {
        "action": (action or "").strip().upper(),
        "entity_type": (entity_type or "").strip(),
        "entity_id": (entity_id or "").strip(),
        "user": ids.render("usr", user_id) if user_id else "",
        "since": day_from.isoformat() if day_from else "",
        "until": day_to.isoformat() if day_to else "",
    }
    filters = {
        "action": shown["action"] or None,
        "entity_type": shown["entity_type"] or None,
        "entity_id": shown["entity_id"] or None,
        "user_id": user_id,
        "since": datetime.combine(day_from, time(), UTC) if day_from else None,
        # "to" a day includes that whole day.
        "until": datetime.combine(day_to + timedelta(days=1), time(), UTC) if day_to else None,
    }
    found, people = await reading(runtime, lambda s: _audit(s, viewer.principal, filters, offset))
    names = {p.id: full_name(p) for p in people}
    query = {k: v for k, v in shown.items() if v}
    return settings_page(
        request,
        "app/settings_audit.html",
        "audit",
        {
            "title": "Audit log — Settings",
            "entries": found.items,
            "page": found,
            "names": names,
            "people": [(ids.render("usr", p.id), f"{names[p.id]} ({p.email})") for p in people],
            "shown": shown,
            "filtered": bool(query),
            "base": "/settings/audit" + ("?" + urlencode(query) if query else ""),
        },
    )


# -- e-mail ----------------------------------------------------------------------------------

EMAIL_LABELS: Final = {"from_name": "Sender name", "reply_to": "Reply-To address"}


def _email(session: Session, principal: Principal, request: Request) -> tuple[Any, list[Any]]:
    settings = emails.get_settings(session, principal, runtime_of(request).settings)
    recent, _found = emails.list_emails(
        session,
        principal,
        PageRequest(limit=EMAILS_SHOWN),
        candidate_id=None,
        kind=None,
        status=None,
    )
    return settings, recent


async def _email_page(
    request: Request,
    viewer: AdminViewer,
    *,
    typed: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    runtime = runtime_of(request)
    current, recent = await reading(runtime, lambda s: _email(s, viewer.principal, request))
    return settings_page(
        request,
        "app/settings_email.html",
        "email",
        {
            "title": "E-mail — Settings",
            "current": current,
            "recent": recent,
            "typed": typed
            or {"from_name": current.from_name or "", "reply_to": current.reply_to or ""},
            "errors": errors or {},
            "workspace": viewer.workspace,
        },
        status,
    )


@router.get("/settings/email")
async def email(request: Request, viewer: AdminViewer) -> Response:
    """The sender of the workspace's messages, whether the server sends mail, the outbox."""
    return await _email_page(request, viewer)


@router.post("/settings/email")
async def save_email(request: Request, viewer: AdminViewer) -> Response:
    """Sets the sender name and Reply-To (``PATCH /api/v1/settings/email``); empty clears."""
    runtime = runtime_of(request)
    typed = text_fields(await request.form(), ("from_name", "reply_to"))
    data = optional({k: v.strip() for k, v in typed.items()}, "from_name", "reply_to")
    try:
        body = validated(EmailSettingsIn, data, EMAIL_LABELS)
    except InvalidForm as invalid:
        return await _email_page(request, viewer, typed=typed, errors=invalid.errors, status=422)
    await writing(
        runtime,
        lambda s: emails.update_settings(s, viewer.principal, body, runtime.settings),
    )
    return done(request, "/settings/email", "Saved the e-mail settings.")
