"""The one place where tenant scope is applied.

Every repository derives from :class:`TenantRepository`; it takes the request's principal and
adds ``tenant_id = <principal's tenant>`` to every statement it builds. Nothing else in the code
base filters on ``tenant_id`` (a test greps for it), so a forgotten filter cannot exist.

The hot paths use :class:`TenantReads` (read lane) and :class:`TenantWrites` (write lane)
instead — raw driver, no ORM session: their statements carry :func:`tenant_scope` — a
``:tenant_id`` parameter — and both refuse a statement without it and always bind it to the
principal's tenant; ``TenantWrites`` stamps the tenant on every row it inserts.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar

from sqlalchemy import ColumnElement, Select, bindparam, delete, func, insert, select
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from peoplelens.kit.db.prepared import Prepared, PreparedInsert
from peoplelens.models.base import Base

if TYPE_CHECKING:
    from peoplelens.kit.db.reads import ReadLane
    from peoplelens.kit.db.writes import WriteTx


class TenantBound(Protocol):
    @property
    def tenant_id(self) -> uuid.UUID: ...


M = TypeVar("M", bound=Base)


class TenantRepository(Generic[M]):
    model: ClassVar[type[Any]]

    def __init__(self, session: Session, principal: TenantBound) -> None:
        self.session = session
        self.principal = principal
        self.tenant_id = principal.tenant_id

    # -- scope -------------------------------------------------------------------------------
    def in_tenant(self, model: type[Any] | None = None) -> ColumnElement[bool]:
        """``<model>.tenant_id = :tenant`` for the principal's tenant."""
        target = model if model is not None else self.model
        condition: ColumnElement[bool] = target.tenant_id == self.tenant_id
        return condition

    def select(self) -> Select[M]:
        return select(self.model).where(self.in_tenant())

    # -- common operations -------------------------------------------------------------------
    def get(self, id_: uuid.UUID) -> M | None:
        row: M | None = self.session.scalars(
            self.select().where(self.model.id == id_)
        ).one_or_none()
        return row

    def get_for_update(self, id_: uuid.UUID) -> M | None:
        row: M | None = self.session.scalars(
            self.select().where(self.model.id == id_).with_for_update()
        ).one_or_none()
        return row

    def add(self, obj: M) -> M:
        obj.tenant_id = self.tenant_id  # type: ignore[attr-defined]
        self.session.add(obj)
        return obj

    def insert_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        """Bulk insert (one executemany); each row is stamped with the tenant."""
        if not rows:
            return
        for row in rows:
            row["tenant_id"] = self.tenant_id
        self.session.execute(insert(self.model), list(rows))

    def delete_by_id(self, id_: uuid.UUID) -> bool:
        result = self.session.execute(
            delete(self.model).where(self.in_tenant(), self.model.id == id_)
        )
        return bool(getattr(result, "rowcount", 0))

    def count(self, *conditions: ColumnElement[bool]) -> int:
        stmt = select(func.count()).select_from(self.model).where(self.in_tenant(), *conditions)
        return int(self.session.scalar(stmt) or 0)


TENANT_PARAM = "tenant_id"


def tenant_scope(model: type[Any]) -> ColumnElement[bool]:
    """``<model>.tenant_id = :tenant_id`` for a prepared read; bound by :class:`TenantReads`."""
    condition: ColumnElement[bool] = model.tenant_id == bindparam(TENANT_PARAM)
    return condition


def own_tenant_scope(tenant_model: type[Any]) -> ColumnElement[bool]:
    """``tenants.id = :tenant_id``: the principal's own tenant row, for a prepared statement."""
    condition: ColumnElement[bool] = tenant_model.id == bindparam(TENANT_PARAM)
    return condition


class _Scoped:
    """Binds ``:tenant_id`` of a prepared statement to the principal's tenant, and refuses a
    statement that does not carry it (``tenant_scope()``)."""

    def __init__(self, dialect: Dialect, principal: TenantBound) -> None:
        self.dialect = dialect
        self.tenant_id = principal.tenant_id

    def scoped(self, stmt: Prepared, values: dict[str, Any]) -> dict[str, Any]:
        if TENANT_PARAM not in stmt.compiled(self.dialect).bind_names:
            raise RuntimeError("A prepared statement must be scoped with tenant_scope().")
        values[TENANT_PARAM] = self.tenant_id
        return values


class TenantReads(_Scoped):
    """Tenant-scoped single-statement reads on the read lane (see ``kit/db/prepared.py``)."""

    def __init__(self, lane: ReadLane, principal: TenantBound) -> None:
        super().__init__(lane.dialect, principal)
        self.lane = lane

    async def one(self, read: Prepared, **values: Any) -> dict[str, Any] | None:
        return await self.lane.fetch_one(read, self.scoped(read, values))

    async def all(self, read: Prepared, **values: Any) -> list[dict[str, Any]]:
        return await self.lane.fetch_all(read, self.scoped(read, values))


class TenantWrites(_Scoped):
    """Tenant-scoped statements in the request's write-lane transaction (``lanes.WriteTx``)."""

    def __init__(self, tx: WriteTx, principal: TenantBound) -> None:
        super().__init__(tx.dialect, principal)
        self.tx = tx
        self.principal = principal

    async def one(self, stmt: Prepared, **values: Any) -> dict[str, Any] | None:
        return await self.tx.fetch_one(stmt, self.scoped(stmt, values))

    async def execute(self, stmt: Prepared, **values: Any) -> int:
        """An UPDATE or DELETE (scoped like a read); the number of rows it touched."""
        return await self.tx.execute(stmt, self.scoped(stmt, values))

    def queue(self, stmt: Prepared, **values: Any) -> None:
        """An UPDATE or DELETE whose rowcount nobody needs, sent later (see ``lanes.WriteTx``)."""
        self.tx.queue(stmt, self.scoped(stmt, values))

    def insert(self, stmt: PreparedInsert, row: dict[str, Any]) -> None:
        """Queues one row, stamped with the tenant; omitted columns take their defaults."""
        row["tenant_id"] = self.tenant_id
        self.tx.queue(stmt, stmt.row(row))
