"""The one place where tenant scope is applied.

Every ORM repository derives from :class:`TenantRepository`: it takes the caller's principal and
adds ``tenant_id = <principal's tenant>`` to every statement it builds. Prepared statements (the
lanes, and everything written through a :class:`~peoplelens.kit.db.transaction.Transaction`)
carry :func:`tenant_scope` — a ``:tenant_id`` parameter — which :class:`TenantReads` and
:class:`TenantWrites` always bind to the principal's tenant, refusing a statement without it;
``TenantWrites`` stamps the tenant on every row it inserts.

Nothing else in the code base compares a ``tenant_id`` or a tenant's id (``tests/structure``
checks the source, and checks that every prepared statement scopes every tenant-owned table it
reads), so a forgotten filter cannot exist. The few lookups that *find* the tenant — an API
key by its hash, a booking link by its token, the worker's claim of due work — are
:func:`unscoped` by name, where a reader sees it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar

from sqlalchemy import ColumnElement, Select, bindparam, delete, func, insert, select
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from peoplelens.kit.db.prepared import Prepared, PreparedInsert
from peoplelens.kit.db.transaction import SessionTx, Transaction, tx_of
from peoplelens.kit.ids import not_found

if TYPE_CHECKING:
    from peoplelens.kit.db.reads import ReadLane


class TenantBound(Protocol):
    @property
    def tenant_id(self) -> uuid.UUID: ...


M = TypeVar("M")
TENANT_PARAM = "tenant_id"


def in_tenant(model: Any, tenant_id: uuid.UUID) -> ColumnElement[bool]:
    """``<model>.tenant_id = <tenant>``."""
    condition: ColumnElement[bool] = model.tenant_id == tenant_id
    return condition


def tenant_scope(model: Any) -> ColumnElement[bool]:
    """``<model>.tenant_id = :tenant_id`` for a prepared statement (bound by the readers and
    writers below); ``model`` may be an alias."""
    condition: ColumnElement[bool] = model.tenant_id == bindparam(TENANT_PARAM)
    return condition


def own_tenant_scope(tenant_model: Any) -> ColumnElement[bool]:
    """``tenants.id = :tenant_id``: the principal's own tenant row, for a prepared statement."""
    condition: ColumnElement[bool] = tenant_model.id == bindparam(TENANT_PARAM)
    return condition


def tenant_of(model: Any, tenant_model: Any) -> ColumnElement[bool]:
    """The join of a row to its tenant (``tenants.id = <model>.tenant_id``)."""
    condition: ColumnElement[bool] = tenant_model.id == model.tenant_id
    return condition


S = TypeVar("S")


def unscoped(stmt: S) -> S:
    """Marks a statement that reads across tenants on purpose (it finds the tenant, or is the
    worker's claim over every tenant's queue). Returns it unchanged."""
    return stmt


class TenantRepository(Generic[M]):
    model: ClassVar[type[Any]]
    # The public id prefix of the model ("can"), for the 404 of get_or_404.
    kind: ClassVar[str] = ""

    def __init__(self, session: Session, principal: TenantBound) -> None:
        self.session = session
        self.principal = principal
        self.tenant_id = principal.tenant_id

    # -- scope -------------------------------------------------------------------------------
    def in_tenant(self, model: type[Any] | None = None) -> ColumnElement[bool]:
        """``<model>.tenant_id = :tenant`` for the principal's tenant."""
        return in_tenant(model if model is not None else self.model, self.tenant_id)

    def select(self) -> Select[Any]:
        return select(self.model).where(self.in_tenant())

    def own_tenant(self, tenant_model: type[Any]) -> Any:
        """The principal's own tenant row."""
        return self.session.scalars(
            select(tenant_model).where(tenant_model.id == self.tenant_id)
        ).one()

    # -- common operations -------------------------------------------------------------------
    def get(self, id_: uuid.UUID) -> M | None:
        row: M | None = self.session.scalars(
            self.select().where(self.model.id == id_)
        ).one_or_none()
        return row

    def get_or_404(self, id_: uuid.UUID, *, param: str | None = "id", lock: bool = False) -> M:
        """The row, or the 404 a missing and a foreign id both get (``lock``: FOR UPDATE)."""
        stmt = self.select().where(self.model.id == id_)
        row: M | None = self.session.scalars(stmt.with_for_update() if lock else stmt).one_or_none()
        if row is None:
            raise not_found(self.kind, id_, param=param)
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
    """Tenant-scoped statements in the one transaction — a lane's or a session's (given as the
    session itself, for the ORM services)."""

    def __init__(self, tx: Transaction | Session, principal: TenantBound) -> None:
        self.tx: Transaction = tx_of(tx) if isinstance(tx, Session) else tx
        super().__init__(self.tx.dialect, principal)
        self.principal = principal

    async def one(self, stmt: Prepared, **values: Any) -> dict[str, Any] | None:
        return await self.tx.fetch_one(stmt, self.scoped(stmt, values))

    def one_now(self, stmt: Prepared, **values: Any) -> dict[str, Any] | None:
        """:meth:`one` for session services, which already run off the event loop."""
        if not isinstance(self.tx, SessionTx):
            raise TypeError("one_now() is for a session's transaction; on a lane, await one()")
        rows = self.tx.fetch_all_now(stmt, self.scoped(stmt, values))
        return rows[0] if rows else None

    async def execute(self, stmt: Prepared, **values: Any) -> int:
        """An UPDATE or DELETE (scoped like a read); the number of rows it touched."""
        return await self.tx.execute(stmt, self.scoped(stmt, values))

    def queue(self, stmt: Prepared, **values: Any) -> None:
        """An UPDATE or DELETE whose rowcount nobody needs, sent later (see ``Transaction``)."""
        self.tx.queue(stmt, self.scoped(stmt, values))

    def insert(self, stmt: PreparedInsert, row: dict[str, Any]) -> None:
        """Queues one row, stamped with the tenant; omitted columns take their defaults."""
        row["tenant_id"] = self.tenant_id
        self.tx.queue(stmt, stmt.row(row))

    async def insert_now(self, stmt: PreparedInsert, row: dict[str, Any]) -> None:
        """:meth:`insert`, sent at once (a constraint it violates is raised here)."""
        row["tenant_id"] = self.tenant_id
        await self.tx.execute(stmt, stmt.row(row))
