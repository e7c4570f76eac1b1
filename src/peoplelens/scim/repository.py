"""All SQL of SCIM: the tenant's live people (a deleted person is gone for SCIM) filtered by a
SCIM filter compiled to SQL, and the tenant's directory groups."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, false, func, not_, or_, select, true

from peoplelens.kit.ids import try_parse
from peoplelens.kit.repository import TenantRepository
from peoplelens.models import ScimGroup, User
from peoplelens.scim import filters as f
from peoplelens.scim.errors import ScimError

# Filterable attributes of a User: the column and how it compares. "key": the column is
# already lower case (userName, the e-mail); "fold": compared lower-cased; "exact": as is
# (externalId is case-exact, RFC 7643 §3.1).
_USER_COLUMNS: dict[str, tuple[Any, str]] = {
    "username": (User.email_key, "key"),
    "emails": (User.email_key, "key"),
    "emails.value": (User.email_key, "key"),
    "externalid": (User.external_id, "exact"),
    "name.givenname": (User.first_name, "fold"),
    "name.familyname": (User.last_name, "fold"),
    "title": (User.company_role, "fold"),
}
FILTERABLE_USER_ATTRIBUTES = (
    "userName, emails.value, emails.type, externalId, id, active, name.givenName, "
    "name.familyName, title"
)


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_")


def _string_condition(column: Any, how: str, op: str, value: Any) -> ColumnElement[bool]:
    if op == "pr":
        present: ColumnElement[bool] = column.is_not(None) & (column != "")
        return present
    if value is None:
        if op == "eq":
            return column.is_(None)  # type: ignore[no-any-return]
        if op == "ne":
            return column.is_not(None)  # type: ignore[no-any-return]
        return false()
    if not isinstance(value, str):
        raise ScimError(
            f"Compare this attribute with a string, not {value!r}.", code="invalidFilter"
        )
    target = column if how != "fold" else func.lower(column)
    want = value if how == "exact" else value.strip().lower() if how == "key" else value.lower()
    ops: dict[str, Callable[[], ColumnElement[bool]]] = {
        "eq": lambda: target == want,
        "ne": lambda: or_(target != want, column.is_(None)),
        "co": lambda: target.like(f"%{_like(want)}%", escape="\\"),
        "sw": lambda: target.like(f"{_like(want)}%", escape="\\"),
        "ew": lambda: target.like(f"%{_like(want)}", escape="\\"),
        "gt": lambda: target > want,
        "ge": lambda: target >= want,
        "lt": lambda: target < want,
        "le": lambda: target <= want,
    }
    return ops[op]()


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise ScimError("Compare 'active' with true or false.", code="invalidFilter")


def user_condition(node: f.Node, prefix: str = "") -> ColumnElement[bool]:
    """A SCIM filter on Users as a SQL condition (unknown attributes: 400 invalidFilter)."""
    if isinstance(node, f.And):
        return user_condition(node.left, prefix) & user_condition(node.right, prefix)
    if isinstance(node, f.Or):
        return or_(user_condition(node.left, prefix), user_condition(node.right, prefix))
    if isinstance(node, f.Not):
        return not_(user_condition(node.inner, prefix))
    if isinstance(node, f.ValuePath):
        if prefix or node.attr != "emails":
            raise ScimError(
                f"Value filters are supported on 'emails', not '{node.attr}'.",
                code="invalidFilter",
            )
        return user_condition(node.inner, "emails.")
    attr = prefix + node.attr
    op = "pr" if isinstance(node, f.Present) else node.op
    value = None if isinstance(node, f.Present) else node.value
    if attr == "emails.type":
        if op == "pr":
            return true()
        return true() if f.matches(node, {"type": "work"}) else false()
    if attr == "id":
        if op == "pr":
            return true()
        parsed = try_parse("usr", value) if isinstance(value, str) else None
        if op not in ("eq", "ne"):
            raise ScimError("Compare 'id' with eq or ne.", code="invalidFilter")
        hit = User.id == parsed if parsed is not None else false()
        return hit if op == "eq" else not_(hit)
    if attr == "active":
        if op == "pr":
            return true()
        if op not in ("eq", "ne"):
            raise ScimError("Compare 'active' with eq or ne.", code="invalidFilter")
        return User.is_enabled.is_(_bool(value) if op == "eq" else not _bool(value))
    found = _USER_COLUMNS.get(attr)
    if found is None:
        raise ScimError(
            f"Users cannot be filtered by '{attr}'; use {FILTERABLE_USER_ATTRIBUTES}.",
            code="invalidFilter",
        )
    column, how = found
    return _string_condition(column, how, op, value)


class ScimUserRepository(TenantRepository[User]):
    """The tenant's people as SCIM sees them: a deleted person (``deleted_at``) is gone."""

    model = User
    kind = "usr"

    def live(self, user_id: uuid.UUID) -> User | None:
        row: User | None = self.session.scalars(
            self.select().where(User.id == user_id, User.deleted_at.is_(None))
        ).one_or_none()
        return row

    def page(self, node: f.Node | None, offset: int, limit: int) -> tuple[int, list[User]]:
        """``(total, rows)`` of the people ``node`` matches, oldest first."""
        stmt = self.select().where(User.deleted_at.is_(None))
        if node is not None:
            stmt = stmt.where(user_condition(node))
        total = int(self.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)
        if limit <= 0:
            return total, []
        rows = self.session.scalars(
            stmt.order_by(User.created_at, User.id).offset(offset).limit(limit)
        ).all()
        return total, list(rows)

    def by_ids(self, ids: list[uuid.UUID]) -> list[User]:
        if not ids:
            return []
        return list(
            self.session.scalars(
                self.select().where(User.id.in_(ids), User.deleted_at.is_(None))
            ).all()
        )


class ScimGroupRepository(TenantRepository[ScimGroup]):
    model = ScimGroup
    kind = "grp"

    def by_name_key(self, key: str) -> ScimGroup | None:
        row: ScimGroup | None = self.session.scalars(
            self.select().where(ScimGroup.display_name_key == key)
        ).one_or_none()
        return row

    def every(self) -> list[ScimGroup]:
        """All the tenant's groups (a directory pushes tens, not thousands), oldest first."""
        return list(
            self.session.scalars(self.select().order_by(ScimGroup.created_at, ScimGroup.id)).all()
        )
