"""People over REST (spec §6): the unversioned `/api/users…` of the published users tab
(`{"user": …}`, `{"success": true}`) and `/api/v1/users…` (`{data, pagination}`). Both call the
same service and show people through ``schemas.user_fields``. Managing people takes the admin
scope (or an admin's session); ``GET /api/v1/users/me`` answers any signed-in person."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Query, status
from sqlalchemy.orm import Session

from peoplelens.auth.principal import Principal
from peoplelens.boundary.dependencies import (
    AdminPrincipal,
    AssignedReadPrincipal,
    RuntimeDep,
    SessionDep,
)
from peoplelens.boundary.router import api_router, not_found_doc, responses
from peoplelens.kit.errors import InvalidRequest, NotFound
from peoplelens.kit.ids import UserID
from peoplelens.kit.pagination import Page, paginate
from peoplelens.kit.params import PageDep
from peoplelens.kit.schemas import ListResponse, Pagination
from peoplelens.models import User
from peoplelens.runtime import Runtime
from peoplelens.users import provisioning, service
from peoplelens.users.repository import UserRepository
from peoplelens.users.roles import parse_role, role_message
from peoplelens.users.schemas import (
    Success,
    UserCreate,
    UserCreated,
    UserEnvelope,
    UserList,
    UserOut,
    UserPatch,
    UserRead,
    user_fields,
)

router = api_router("users")
unversioned = api_router("users (unversioned)", prefix_override="/api")
_404 = not_found_doc("user")

RoleQuery = Annotated[
    Literal["admin", "recruiter", "interviewer", "Admin", "User"] | None,
    Query(description="admin, recruiter or interviewer (or the doc's Admin, User)."),
]
EmailQuery = Annotated[
    str | None, Query(max_length=320, description="Exact e-mail address (any case).")
]
SearchQuery = Annotated[
    str | None, Query(max_length=200, description="A part of the name or e-mail address.")
]


def _out(user: User) -> UserOut:
    return UserOut.model_validate(user_fields(user))


def _role_filter(raw: str | None) -> str | None:
    if raw is None:
        return None
    role = parse_role(raw)
    if role is None:
        raise InvalidRequest(role_message(), param="role")
    return role


def _page(
    session: Session,
    principal: Principal,
    page: Any,
    *,
    email: str | None = None,
    search: str | None = None,
    role: str | None = None,
    enabled: bool | None = None,
) -> Page[User]:
    stmt = UserRepository(session, principal).query(
        email=email, search=search, role=_role_filter(role), enabled=enabled
    )
    return paginate(session, stmt, User, page)


def _create(
    session: Session, principal: Principal, runtime: Runtime, body: UserCreate
) -> tuple[User, str | None]:
    return provisioning.create_with_link(
        session, principal, runtime.settings, runtime.secret_key, body
    )


# -- /api/v1/users ---------------------------------------------------------------------------


@router.get("/users", response_model=ListResponse[UserOut])
def list_users(
    principal: AdminPrincipal,
    session: SessionDep,
    page: PageDep,
    email: EmailQuery = None,
    role: RoleQuery = None,
    search: SearchQuery = None,
    include_deactivated: Annotated[
        bool, Query(description="Also list deactivated people (default: active only).")
    ] = False,
) -> ListResponse[UserOut]:
    """The account's active people, newest first (doc: `email` filter, `limit`)."""
    result = _page(
        session,
        principal,
        page,
        email=email,
        search=search,
        role=role,
        enabled=None if include_deactivated else True,
    )
    return ListResponse[UserOut].of([_out(u) for u in result.items], result)


_409 = responses(r409="The e-mail address or external_id belongs to another user.")


@router.post(
    "/users", response_model=UserCreated, status_code=status.HTTP_201_CREATED, responses=_409
)
def create_user(
    body: UserCreate, principal: AdminPrincipal, session: SessionDep, runtime: RuntimeDep
) -> UserCreated:
    """Provisions a person. `invitation_url` — their one-time link to set a password (72 h) —
    is in this answer only (none when the workspace requires SSO), and e-mailed to them when
    the server sends mail."""
    user, link = _create(session, principal, runtime, body)
    return UserCreated.model_validate({**user_fields(user), "invitation_url": link})


@router.get("/users/me", response_model=UserOut, responses=_404)
def who_am_i(principal: AssignedReadPrincipal, session: SessionDep) -> UserOut:
    """The signed-in person (an API key is nobody: 404)."""
    if principal.user_id is None:
        raise NotFound("An API key is not a person: /users/me answers signed-in people only.")
    return _out(service.get_user(session, principal, principal.user_id))


@router.get("/users/{id}", response_model=UserOut, responses=_404)
def get_user(id: UserID, principal: AdminPrincipal, session: SessionDep) -> UserOut:
    return _out(service.get_user(session, principal, id))


@router.patch("/users/{id}", response_model=UserOut, responses=_404 | _409)
def update_user(
    id: UserID, body: UserPatch, principal: AdminPrincipal, session: SessionDep
) -> UserOut:
    """Changes a person; `is_enabled: false` ends their sessions at once."""
    user = service.get_user(session, principal, id, to_revive=True)
    service.change_user(session, principal, user, body)
    return _out(user)


@router.delete("/users/{id}", response_model=UserOut, responses=_404)
def deactivate_user(id: UserID, principal: AdminPrincipal, session: SessionDep) -> UserOut:
    """A soft delete (doc): the person is deactivated — no sign-in, sessions end — and kept,
    so history and audit entries still name them."""
    user = service.get_user(session, principal, id)
    service.deactivate_user(session, principal, user)
    return _out(user)


@router.post(
    "/users/{id}/invitation",
    response_model=UserCreated,
    responses=_404 | responses(r409="The person is deactivated."),
    status_code=201,
)
def new_invitation(
    id: UserID, principal: AdminPrincipal, session: SessionDep, runtime: RuntimeDep
) -> UserCreated:
    """A fresh one-time set-password link (72 h) for a person — an invitation sent again or a
    password reset; earlier links stop working. E-mailed too when the server sends mail."""
    user = service.get_user(session, principal, id)
    link = provisioning.new_invitation(
        session, principal, runtime.settings, runtime.secret_key, user
    )
    return UserCreated.model_validate({**user_fields(user), "invitation_url": link})


# -- /api/users (unversioned, doc) -----------------------------------------------------------


@unversioned.get("/users", response_model=UserList)
def list_users_unversioned(
    principal: AdminPrincipal,
    session: SessionDep,
    page: PageDep,
    search: SearchQuery = None,
    role: RoleQuery = None,
    email: EmailQuery = None,
) -> UserList:
    """Every person of the account, enabled or not (doc: `search`, `role`; `email` exact, as
    in `/api/v1/users`)."""
    result = _page(session, principal, page, search=search, role=role, email=email)
    return UserList(
        users=[_out(u) for u in result.items],
        pagination=Pagination(
            total=result.total,
            limit=result.limit,
            offset=result.offset,
            next_cursor=result.next_cursor,
        ),
    )


@unversioned.post(
    "/users", response_model=UserEnvelope, status_code=status.HTTP_201_CREATED, responses=_409
)
def provision_user(
    body: UserCreate, principal: AdminPrincipal, session: SessionDep, runtime: RuntimeDep
) -> UserEnvelope:
    """Provisions a person (doc: email, first_name, last_name, role, external_id)."""
    user, link = _create(session, principal, runtime, body)
    return UserEnvelope(user=_out(user), invitation_url=link)


@unversioned.get("/users/{id}", response_model=UserRead, responses=_404)
def get_user_unversioned(id: UserID, principal: AdminPrincipal, session: SessionDep) -> UserRead:
    return UserRead(user=_out(service.get_user(session, principal, id)))


@unversioned.patch("/users/{id}", response_model=Success, responses=_404 | _409)
def update_user_unversioned(
    id: UserID, body: UserPatch, principal: AdminPrincipal, session: SessionDep
) -> Success:
    """Changes a person (doc: first_name, last_name, role, is_enabled)."""
    user = service.get_user(session, principal, id, to_revive=True)
    service.change_user(session, principal, user, body)
    return Success()


@unversioned.delete("/users/{id}", response_model=Success, responses=_404)
def delete_user_unversioned(id: UserID, principal: AdminPrincipal, session: SessionDep) -> Success:
    """Removes the person's access and unassigns their records (doc); the row stays so history
    and the audit log keep naming them."""
    user = service.get_user(session, principal, id)
    service.delete_user(session, principal, user)
    return Success()
