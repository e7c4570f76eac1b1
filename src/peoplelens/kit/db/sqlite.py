"""SQLite's settings for every connection that writes, and the checkpoint after an erasure.

``secure_delete=ON`` makes SQLite overwrite deleted content with zeros (a candidate's erased
rows do not linger in free pages or free space); the WAL still holds older page images until a
checkpoint, so an erasure is followed by :func:`checkpoint_truncate`, which copies the WAL into
the database and truncates it to zero bytes.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from typing import Final

log = logging.getLogger("peoplelens.db")

WRITER_PRAGMAS: Final = (
    "journal_mode=WAL",
    "foreign_keys=ON",
    "synchronous=NORMAL",
    "secure_delete=ON",
)


def checkpoint_truncate(path: str, uri: bool, *, wait_seconds: float = 5.0) -> bool:
    """``PRAGMA wal_checkpoint(TRUNCATE)`` on a connection of its own; True when complete (a
    reader in the middle of a transaction can make it wait up to ``wait_seconds``)."""
    conn = sqlite3.connect(path, uri=uri, timeout=wait_seconds)
    try:
        conn.execute(f"PRAGMA busy_timeout={int(wait_seconds * 1000)}")
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return not busy
    except sqlite3.Error:
        log.warning("db.checkpoint_failed", exc_info=True)
        return False
    finally:
        conn.close()


def checkpoint_soon(path: str, uri: bool) -> threading.Thread:
    """:func:`checkpoint_truncate` off the caller's thread (an erasure's answer never waits)."""
    thread = threading.Thread(
        target=checkpoint_truncate, args=(path, uri), name="sqlite-checkpoint", daemon=True
    )
    thread.start()
    return thread
