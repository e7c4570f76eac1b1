"""The read lane: single-statement reads with the raw driver on the event loop, no ORM session.

Statements are :class:`~peoplelens.kit.db.prepared.Prepared` (SQLAlchemy Core, compiled once per
dialect with SQLAlchemy's processors); repositories scope them to the tenant
(``kit/repository.py``: ``TenantReads``).
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import weakref
from collections.abc import Mapping
from typing import Any

from psycopg_pool import AsyncConnectionPool
from sqlalchemy import Engine
from sqlalchemy.engine import Dialect

from peoplelens.kit.db.prepared import Prepared


class ReadLane:
    """Single-statement reads with the raw driver, awaited on the event loop (no ORM session,
    no thread hop): the hot GET paths (see :mod:`peoplelens.kit.db.prepared`).

    Each statement runs in autocommit, so it reads one consistent snapshot of committed data;
    a read that needs several rows of several tables is written as one statement.
    """

    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect

    async def fetch_one(self, read: Prepared, values: Mapping[str, Any]) -> dict[str, Any] | None:
        rows = await self.fetch_all(read, values)
        return rows[0] if rows else None

    async def fetch_all(self, read: Prepared, values: Mapping[str, Any]) -> list[dict[str, Any]]:
        raise NotImplementedError

    async def close(self) -> None:
        """Closes the connections opened by the running event loop."""

    @staticmethod
    def for_engine(engine: Engine) -> ReadLane:
        if engine.dialect.name == "sqlite":
            return SqliteReadLane(engine)
        return PostgresReadLane(engine)


class SqliteReadLane(ReadLane):
    """One read-only connection per thread. A primary-key read takes ~10 µs, less than the
    hand-off to a worker thread would, so it runs right on the event loop; WAL means it never
    waits for a writer."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine.dialect)
        self._connect_args = engine.dialect.create_connect_args(engine.url)
        self._local = threading.local()

    def database_path(self) -> tuple[str, bool]:
        """The file (or URI) the engine opens, and whether it is a URI."""
        args, kwargs = self._connect_args
        return str(args[0]), bool(kwargs.get("uri"))

    def _connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            path, uri = self.database_path()
            conn = sqlite3.connect(path, uri=uri, timeout=10)
            conn.isolation_level = None
            conn.execute("PRAGMA busy_timeout=10000")
            conn.execute("PRAGMA query_only=ON")  # this lane can never write
            self._local.conn = conn
        return conn

    async def fetch_all(self, read: Prepared, values: Mapping[str, Any]) -> list[dict[str, Any]]:
        compiled = read.compiled(self.dialect)
        rows = self._connection().execute(compiled.sql, compiled.parameters(values)).fetchall()
        return [compiled.record(row) for row in rows]

    async def close(self) -> None:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


class PostgresReadLane(ReadLane):
    """An asyncio psycopg pool per event loop: the loop keeps serving while PostgreSQL answers.

    Reads are bounded by ``statement_timeout`` (5 s): the lane is for index lookups only.
    """

    def __init__(self, engine: Engine, max_size: int = 8) -> None:
        super().__init__(engine.dialect)
        url = engine.url.set(drivername="postgresql")
        self._conninfo = url.render_as_string(hide_password=False)
        self._max_size = max_size
        self._pools: weakref.WeakKeyDictionary[
            asyncio.AbstractEventLoop, asyncio.Task[AsyncConnectionPool]
        ] = weakref.WeakKeyDictionary()

    async def _open(self) -> AsyncConnectionPool:
        pool = AsyncConnectionPool(
            self._conninfo,
            min_size=1,
            max_size=self._max_size,
            kwargs={"autocommit": True, "options": "-c statement_timeout=5000"},
            open=False,
        )
        await pool.open()
        return pool

    async def pool(self) -> AsyncConnectionPool:
        loop = asyncio.get_running_loop()
        opening = self._pools.get(loop)
        if opening is None:
            opening = self._pools[loop] = loop.create_task(self._open())
        return await opening

    async def fetch_all(self, read: Prepared, values: Mapping[str, Any]) -> list[dict[str, Any]]:
        compiled = read.compiled(self.dialect)
        pool = await self.pool()
        async with pool.connection() as conn:
            cursor = await conn.execute(compiled.sql, compiled.parameters(values))
            rows = await cursor.fetchall()
        return [compiled.record(row) for row in rows]

    async def close(self) -> None:
        opening = self._pools.pop(asyncio.get_running_loop(), None)
        if opening is not None:
            await (await opening).close()
