"""SCIM's rules: Users are the tenant's people, changed only through ``users.service`` (audited
with ``source: scim``, sessions ended on deactivation); Groups map to roles by name, and a
person's role follows their groups. Never commits.

Role rule (ours): a group's ``displayName`` — lower-cased, a leading "PeopleLens" word and a
plural "s" dropped — names a role or one of its aliases (``Admins``, ``PeopleLens
Administrators`` → admin; ``Recruiters``, ``Users``, ``Members`` → recruiter; ``Interviewers``
→ interviewer). Any other group is accepted and grants nothing. A member of role-bearing groups
has the highest of their roles (admin > recruiter > interviewer); one who leaves the last of
them falls back to interviewer, the least privilege. People SCIM creates start as interviewers.
"""

from __future__ import annotations

import re
import uuid
from typing import Any, Final

from pydantic import ValidationError
from sqlalchemy.orm import Session

from peoplelens.auth.principal import Principal
from peoplelens.kit.ids import try_parse
from peoplelens.kit.time import utcnow
from peoplelens.models import ScimGroup, User
from peoplelens.scim import filters as f
from peoplelens.scim import patch
from peoplelens.scim.errors import ScimConflict, ScimError, ScimNotFound
from peoplelens.scim.repository import ScimGroupRepository, ScimUserRepository
from peoplelens.scim.schemas import GROUP_ATTRS, USER_ATTRS
from peoplelens.users import service as users
from peoplelens.users.roles import ROLES, parse_role
from peoplelens.users.schemas import UserCreate

VIA: Final = "scim"
NO_ROLE: Final = "none"
DEFAULT_ROLE: Final = "interviewer"
_RANK: Final = {role: rank for rank, role in enumerate(reversed(ROLES))}  # admin highest
_PREFIX = re.compile(r"^peoplelens[\s_-]*")


def role_of_group(display_name: str) -> str:
    """The role a group's name grants (see the module docstring), or ``none``."""
    key = _PREFIX.sub("", display_name.strip().lower()).strip()
    for candidate in (key, key[:-1] if key.endswith("s") else key):
        role = parse_role(candidate)
        if role is not None:
            return role
    return NO_ROLE


def parse_id(raw: str, prefix: str) -> uuid.UUID | None:
    return try_parse(prefix, raw)


# -- users -------------------------------------------------------------------------------------


def get_user(session: Session, principal: Principal, raw_id: str) -> User:
    user_id = parse_id(raw_id, "usr")
    user = ScimUserRepository(session, principal).live(user_id) if user_id else None
    if user is None:
        raise ScimNotFound(f"No User with id '{raw_id[:80]}'.")
    return user


def groups_of(
    session: Session, principal: Principal, user_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[ScimGroup]]:
    wanted = {str(u): u for u in user_ids}
    out: dict[uuid.UUID, list[ScimGroup]] = {u: [] for u in user_ids}
    for group in ScimGroupRepository(session, principal).every():
        for member in group.member_ids or []:
            if member in wanted:
                out[wanted[member]].append(group)
    return out


def _text(value: Any, name: str, *, limit: int = 200) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ScimError(f"'{name}' is a string.", code="invalidValue")
    if len(value) > limit:
        raise ScimError(f"'{name}' has at most {limit} characters.", code="invalidValue")
    return value


def _active(value: Any) -> bool:
    """``true``/``false``, or the strings Entra ID sends (``"True"``, ``"False"``)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise ScimError("'active' is true or false.", code="invalidValue")


def _sign_in_name(raw: Any) -> str:
    """userName: what the person signs in with (RFC 7643 §4.1.1) — normally their e-mail
    address, which Okta and Entra ID send; any other name is kept as given (see the module
    docstring). 1 to 320 characters, no spaces or control characters."""
    text = raw.strip() if isinstance(raw, str) else ""
    if not text or len(text) > 320 or any(c.isspace() or not c.isprintable() for c in text):
        raise ScimError(
            "'userName' is required: the person's e-mail address (or another sign-in name of "
            "at most 320 characters without spaces).",
            code="invalidValue",
        )
    return text


def _address(raw: Any) -> str:
    try:
        return str(UserCreate(email=raw).email)
    except ValidationError:
        raise ScimError(f"'emails' value '{str(raw)[:80]}' is not an e-mail address.") from None


def _email_of(doc: dict[str, Any], touched: set[str], current: str | None) -> str | None:
    """The sign-in name: the userName; or, when only ``emails`` changed, the address that is
    new (an add or a replace), primary first — the two are one field here."""
    if "userName" in touched:
        return _sign_in_name(doc.get("userName"))
    if "emails" in touched:
        emails = [e for e in doc.get("emails") or [] if isinstance(e, dict) and e.get("value")]
        if not emails:
            raise ScimError(
                "The e-mail address is the userName here: change it, or the userName, but it "
                "cannot be removed.",
                code="mutability",
            )
        new = [e for e in emails if str(e["value"]).strip().lower() != (current or "").lower()]
        pool = new or emails
        primary = next((e for e in pool if e.get("primary") is True), pool[0])
        return _address(primary["value"])
    return None


def _fields(doc: dict[str, Any], touched: set[str], current: str | None = None) -> dict[str, Any]:
    """Our fields from a (patched or replacing) SCIM document, for the attributes touched."""
    out: dict[str, Any] = {}
    email = _email_of(doc, touched, current)
    if email is not None:
        out["email"] = email
    if "name" in touched:
        name = doc.get("name") if isinstance(doc.get("name"), dict) else {}
        lowered = {k.lower(): v for k, v in (name or {}).items()}
        out["first_name"] = _text(lowered.get("givenname"), "name.givenName")
        out["last_name"] = _text(lowered.get("familyname"), "name.familyName")
    if "title" in touched:
        out["company_role"] = _text(doc.get("title"), "title") or None
    if "active" in touched and "active" in doc:
        out["is_enabled"] = _active(doc["active"])
    if "externalId" in touched:
        external = doc.get("externalId")
        out["external_id"] = _text(external, "externalId", limit=255) or None
    return out


def _normalise(body: Any, attrs: tuple[Any, ...]) -> tuple[dict[str, Any], set[str]]:
    """A POST/PUT body's attributes in the schema's spelling (names are case-insensitive)."""
    if not isinstance(body, dict):
        raise ScimError("The body is a SCIM resource object.", code="invalidSyntax")
    doc: dict[str, Any] = {}
    touched: set[str] = set()
    known = {a.name.lower(): a for a in attrs}
    for key, value in body.items():
        low = str(key).lower()
        if low == "externalid":
            doc["externalId"] = value
        elif low in known and known[low].mutability != "readOnly":
            doc[known[low].name] = value
    for name in ("userName", "name", "title", "emails", "externalId", "displayName"):
        touched.add(name)
    if "active" in doc:
        touched.add("active")
    return doc, touched


def create_user(session: Session, principal: Principal, body: Any) -> User:
    doc, touched = _normalise(body, USER_ATTRS)
    fields = _fields(doc, touched)
    try:
        data = UserCreate(
            email="placeholder@example.com",
            first_name=fields.get("first_name", ""),
            last_name=fields.get("last_name", ""),
            role=DEFAULT_ROLE,
            external_id=fields.get("external_id"),
            company_role=fields.get("company_role"),
            is_enabled=fields.get("is_enabled", True),
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        shown = "userName" if where == "email" else where
        raise ScimError(
            f"'{shown}' is invalid: {first.get('msg', 'invalid')}.", code="invalidValue"
        ) from None
    # The sign-in name was checked by _sign_in_name: it need not be an e-mail address.
    data = data.model_copy(update={"email": fields["email"]})
    return users.create_user(session, principal, data, via=VIA)


def _change(session: Session, principal: Principal, user: User, fields: dict[str, Any]) -> None:
    users.change_user(session, principal, user, fields, via=VIA)


def replace_user(session: Session, principal: Principal, user: User, body: Any) -> None:
    doc, touched = _normalise(body, USER_ATTRS)
    _change(session, principal, user, _fields(doc, touched))


def patch_user(
    session: Session, principal: Principal, user: User, body: Any, current: dict[str, Any]
) -> None:
    touched = patch.apply(current, body, USER_ATTRS)
    _change(session, principal, user, _fields(current, touched, user.email))


def delete_user(session: Session, principal: Principal, user: User) -> None:
    """SCIM DELETE (ours): the person is deleted as ``DELETE /api/users/{id}`` does — access
    removed, records unassigned, the row kept for the audit trail — and gone for SCIM (404)."""
    repo = ScimGroupRepository(session, principal)
    for group in repo.every():
        if str(user.id) in (group.member_ids or []):
            group.member_ids = [m for m in group.member_ids if m != str(user.id)]
            group.updated_at = utcnow()
    users.delete_user(session, principal, user)


def list_users(
    session: Session, principal: Principal, node: f.Node | None, offset: int, limit: int
) -> tuple[int, list[User]]:
    return ScimUserRepository(session, principal).page(node, offset, limit)


# -- groups -----------------------------------------------------------------------------------


def get_group(session: Session, principal: Principal, raw_id: str) -> ScimGroup:
    group_id = parse_id(raw_id, "grp")
    group = ScimGroupRepository(session, principal).get(group_id) if group_id else None
    if group is None:
        raise ScimNotFound(f"No Group with id '{raw_id[:80]}'.")
    return group


def _members(session: Session, principal: Principal, doc: dict[str, Any]) -> list[str]:
    raw = doc.get("members") or []
    if not isinstance(raw, list):
        raise ScimError('\'members\' is a list of {"value": "<User id>"}.', code="invalidValue")
    ids: list[uuid.UUID] = []
    for item in raw:
        value = item.get("value") if isinstance(item, dict) else None
        parsed = parse_id(value, "usr") if isinstance(value, str) else None
        if parsed is None:
            raise ScimError(f"'{value}' is not a User id.", code="invalidValue")
        if parsed not in ids:
            ids.append(parsed)
    found = {u.id for u in ScimUserRepository(session, principal).by_ids(ids)}
    missing = [i for i in ids if i not in found]
    if missing:
        raise ScimError(f"No User with id '{missing[0]}' to add to the group.", code="invalidValue")
    return [str(i) for i in ids]


def _display_name(doc: dict[str, Any]) -> str:
    name = doc.get("displayName")
    if not isinstance(name, str) or not name.strip():
        raise ScimError("'displayName' is required.", code="invalidValue")
    if len(name) > 255:
        raise ScimError("'displayName' has at most 255 characters.", code="invalidValue")
    return name.strip()


def _save_group(
    session: Session, principal: Principal, group: ScimGroup, doc: dict[str, Any]
) -> None:
    """Writes the document into the group, then recomputes the role of everyone whose
    membership or group's role changed."""
    repo = ScimGroupRepository(session, principal)
    name = _display_name(doc)
    other = repo.by_name_key(name.lower())
    if other is not None and other.id != group.id:
        raise ScimConflict("A Group with this displayName already exists.")
    before = set(group.member_ids or []) if group.role != NO_ROLE else set()
    group.display_name, group.display_name_key = name, name.lower()
    group.role = role_of_group(name)
    external = doc.get("externalId")
    group.external_id = _text(external, "externalId", limit=255) or None
    group.member_ids = _members(session, principal, doc)
    group.updated_at = utcnow()
    session.flush()
    after = set(group.member_ids) if group.role != NO_ROLE else set()
    _recompute(session, principal, before | after)


def _recompute(session: Session, principal: Principal, member_ids: set[str]) -> None:
    if not member_ids:
        return
    ids = [uuid.UUID(m) for m in member_ids]
    people = ScimUserRepository(session, principal).by_ids(ids)
    memberships = groups_of(session, principal, [p.id for p in people])
    for person in people:
        roles = [g.role for g in memberships[person.id] if g.role in _RANK]
        role = max(roles, key=_RANK.__getitem__) if roles else DEFAULT_ROLE
        if role != person.role:
            users.change_user(session, principal, person, {"role": role}, via=VIA)


def create_group(session: Session, principal: Principal, body: Any) -> ScimGroup:
    doc, _ = _normalise(body, GROUP_ATTRS)
    now = utcnow()
    group = ScimGroupRepository(session, principal).add(
        ScimGroup(id=uuid.uuid4(), member_ids=[], role=NO_ROLE, created_at=now, updated_at=now)
    )
    _save_group(session, principal, group, doc)
    return group


def replace_group(session: Session, principal: Principal, group: ScimGroup, body: Any) -> None:
    doc, _ = _normalise(body, GROUP_ATTRS)
    _save_group(session, principal, group, doc)


def patch_group(
    session: Session, principal: Principal, group: ScimGroup, body: Any, current: dict[str, Any]
) -> None:
    patch.apply(current, body, GROUP_ATTRS)
    _save_group(session, principal, group, current)


def delete_group(session: Session, principal: Principal, group: ScimGroup) -> None:
    members = set(group.member_ids or []) if group.role != NO_ROLE else set()
    session.delete(group)
    session.flush()
    _recompute(session, principal, members)


def list_groups(session: Session, principal: Principal) -> list[ScimGroup]:
    return ScimGroupRepository(session, principal).every()
