"""What SQLite supports past one process, enforced: one ``serve`` and one worker loop per file.

SQLite has one writer at a time for the whole file. PeopleLens serialises its writes inside a
process (``db.py``), so one ``serve`` process — with its embedded worker, or with one
``peoplelens worker`` beside it — is a complete system. More (``serve --workers N``, a second
``serve``, a second worker loop) would only queue on the file lock behind ``busy_timeout`` and
turn load into "database is locked" errors: refused at start-up, with the reason, instead. Short
admin commands (``migrate``, ``tenants``, ``api-keys`` …) take no lock: their writes are brief.

The lock is ``flock`` on a file beside the database; the kernel drops it when the process ends,
however it ends, so a crash never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO

from sqlalchemy.engine import make_url

from peoplelens.kit.db.urls import is_sqlite

ROLES = {
    "serve": "a `peoplelens serve` process",
    "worker": "a worker (`peoplelens worker`, or the one `peoplelens serve` runs itself)",
}


class SecondProcess(RuntimeError):
    """Another process already holds this SQLite database's lock for the same role."""


def sqlite_file(database_url: str) -> Path | None:
    """The database file of a SQLite URL; None for other databases and in-memory ones."""
    if not is_sqlite(database_url):
        return None
    name = make_url(database_url).database
    if not name or name == ":memory:" or name.startswith("file::memory:"):
        return None
    return Path(name).resolve()


class SingleProcessLocks:
    """Holds the role locks of one process for its whole life (closing releases them)."""

    def __init__(self) -> None:
        self._held: list[IO[str]] = []

    def take(self, database_url: str, role: str) -> None:
        """Takes ``role``'s lock on a SQLite database, or raises :class:`SecondProcess`."""
        path = sqlite_file(database_url)
        if path is None:
            return
        lock_path = path.with_name(f"{path.name}.{role}.lock")
        handle = lock_path.open("a+")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise SecondProcess(
                f"{ROLES[role]} is already running on the SQLite database {path} "
                f"(process {holder}). SQLite supports one `serve` process and one worker per "
                "database file; to run more, use PostgreSQL (PEOPLELENS_DATABASE_URL)."
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._held.append(handle)

    def close(self) -> None:
        for handle in self._held:
            handle.close()
        self._held.clear()
