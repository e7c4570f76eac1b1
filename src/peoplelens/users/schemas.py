"""The shapes of people in both APIs: the unversioned `/api/users` (doc: `{"user": {...}}`,
`{"success": true}`) and `/api/v1/users` (`{data, pagination}`) show the same fields, from
:func:`user_fields` — the one place a person's JSON is made."""

from __future__ import annotations

import re
from typing import Annotated, Any
from zoneinfo import ZoneInfo, available_timezones

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    EmailStr,
    Field,
    StrictBool,
    StringConstraints,
    WithJsonSchema,
)

from peoplelens.kit.ids import render
from peoplelens.kit.schemas import ExternalId, Metadata, Pagination, RequestModel, omittable
from peoplelens.kit.time import iso
from peoplelens.models import User
from peoplelens.users.roles import Role, doc_name, parse_role, role_message

PersonName = Annotated[str, StringConstraints(max_length=200)]
CompanyRole = Annotated[str, StringConstraints(max_length=200)]
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_HHMM = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$")


def _role(value: Any) -> Role:
    role = parse_role(value)
    if role is None:
        raise ValueError(role_message())
    return role


def _time_zone(value: str) -> str:
    if value not in ZONES:
        raise ValueError("an IANA time zone such as Europe/Berlin or America/New_York")
    ZoneInfo(value)
    return value


# The tz database's names of places and UTC; not "localtime" (the server's own zone),
# "Factory" or "posixrules", which name no place a person is in.
ZONES = (frozenset(available_timezones()) | {"UTC"}) - {"localtime", "Factory", "posixrules"}


def _working_hours(value: dict[str, Any]) -> dict[str, Any]:
    """``{"mon": [["09:00", "17:00"]], ...}``: per weekday, ordered non-overlapping spans."""
    out: dict[str, list[list[str]]] = {}
    for day, spans in value.items():
        if day not in _DAYS:
            raise ValueError(f"'{day}' is not a weekday; use mon, tue, wed, thu, fri, sat, sun")
        if not isinstance(spans, list) or len(spans) > 8:
            raise ValueError(f"'{day}' takes a list of at most 8 [start, end] spans")
        last_end = ""
        kept: list[list[str]] = []
        for span in spans:
            if (
                not isinstance(span, list)
                or len(span) != 2
                or not all(isinstance(t, str) and _HHMM.match(t) for t in span)
            ):
                raise ValueError(f'\'{day}\' spans look like ["09:00", "17:00"]')
            start, end = span
            if not start < end or start < last_end:
                raise ValueError(f"'{day}' spans must be in order and not overlap")
            last_end = end
            kept.append([start, end])
        out[day] = kept
    return out


# Accepted as sent: the canonical names, the doc's `Admin` and `User`, any case.
ROLE_INPUTS = ("admin", "recruiter", "interviewer", "Admin", "User")
RoleIn = Annotated[
    Role,
    BeforeValidator(_role),
    WithJsonSchema({"type": "string", "enum": list(ROLE_INPUTS)}),
    Field(description=role_message()),
]
TimeZone = Annotated[str, StringConstraints(max_length=64), AfterValidator(_time_zone)]
WorkingHours = Annotated[dict[str, Any], AfterValidator(_working_hours)]


class UserCreate(RequestModel):
    """Provisioning a person (doc: email, first_name, last_name, role, external_id)."""

    email: Annotated[EmailStr, StringConstraints(max_length=320)]
    first_name: PersonName = ""
    last_name: PersonName = ""
    role: RoleIn = Field(default="recruiter", description=role_message())
    external_id: ExternalId | None = None
    company_role: CompanyRole | None = None
    time_zone: TimeZone = "UTC"
    working_hours: WorkingHours | None = None
    user_preferences: Metadata | None = None
    is_enabled: StrictBool = True


class UserPatch(RequestModel):
    """A change (doc: first_name, last_name, role, is_enabled); the others are ours."""

    first_name: PersonName | None = omittable()
    last_name: PersonName | None = omittable()
    role: RoleIn | None = omittable()
    is_enabled: StrictBool | None = omittable()
    email: Annotated[EmailStr, StringConstraints(max_length=320)] | None = omittable()
    external_id: ExternalId | None = None
    company_role: CompanyRole | None = None
    time_zone: TimeZone | None = omittable()
    working_hours: WorkingHours | None = omittable()
    user_preferences: Metadata | None = omittable()


def user_fields(user: User) -> dict[str, Any]:
    """A person as both APIs show them (JSON-ready). ``company_role`` is the doc's name of the
    role (``Admin``, ``User``, ``Interviewer``) unless a title was set; ``user_preferences`` is
    the doc's list of ``{role}`` with the person's own preferences beside it."""
    return {
        "id": render("usr", user.id),
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "role": user.role,
        "company_role": user.company_role or doc_name(user.role),
        "is_enabled": user.is_enabled,
        "external_id": user.external_id,
        "user_preferences": [{**(user.user_preferences or {}), "role": user.role}],
        "time_zone": user.time_zone,
        "working_hours": user.working_hours or {},
        "sign_in": {
            "password": user.password_hash is not None,
            "sso": user.sso_subject is not None,
            "last_login_at": iso(user.last_login_at) if user.last_login_at else None,
        },
        "created_at": iso(user.created_at),
        "updated_at": iso(user.updated_at),
    }


class SignIn(BaseModel):
    password: bool = Field(description="A password is set.")
    sso: bool = Field(description="The person has signed in by SSO.")
    last_login_at: str | None


class UserOut(BaseModel):
    """A person (both APIs). Built from :func:`user_fields` only."""

    id: str = Field(examples=["usr-8a2bf2c4-44ff-4f0e-9d6a-0c2f5b1e7a10"])
    email: str
    first_name: str
    last_name: str
    role: Role
    company_role: str = Field(description="The doc's role name (Admin, User, Interviewer).")
    is_enabled: bool
    external_id: str | None
    user_preferences: list[dict[str, Any]] = Field(description="The doc's `[{role}]`.")
    time_zone: str
    working_hours: dict[str, Any]
    sign_in: SignIn
    created_at: str
    updated_at: str


class UserRead(BaseModel):
    """The unversioned API's single-user answer (doc)."""

    user: UserOut


class UserEnvelope(UserRead):
    """The unversioned API's answer to provisioning: the user and their link."""

    invitation_url: str | None = Field(
        default=None,
        description="On creation: the one-time link to set a password (72 h), when the person "
        "signs in with a password. Shown only in this answer.",
    )


class UserList(BaseModel):
    """The unversioned API's list."""

    users: list[UserOut]
    pagination: Pagination


class UserCreated(UserOut):
    invitation_url: str | None = Field(
        default=None,
        description="The one-time link to set a password (72 h); only in this answer.",
    )


class Success(BaseModel):
    success: bool = True
