"""SQLite's settings for every connection that writes, and the checkpoint after an erasure.

``secure_delete=ON`` makes SQLite overwrite deleted content with zeros, so an erased
candidate's rows do not linger in free pages or in a page's free space. The WAL still holds
the older page images until a checkpoint; an erasure therefore ends with
``wal_checkpoint(TRUNCATE)``, which copies the WAL into the database and truncates it.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Final

log = logging.getLogger("peoplelens.db")

WRITER_PRAGMAS: Final = (
    "journal_mode=WAL",
    "foreign_keys=ON",
    "synchronous=NORMAL",
    "secure_delete=ON",
)


def checkpoint_truncate(conn: sqlite3.Connection) -> bool:
    """``PRAGMA wal_checkpoint(TRUNCATE)`` on ``conn`` (outside any transaction); True when
    complete — a reader in the middle of a transaction can keep it from finishing (its busy
    handler waits first)."""
    try:
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.Error:
        log.warning("db.checkpoint_failed", exc_info=True)
        return False
    if busy:
        log.warning("db.checkpoint_incomplete")
    return not busy
