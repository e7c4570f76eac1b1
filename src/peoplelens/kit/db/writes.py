"""The write lane: one raw-driver transaction per request on the event loop, no ORM session.

Used by the hot writes (``POST``/``PATCH /candidates``); :class:`WriteTx` is one of the two
adapters of :class:`~peoplelens.kit.db.transaction.Transaction` (the other wraps a session).
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import threading
from collections.abc import AsyncIterator, Mapping
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import psycopg
from sqlalchemy.engine import Dialect

from peoplelens.kit.db.prepared import Prepared
from peoplelens.kit.db.reads import PostgresReadLane, ReadLane, SqliteReadLane
from peoplelens.kit.db.sqlite import WRITER_PRAGMAS


class WriteTx:
    """The request's one write transaction on the write lane: prepared statements only (the
    lane's adapter of :class:`~peoplelens.kit.db.transaction.Transaction`).

    Writes whose answer nobody waits for (inserts, counter updates) are *queued*: they are sent
    with the next statement or with the commit — on PostgreSQL in one pipelined round trip —
    and a constraint they violate is raised there, inside the transaction, like any other.
    """

    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect
        self.discarded = False
        self.queued: list[tuple[str, Any]] = []
        self.info: dict[str, Any] = {}

    def discard(self) -> None:
        """Roll back instead of committing at the end (an answer that must change nothing)."""
        self.discarded = True

    def queue(self, stmt: Prepared, values: Mapping[str, Any]) -> None:
        compiled = stmt.compiled(self.dialect)
        self.queued.append((compiled.sql, compiled.parameters(values)))

    async def fetch_one(self, stmt: Prepared, values: Mapping[str, Any]) -> dict[str, Any] | None:
        rows = await self.fetch_all(stmt, values)
        return rows[0] if rows else None

    async def fetch_all(self, stmt: Prepared, values: Mapping[str, Any]) -> list[dict[str, Any]]:
        compiled = stmt.compiled(self.dialect)
        rows, _ = await self._send(compiled.sql, compiled.parameters(values), fetch=True)
        return [compiled.record(row) for row in rows]

    async def execute(self, stmt: Prepared, values: Mapping[str, Any]) -> int:
        """Runs an INSERT, UPDATE or DELETE now; the number of rows it touched."""
        compiled = stmt.compiled(self.dialect)
        _, rowcount = await self._send(compiled.sql, compiled.parameters(values), fetch=False)
        return rowcount

    async def _send(self, sql: str, params: Any, fetch: bool) -> tuple[list[Any], int]:
        """Sends the queued writes, then this statement: its rows (if fetched), its rowcount."""
        raise NotImplementedError


class WriteLane:
    """Hot writes with the raw driver, awaited on the event loop: one transaction per request,
    each statement a :class:`~peoplelens.kit.db.prepared.Prepared` one.

    Through the ORM session a one-row create costs ~1.8 ms of CPU (six statements at ~0.25 ms
    of statement building and unit-of-work plumbing each, plus two thread hops); here each
    statement costs what the driver costs. The lane takes the same constraints, the same
    processors and the same tenant scope (``TenantWrites``) as the ORM path.
    """

    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect

    def transaction(self) -> AbstractAsyncContextManager[WriteTx]:
        raise NotImplementedError

    async def close(self) -> None:
        """Closes the connections opened by the running event loop."""

    @staticmethod
    def for_read_lane(reads: ReadLane) -> WriteLane:
        if isinstance(reads, SqliteReadLane):
            return SqliteWriteLane(reads)
        assert isinstance(reads, PostgresReadLane)
        return PostgresWriteLane(reads)


class _SqliteTx(WriteTx):
    def __init__(self, dialect: Dialect, conn: sqlite3.Connection) -> None:
        super().__init__(dialect)
        self.conn = conn

    def send_queued(self) -> None:
        for sql, params in self.queued:
            self.conn.execute(sql, params)
        self.queued.clear()

    async def _send(self, sql: str, params: Any, fetch: bool) -> tuple[list[Any], int]:
        self.send_queued()
        cursor = self.conn.execute(sql, params)
        return (cursor.fetchall() if fetch else []), cursor.rowcount


class SqliteWriteLane(WriteLane):
    """One write connection per thread, used on the event loop: SQLite has one writer, and a
    one-row write is tens of microseconds — less than a hand-off to a worker thread.

    The loop must never sleep in SQLite's busy handler, so the connection does not wait:
    ``BEGIN IMMEDIATE`` is tried at once and, only if another writer (the worker, another
    process) holds the lock, retried in a worker thread that may wait up to the busy timeout.
    Once it holds the write lock no statement of the transaction can wait for a lock. Callers
    in one process queue on ``Runtime.write_lock`` before this (and on the lane's own lock).
    """

    def __init__(self, reads: SqliteReadLane) -> None:
        super().__init__(reads.dialect)
        self._path, self._uri = reads.database_path()
        self._local = threading.local()

    def _connection(self) -> tuple[sqlite3.Connection, asyncio.Lock]:
        found: tuple[sqlite3.Connection, asyncio.Lock] | None = getattr(self._local, "conn", None)
        if found is None:
            conn = sqlite3.connect(self._path, uri=self._uri, timeout=0, check_same_thread=False)
            conn.isolation_level = None
            for pragma in WRITER_PRAGMAS:
                conn.execute(f"PRAGMA {pragma}")
            found = self._local.conn = (conn, asyncio.Lock())
        return found

    @staticmethod
    def _begin_waiting(conn: sqlite3.Connection) -> None:
        conn.execute("PRAGMA busy_timeout=10000")
        try:
            conn.execute("BEGIN IMMEDIATE")
        finally:
            conn.execute("PRAGMA busy_timeout=0")

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[WriteTx]:
        conn, lock = self._connection()
        async with lock:
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError:  # locked by another writer: wait off the loop
                await self._begin_in_thread(conn)
            tx = _SqliteTx(self.dialect, conn)
            try:
                yield tx
                if not tx.discarded:
                    tx.send_queued()
                conn.execute("ROLLBACK" if tx.discarded else "COMMIT")
            finally:
                # An exception, or a failed COMMIT: the connection leaves with no transaction.
                if conn.in_transaction:
                    conn.execute("ROLLBACK")

    async def _begin_in_thread(self, conn: sqlite3.Connection) -> None:
        """Waits for the write lock in a worker thread. If the request is cancelled meanwhile,
        the thread is still waited for (the lane's lock is held until then) and what it began
        is rolled back, so the connection is never handed on inside a transaction."""
        begin = asyncio.ensure_future(asyncio.to_thread(self._begin_waiting, conn))
        try:
            await asyncio.shield(begin)
        except asyncio.CancelledError:
            with contextlib.suppress(Exception):
                await begin
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    async def close(self) -> None:
        found: tuple[sqlite3.Connection, asyncio.Lock] | None = getattr(self._local, "conn", None)
        if found is not None:
            found[0].close()
            self._local.conn = None


class _PostgresTx(WriteTx):
    """BEGIN goes out with the first statement, the queued writes with the next statement or
    with COMMIT, each group as one pipeline: a create is three round trips, not eight."""

    def __init__(self, dialect: Dialect, conn: psycopg.AsyncConnection[Any]) -> None:
        super().__init__(dialect)
        self.conn = conn
        self.begun = False

    async def _send_queued(self) -> None:
        if not self.begun:
            await self.conn.execute("BEGIN")
            self.begun = True
        for sql, params in self.queued:
            await self.conn.execute(sql, params)
        self.queued.clear()

    async def _send(self, sql: str, params: Any, fetch: bool) -> tuple[list[Any], int]:
        async with self.conn.pipeline():
            await self._send_queued()
            cursor = await self.conn.execute(sql, params)
            rows = await cursor.fetchall() if fetch else []
        return rows, cursor.rowcount

    async def commit(self) -> None:
        async with self.conn.pipeline():
            await self._send_queued()
            await self.conn.execute("COMMIT")

    async def rollback(self) -> None:
        if self.begun:
            await self.conn.execute("ROLLBACK")


class PostgresWriteLane(WriteLane):
    """Transactions on the read lane's asyncio pool (its connections are autocommit; the lane
    sends BEGIN and COMMIT itself). Same 5 s statement timeout."""

    def __init__(self, reads: PostgresReadLane) -> None:
        super().__init__(reads.dialect)
        self._reads = reads

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[WriteTx]:
        pool = await self._reads.pool()
        async with pool.connection() as conn:
            tx = _PostgresTx(self.dialect, conn)
            try:
                yield tx
                if tx.discarded:
                    await tx.rollback()
                else:
                    await tx.commit()
            except psycopg.Error:
                # After an error inside a pipeline the server skipped the rest of it, including
                # the preparation of a statement psycopg may now believe prepared: close the
                # connection (which also ends the transaction); the pool opens a fresh one.
                # Only real races get here — a duplicate is found by the checks before it.
                await conn.close()
                raise
            except BaseException:
                await tx.rollback()
                raise
