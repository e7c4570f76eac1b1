"""People: provision, change, deactivate, delete, and the set-password link. Never commits.

The REST APIs (both shapes), SCIM, sign-in and the CLI all come through here, so every path
checks, audits and ends sessions the same way (spec §6). Audit actions: ``USER_CREATED``,
``USER_UPDATED``, ``USER_DEACTIVATED`` (a deletion too, with ``deleted: true``).
"""

from __future__ import annotations

import secrets
import uuid
from datetime import timedelta
from typing import Any, Final

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from peoplelens.audit.repository import AuditLog
from peoplelens.auth.principal import Principal
from peoplelens.kit.crypto import sha256_hex
from peoplelens.kit.errors import Conflict, InvalidRequest
from peoplelens.kit.ids import not_found, render, try_parse
from peoplelens.kit.time import utcnow
from peoplelens.models import User, UserToken
from peoplelens.users.repository import UserRepository
from peoplelens.users.roles import parse_role, role_message
from peoplelens.users.schemas import UserCreate, UserPatch

SET_PASSWORD: Final = "set_password"  # noqa: S105 — a token purpose, not a secret
# What a change may touch, in the order audit entries name them.
CHANGEABLE: Final = (
    "email",
    "first_name",
    "last_name",
    "role",
    "is_enabled",
    "external_id",
    "company_role",
    "time_zone",
    "working_hours",
    "user_preferences",
)
NOT_NULL: Final = frozenset(
    {"email", "first_name", "last_name", "role", "is_enabled", "time_zone", "working_hours"}
)


def email_key(email: str) -> str:
    """What makes an address unique in a tenant: the whole address, case folded."""
    return email.strip().lower()


def get_user(
    session: Session, principal: Principal, user_id: uuid.UUID, *, to_revive: bool = False
) -> User:
    """A person of the account; a deleted one (the doc's DELETE) is gone, as for SCIM: 404 in
    every API — but a PATCH ``to_revive`` them (``is_enabled: true``), or provisioning the same
    e-mail again, brings them back."""
    user = UserRepository(session, principal).get_or_404(user_id)
    if user.deleted_at is not None and not to_revive:
        raise not_found("usr", user_id)
    return user


def _check_unique(
    repo: UserRepository, *, email: str | None, external_id: str | None, own: uuid.UUID | None
) -> None:
    if email is not None:
        found = repo.by_email(email)
        if found is not None and found.id != own:
            raise Conflict(
                "A user with this e-mail address already exists in this account.",
                code="email_taken",
                param="email",
            )
    if external_id is not None:
        found = repo.by_external_id(external_id)
        if found is not None and found.id != own:
            raise Conflict(
                "A user with this external_id already exists in this account.",
                code="external_id_taken",
                param="external_id",
            )


def create_user(
    session: Session, principal: Principal, data: UserCreate, *, via: str = "api"
) -> User:
    """A new person (no password yet: see :func:`set_password_link`). The address of a
    *deleted* person provisions them again — the same row, enabled, with the new values — so an
    identity provider that deletes and re-creates someone (Entra ID does) is not refused."""
    repo = UserRepository(session, principal)
    deleted = repo.by_email(data.email)
    if deleted is not None and deleted.deleted_at is not None:
        return _revive(session, principal, repo, deleted, data, via)
    _check_unique(repo, email=data.email, external_id=data.external_id, own=None)
    now = utcnow()
    user = repo.add(
        User(
            id=uuid.uuid4(),
            email=data.email.strip(),
            email_key=email_key(data.email),
            first_name=data.first_name,
            last_name=data.last_name,
            role=data.role,
            company_role=data.company_role,
            is_enabled=data.is_enabled,
            external_id=data.external_id,
            user_preferences=dict(data.user_preferences or {}),
            time_zone=data.time_zone,
            working_hours=dict(data.working_hours or {}),
            created_at=now,
            updated_at=now,
        )
    )
    _flush(session)
    AuditLog(session, principal).record(
        "USER_CREATED", "user", render("usr", user.id), {"role": user.role, "source": via}
    )
    return user


def _revive(
    session: Session,
    principal: Principal,
    repo: UserRepository,
    user: User,
    data: UserCreate,
    via: str,
) -> User:
    _check_unique(repo, email=None, external_id=data.external_id, own=user.id)
    now = utcnow()
    user.email, user.email_key = data.email.strip(), email_key(data.email)
    user.first_name, user.last_name, user.role = data.first_name, data.last_name, data.role
    user.company_role, user.external_id = data.company_role, data.external_id
    user.user_preferences = dict(data.user_preferences or {})
    user.time_zone, user.working_hours = data.time_zone, dict(data.working_hours or {})
    user.is_enabled, user.deleted_at, user.updated_at = data.is_enabled, None, now
    user.password_hash, user.sso_subject = None, None  # a new start: no old credentials
    _flush(session)
    AuditLog(session, principal).record(
        "USER_CREATED",
        "user",
        render("usr", user.id),
        {"role": user.role, "source": via, "reprovisioned": True},
    )
    return user


def change_user(
    session: Session,
    principal: Principal,
    user: User,
    patch: UserPatch | dict[str, Any],
    *,
    via: str | None = None,
) -> list[str]:
    """Applies the fields given; returns the names of those that changed. Switching a person
    off ends their sessions (``USER_DEACTIVATED``); other changes are ``USER_UPDATED``."""
    given = patch if isinstance(patch, dict) else patch.model_dump(exclude_unset=True)
    unknown = [k for k in given if k not in CHANGEABLE]
    if unknown:
        raise InvalidRequest(f"'{unknown[0]}' cannot be changed.", param=unknown[0])
    for name in NOT_NULL & set(given):
        if given[name] is None:
            raise InvalidRequest(f"'{name}' cannot be null; leave it out instead.", param=name)
    if "role" in given:
        role = parse_role(given["role"])
        if role is None:
            raise InvalidRequest(role_message(), param="role")
        given["role"] = role
    repo = UserRepository(session, principal)
    _check_unique(
        repo,
        email=given.get("email"),
        external_id=given.get("external_id"),
        own=user.id,
    )
    changed: list[str] = []
    for name in CHANGEABLE:
        if name not in given:
            continue
        value = given[name]
        if name == "email":
            if email_key(value) != user.email_key or value != user.email:
                user.email, user.email_key = value.strip(), email_key(value)
                changed.append(name)
            continue
        if name in ("working_hours", "user_preferences"):
            value = dict(value or {})
        if getattr(user, name) != value:
            setattr(user, name, value)
            changed.append(name)
    if not changed:
        return []
    now = utcnow()
    user.updated_at = now
    if user.is_enabled and user.deleted_at is not None:
        # Enabling a deleted person brings them back for every API and SCIM alike, as a new
        # start (as provisioning them again does): no old password or SSO subject, and the
        # steps they were unassigned from stay unassigned.
        user.deleted_at = None
        user.password_hash, user.sso_subject = None, None
    _flush(session)
    entity = render("usr", user.id)
    audit = AuditLog(session, principal)
    details: dict[str, Any] = {"fields": changed, **({"source": via} if via else {})}
    if "is_enabled" in changed and not user.is_enabled:
        repo.end_sessions(user.id, now)
        audit.record("USER_DEACTIVATED", "user", entity, details)
    else:
        audit.record("USER_UPDATED", "user", entity, details)
    return changed


def deactivate_user(session: Session, principal: Principal, user: User) -> bool:
    """Soft delete (v1 DELETE, SCIM ``active: false``): no sign-in, sessions end at once."""
    return bool(change_user(session, principal, user, {"is_enabled": False}))


def delete_user(session: Session, principal: Principal, user: User) -> int:
    """The doc's DELETE: removes access and unassigns the person's records (steps keep their
    history in ``schedule``; audit entries keep the id). Returns the steps unassigned."""
    repo = UserRepository(session, principal)
    # The user row first, as booking takes it before the steps (no lock-order cycle).
    repo.get_or_404(user.id, lock=True)
    now = utcnow()
    unassigned = repo.unassign(user.id)
    repo.end_sessions(user.id, now)
    repo.spend_tokens(user.id, SET_PASSWORD, now)
    was_enabled = user.is_enabled
    user.is_enabled = False
    user.deleted_at = now
    user.updated_at = now
    AuditLog(session, principal).record(
        "USER_DEACTIVATED",
        "user",
        render("usr", user.id),
        {"deleted": True, "was_enabled": was_enabled, "unassigned_steps": unassigned},
    )
    return unassigned


def set_password_link(
    session: Session, principal: Principal, user: User, *, public_url: str, hours: int
) -> str:
    """A one-time link to set (or reset) the person's password, valid ``hours``; any earlier
    unused link stops working. Only the token's hash is stored."""
    repo = UserRepository(session, principal)
    now = utcnow()
    repo.spend_tokens(user.id, SET_PASSWORD, now)
    token = secrets.token_urlsafe(32)
    repo.add_token(
        UserToken(
            user_id=user.id,
            token_hash=sha256_hex(token),
            purpose=SET_PASSWORD,
            created_at=now,
            expires_at=now + timedelta(hours=hours),
        )
    )
    return f"{public_url}/set-password/{token}"


def assignable_user(session: Session, principal: Principal, raw_id: str, param: str) -> User:
    """The enabled person an ``interviewer_id`` names (any id form). An id that names no user
    of this account — unknown, another account's, not an id — is a 422 naming ``param`` (spec
    §5: it is a value of the body, not the resource of the path); a deactivated one a 409."""
    user_id = try_parse("usr", raw_id)
    user = UserRepository(session, principal).get(user_id) if user_id is not None else None
    if user is None or user.deleted_at is not None:  # a deleted person is gone
        shown = raw_id if len(raw_id) <= 80 else raw_id[:77] + "..."
        raise InvalidRequest(
            f"'{param}' must name a user of this account (usr-…); '{shown}' names none.",
            code="unknown_user",
            param=param,
        )
    if not user.is_enabled:
        raise Conflict(
            f"User '{render('usr', user.id)}' is deactivated and cannot be assigned.",
            code="user_deactivated",
            param=param,
        )
    return user


def _flush(session: Session) -> None:
    """Flushes, turning a lost race on the unique e-mail or external id into the 409."""
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:
        raise Conflict(
            "A user with this e-mail address or external_id already exists in this account.",
            code="user_exists",
        ) from None
