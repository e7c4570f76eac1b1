"""Engine and sessions.

SQLite is tuned to behave like a server database for one host: WAL (readers never wait for
the writer), foreign keys enforced (the candidate cascade relies on them), a busy timeout, and
``BEGIN IMMEDIATE`` for write transactions so two writers queue instead of one failing with
"database is locked" half-way through a request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from peoplelens.kit.db.reads import ReadLane
from peoplelens.kit.db.sqlite import WRITER_PRAGMAS, checkpoint_truncate
from peoplelens.kit.db.urls import is_sqlite
from peoplelens.kit.db.writes import WriteLane


def _install_sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy (not the driver) decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in WRITER_PRAGMAS:
            cursor.execute(f"PRAGMA {pragma}")
        cursor.execute("PRAGMA busy_timeout=10000")
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
    """One engine, two session factories — read (plain BEGIN) and write (BEGIN IMMEDIATE) — the
    read lane for hot single-statement reads and the write lane for hot writes."""

    engine: Engine
    read_session: sessionmaker[Session]
    write_session: sessionmaker[Session]
    reads: ReadLane = field(repr=False)
    writes: WriteLane = field(repr=False)

    @classmethod
    def connect(cls, url: str) -> Database:
        engine = make_engine(url)
        write_bind = engine.execution_options(sqlite_immediate=True)
        reads = ReadLane.for_engine(engine)
        return cls(
            engine=engine,
            read_session=sessionmaker(bind=engine, expire_on_commit=False, autoflush=False),
            write_session=sessionmaker(bind=write_bind, expire_on_commit=False, autoflush=False),
            reads=reads,
            writes=WriteLane.for_read_lane(reads),
        )

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def dispose(self) -> None:
        self.engine.dispose()

    def refresh_statistics(self, tables: tuple[str, ...], within: Session | None = None) -> None:
        """PostgreSQL: ANALYZE ``tables`` now. A bulk load into a table the planner still
        believes small (autovacuum's analyze lags, or is off) gets sequential scans for its
        lookups, each batch slower than the last; fresh statistics keep them index scans.
        ``within``: in that session's transaction, whose own uncommitted rows ANALYZE counts
        (a load that commits only at its end). SQLite's planner uses the indexes anyway."""
        if self.is_sqlite:
            return
        if within is not None:
            for table in tables:
                within.connection().exec_driver_sql(f'ANALYZE "{table}"')
            return
        with self.engine.connect() as conn:
            for table in tables:
                conn.exec_driver_sql(f'ANALYZE "{table}"')
            conn.commit()

    def checkpoint_after_erasure(self) -> bool:
        """SQLite: fold the WAL into the database and truncate it, so the erased rows' older
        page images leave the disk too (``kit/db/sqlite.py``); on the caller's thread, with a
        pooled connection in autocommit. PostgreSQL keeps dead tuples until VACUUM
        (SECURITY.md): True there, nothing to do."""
        if not self.is_sqlite:
            return True
        raw = self.engine.raw_connection()
        try:
            return checkpoint_truncate(raw.driver_connection)  # type: ignore[arg-type]
        finally:
            raw.close()
