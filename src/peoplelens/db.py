"""Engine and sessions.

SQLite is tuned to behave like a server database for one host: WAL (readers never wait for
the writer), foreign keys enforced (the candidate cascade relies on them), a busy timeout, and
``BEGIN IMMEDIATE`` for write transactions so two writers queue instead of one failing with
"database is locked" half-way through a request.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from psycopg_pool import AsyncConnectionPool
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session, sessionmaker

from peoplelens.db_url import is_sqlite
from peoplelens.kit.prepared import PreparedSelect


def _install_sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy (not the driver) decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("sqlite_immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str, **kwargs: Any) -> Engine:
    if is_sqlite(url):
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 10},
            # As many connections as the threadpool has threads: a request never waits for one.
            pool_size=20,
            max_overflow=20,
            **kwargs,
        )
        _install_sqlite_pragmas(engine)
        return engine
    return create_engine(url, pool_size=10, max_overflow=10, pool_pre_ping=True, **kwargs)


@dataclass
class Database:
    """One engine, two session factories — read (plain BEGIN) and write (BEGIN IMMEDIATE) — and
    the read lane for hot single-statement reads."""

    engine: Engine
    read_session: sessionmaker[Session]
    write_session: sessionmaker[Session]
    reads: ReadLane = field(repr=False)

    @classmethod
    def connect(cls, url: str) -> Database:
        engine = make_engine(url)
        write_bind = engine.execution_options(sqlite_immediate=True)
        return cls(
            engine=engine,
            read_session=sessionmaker(bind=engine, expire_on_commit=False, autoflush=False),
            write_session=sessionmaker(bind=write_bind, expire_on_commit=False, autoflush=False),
            reads=ReadLane.for_engine(engine),
        )

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def dispose(self) -> None:
        self.engine.dispose()


class ReadLane:
    """Single-statement reads with the raw driver, awaited on the event loop (no ORM session,
    no thread hop): the hot GET paths (see :mod:`peoplelens.kit.prepared`).

    Each statement runs in autocommit, so it reads one consistent snapshot of committed data;
    a read that needs several rows of several tables is written as one statement.
    """

    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect

    async def fetch_one(
        self, read: PreparedSelect, values: Mapping[str, Any]
    ) -> dict[str, Any] | None:
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

    def _connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            args, kwargs = self._connect_args
            conn = sqlite3.connect(str(args[0]), uri=bool(kwargs.get("uri")), timeout=10)
            conn.isolation_level = None
            conn.execute("PRAGMA busy_timeout=10000")
            conn.execute("PRAGMA query_only=ON")  # this lane can never write
            self._local.conn = conn
        return conn

    async def fetch_one(
        self, read: PreparedSelect, values: Mapping[str, Any]
    ) -> dict[str, Any] | None:
        compiled = read.compiled(self.dialect)
        row = self._connection().execute(compiled.sql, compiled.parameters(values)).fetchone()
        return None if row is None else compiled.record(row)

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

    async def _pool(self) -> AsyncConnectionPool:
        loop = asyncio.get_running_loop()
        opening = self._pools.get(loop)
        if opening is None:
            opening = self._pools[loop] = loop.create_task(self._open())
        return await opening

    async def fetch_one(
        self, read: PreparedSelect, values: Mapping[str, Any]
    ) -> dict[str, Any] | None:
        compiled = read.compiled(self.dialect)
        pool = await self._pool()
        async with pool.connection() as conn:
            cursor = await conn.execute(compiled.sql, compiled.parameters(values))
            row = await cursor.fetchone()
        return None if row is None else compiled.record(row)

    async def close(self) -> None:
        opening = self._pools.pop(asyncio.get_running_loop(), None)
        if opening is not None:
            await (await opening).close()
