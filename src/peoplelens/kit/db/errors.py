"""What the drivers raise, sorted into what the request boundary answers differently."""

from __future__ import annotations

import sqlite3

import psycopg
from sqlalchemy.exc import IntegrityError

# A violated constraint, raised through a session (SQLAlchemy wraps it) or by a driver on a
# lane: a concurrent request won the race, and the request boundary answers 409 or a replay.
INTEGRITY_ERRORS: tuple[type[Exception], ...] = (
    IntegrityError,
    sqlite3.IntegrityError,
    psycopg.IntegrityError,
)


def database_busy(exc: BaseException) -> bool:
    """Whether ``exc`` says the database could not serve a statement in time — SQLite's write
    lock held past the busy timeout, PostgreSQL's ``statement_timeout`` or ``lock_timeout`` —
    rather than that something is wrong, or PostgreSQL ended it as a deadlock's victim (the
    retry succeeds). (SQLAlchemy wraps the driver's error in ``orig``.)"""
    error = getattr(exc, "orig", None) or exc
    if isinstance(error, sqlite3.OperationalError):
        return getattr(error, "sqlite_errorname", "") in ("SQLITE_BUSY", "SQLITE_LOCKED")
    return isinstance(
        error,
        psycopg.errors.QueryCanceled
        | psycopg.errors.LockNotAvailable
        | psycopg.errors.DeadlockDetected,
    )
