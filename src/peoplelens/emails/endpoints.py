"""E-mail (spec §13): the outbox's log and the account's sender settings."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query

from peoplelens.boundary.dependencies import AdminPrincipal, ReadPrincipal, RuntimeDep, SessionDep
from peoplelens.boundary.router import api_router, not_found_doc
from peoplelens.emails import service
from peoplelens.emails.messages import Kind
from peoplelens.emails.schemas import EmailOut, EmailSettingsIn, EmailSettingsOut
from peoplelens.kit.ids import CandidateID, EmailID
from peoplelens.kit.params import PageDep
from peoplelens.kit.schemas import ListResponse

router = api_router("emails")
_404 = not_found_doc("e-mail")


@router.get("/emails", response_model=ListResponse[EmailOut])
def list_emails(
    principal: ReadPrincipal,
    session: SessionDep,
    page: PageDep,
    candidate_id: Annotated[CandidateID | None, Query()] = None,
    kind: Annotated[Kind | None, Query()] = None,
    status: Annotated[Literal["queued", "sending", "sent", "failed"] | None, Query()] = None,
) -> ListResponse[EmailOut]:
    """The messages the account sent or is sending, newest first, each with its attempts.
    Bodies are never shown: they hold the recipients' personal links."""
    data, found = service.list_emails(
        session, principal, page, candidate_id=candidate_id, kind=kind, status=status
    )
    return ListResponse[EmailOut].of(data, found)


@router.get("/emails/{id}", response_model=EmailOut, responses=_404)
def get_email(id: EmailID, principal: ReadPrincipal, session: SessionDep) -> EmailOut:
    """One message: where it stands, and every attempt with the server's reply."""
    return service.get_email(session, principal, id)


@router.get("/settings/email", response_model=EmailSettingsOut)
def get_email_settings(
    principal: AdminPrincipal, session: SessionDep, runtime: RuntimeDep
) -> EmailSettingsOut:
    """The sender name and Reply-To of the account's messages, the server's From address and
    whether the server has SMTP configured (without it, messages wait in the outbox)."""
    return service.get_settings(session, principal, runtime.settings)


@router.patch("/settings/email", response_model=EmailSettingsOut)
def update_email_settings(
    body: EmailSettingsIn, principal: AdminPrincipal, session: SessionDep, runtime: RuntimeDep
) -> EmailSettingsOut:
    """Sets the sender name (one line, up to 100 characters) and the Reply-To address; a field
    left out stays as it is, `null` clears it."""
    return service.update_settings(session, principal, body, runtime.settings)
