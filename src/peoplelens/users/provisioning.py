"""Inviting a person: the new user and their set-password link (e-mailed too when the server
sends mail). The API (``POST /api/v1/users``, ``/api/users``, ``…/invitation``) and the
workspace's Settings pages both come through here, so an invitation is the same everywhere.
Never commits."""

from __future__ import annotations

from sqlalchemy.orm import Session

from peoplelens.auth.principal import Principal
from peoplelens.config import Settings
from peoplelens.emails.invitations import queue_user_invitation
from peoplelens.kit.errors import Conflict
from peoplelens.models import User
from peoplelens.users import service
from peoplelens.users.schemas import UserCreate
from peoplelens.users.signin import passwords_refused


def create_with_link(
    session: Session, principal: Principal, settings: Settings, secret: bytes, body: UserCreate
) -> tuple[User, str | None]:
    """The person, and their set-password link unless the workspace signs in by SSO only."""
    user = service.create_user(session, principal, body)
    if passwords_refused(session, principal.tenant_id):
        return user, None
    return user, invitation_link(session, principal, settings, secret, user)


def invitation_link(
    session: Session, principal: Principal, settings: Settings, secret: bytes, user: User
) -> str:
    """A fresh set-password link, e-mailed to the person too when the server sends mail
    (without SMTP the admin passes on the link the answer carries; a queued message would
    wait past the link's expiry). Not for workspaces that refuse passwords: SSO is the way in."""
    hours = settings.set_password_link_hours
    link = service.set_password_link(
        session, principal, user, public_url=settings.public_url, hours=hours
    )
    if settings.smtp_url is not None and not passwords_refused(session, principal.tenant_id):
        queue_user_invitation(
            session, principal, user, set_password_url=link, hours=hours, secret=secret
        )
    return link


def new_invitation(
    session: Session, principal: Principal, settings: Settings, secret: bytes, user: User
) -> str:
    """A fresh link for a person already there (an invitation again, a password reset)."""
    if not user.is_enabled:
        raise Conflict(
            "This person is deactivated: enable them before sending a link.",
            code="user_deactivated",
        )
    return invitation_link(session, principal, settings, secret, user)
