"""One interface for the one transaction of a request or task, with two adapters.

* :class:`~peoplelens.kit.db.writes.WriteTx` — the raw driver on the event loop (hot writes);
* :class:`SessionTx` — an ORM session; the same prepared Core statements run through it.

Everything that writes through the interface (``TenantWrites``: the audit log, the event
outbox, idempotency records, the hot candidate writes) therefore has one implementation that
serves both paths.

*Queued* statements are writes nobody waits on. The lane sends them with its next statement or
its COMMIT; the session adapter sends them with its next statement through this interface or
just before the session commits (after the ORM has flushed, so a queued row may refer to a row
the ORM added), whoever commits it — the request boundary, the worker or the CLI. A rollback
drops what it rolls back (a savepoint's rollback only what came after the savepoint); a
transaction that ends any other way (the session closed) drops the rest.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any, Protocol

from sqlalchemy import CursorResult, event
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker
from starlette.concurrency import run_in_threadpool

from peoplelens.kit.db.prepared import Prepared

_TX_KEY = "peoplelens.tx"


class Transaction(Protocol):
    """What a repository may do inside the one transaction (see the module docstring)."""

    @property
    def dialect(self) -> Dialect: ...

    @property
    def info(self) -> dict[str, Any]:
        """Facts for the code that commits (e.g. revoked key hashes to forget afterwards)."""
        ...

    async def fetch_all(
        self, stmt: Prepared, values: Mapping[str, Any]
    ) -> list[dict[str, Any]]: ...

    async def fetch_one(
        self, stmt: Prepared, values: Mapping[str, Any]
    ) -> dict[str, Any] | None: ...

    async def execute(self, stmt: Prepared, values: Mapping[str, Any]) -> int:
        """Runs an INSERT, UPDATE or DELETE now; the number of rows it touched."""
        ...

    def queue(self, stmt: Prepared, values: Mapping[str, Any]) -> None:
        """A write nobody waits on, sent later (a violated constraint is raised there)."""
        ...

    def discard(self) -> None:
        """Roll back instead of committing at the end (an answer that must change nothing)."""
        ...


class SessionTx:
    """A session as a :class:`Transaction`; one per session (:func:`tx_of`)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.dialect = session.get_bind().dialect
        self.queued: list[tuple[Prepared, dict[str, Any]]] = []
        self.discarded = False
        # Open savepoints (by id) → how much was queued when each began.
        self.savepoints: dict[int, int] = {}

    @property
    def info(self) -> dict[str, Any]:
        return self.session.info

    def discard(self) -> None:
        self.discarded = True

    def queue(self, stmt: Prepared, values: Mapping[str, Any]) -> None:
        if not self.session.in_transaction():
            # The statement belongs to this transaction: make it exist (no I/O yet), so that
            # a rollback with nothing sent still drops it.
            self.session.begin()
        self.queued.append((stmt, dict(values)))

    def send_queued(self) -> None:
        """Flushes the ORM, then sends the queued statements (runs of the same statement as one
        executemany: a bulk create's thousand events are one call)."""
        self.session.flush()
        queued, self.queued = self.queued, []
        start = 0
        while start < len(queued):
            end = start + 1
            while end < len(queued) and queued[end][0] is queued[start][0]:
                end += 1
            compiled = queued[start][0].compiled(self.dialect)
            rows = [compiled.parameters(values) for _, values in queued[start:end]]
            self._driver(compiled.sql, rows if len(rows) > 1 else rows[0])
            start = end

    def _driver(self, sql: str, params: Any) -> CursorResult[Any]:
        """The statement as the lane sends it: SQLAlchemy compiled it once, with its bind and
        result processors (``Prepared``), so both adapters run the same SQL."""
        return self.session.connection().exec_driver_sql(sql, params)

    def fetch_all_now(self, stmt: Prepared, values: Mapping[str, Any]) -> list[dict[str, Any]]:
        """:meth:`fetch_all` for code already running in a worker thread."""
        self.send_queued()
        compiled = stmt.compiled(self.dialect)
        result = self._driver(compiled.sql, compiled.parameters(values))
        return [compiled.record(tuple(row)) for row in result]

    def execute_now(self, stmt: Prepared, values: Mapping[str, Any]) -> int:
        self.send_queued()
        compiled = stmt.compiled(self.dialect)
        return int(self._driver(compiled.sql, compiled.parameters(values)).rowcount or 0)

    async def fetch_all(self, stmt: Prepared, values: Mapping[str, Any]) -> list[dict[str, Any]]:
        return await run_in_threadpool(self.fetch_all_now, stmt, values)

    async def fetch_one(self, stmt: Prepared, values: Mapping[str, Any]) -> dict[str, Any] | None:
        rows = await self.fetch_all(stmt, values)
        return rows[0] if rows else None

    async def execute(self, stmt: Prepared, values: Mapping[str, Any]) -> int:
        return await run_in_threadpool(self.execute_now, stmt, values)


def tx_of(session: Session) -> SessionTx:
    """The session's transaction adapter (made on first use, kept in ``session.info``)."""
    found = session.info.get(_TX_KEY)
    if found is None:
        found = session.info[_TX_KEY] = SessionTx(session)
    assert isinstance(found, SessionTx)
    return found


@event.listens_for(Session, "before_commit")
def _send_before_commit(session: Session) -> None:
    found = session.info.get(_TX_KEY)
    if isinstance(found, SessionTx) and found.queued:
        found.send_queued()


@event.listens_for(Session, "after_transaction_create")
def _mark_savepoint(session: Session, transaction: SessionTransaction) -> None:
    found = session.info.get(_TX_KEY)
    if isinstance(found, SessionTx) and transaction.nested:
        found.savepoints[id(transaction)] = len(found.queued)


@event.listens_for(Session, "after_soft_rollback")
def _drop_after_rollback(session: Session, previous_transaction: SessionTransaction) -> None:
    """A rollback drops what was queued in what it rolled back: everything (the transaction), or
    what came after the savepoint — also when nothing had been sent yet."""
    found = session.info.get(_TX_KEY)
    if not isinstance(found, SessionTx):
        return
    if previous_transaction.nested:
        del found.queued[found.savepoints.pop(id(previous_transaction), 0) :]
    elif previous_transaction.parent is None:
        found.queued.clear()


@event.listens_for(Session, "after_transaction_end")
def _drop_at_the_end(session: Session, transaction: SessionTransaction) -> None:
    """The transaction is over however it ended (closing the session included): nothing
    queued in it may be sent later."""
    found = session.info.get(_TX_KEY)
    # The outermost one only: a flush runs in an inner (not nested) transaction of its own.
    if isinstance(found, SessionTx) and transaction.parent is None:
        found.queued.clear()
        found.savepoints.clear()


def _commit_and_close(session: Session, tx: SessionTx) -> None:
    """One thread hop for the end of a request (each hop costs as much as a small query)."""
    try:
        if tx.discarded:
            session.rollback()
        else:
            session.commit()
    finally:
        session.close()


def _rollback_and_close(session: Session) -> None:
    try:
        session.rollback()
    finally:
        session.close()


@asynccontextmanager
async def session_transaction(factory: sessionmaker[Session]) -> AsyncIterator[SessionTx]:
    """A session from ``factory`` as the request's transaction, committed (in a worker thread)
    when the block ends, rolled back if it raises or if the transaction was discarded."""
    session = factory()
    tx = tx_of(session)
    try:
        yield tx
    except BaseException:
        await run_in_threadpool(_rollback_and_close, session)
        raise
    await run_in_threadpool(_commit_and_close, session, tx)
