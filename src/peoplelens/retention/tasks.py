"""The retention sweep: ``peoplelens purge`` runs it once, every worker every few minutes.

Each batch (``retention_batch_size`` rows, 1,000 by default) is its own short transaction, so
a sweep never holds long locks nor SQLite's writer for long; it is idempotent (a second run
finds nothing), and two workers sweeping at once share the work (``repository.py``).
"""

from __future__ import annotations

import logging
import time
from datetime import datetime

from peoplelens.config import Settings
from peoplelens.db import Database
from peoplelens.kit.metrics import RETENTION_PURGED
from peoplelens.kit.time import utcnow
from peoplelens.retention.service import KINDS, REPORTED, cutoffs
from peoplelens.worker.registry import TaskContext, WorkerService, service

log = logging.getLogger("peoplelens.retention")


def sweep(db: Database, settings: Settings, now: datetime | None = None) -> dict[str, int]:
    """Removes every expired row of every kind, tenant window by tenant window; how many of
    each kind went."""
    now = now or utcnow()
    limit = settings.retention_batch_size
    counts = dict.fromkeys(REPORTED, 0)
    for kind in KINDS:
        with db.read_session() as session:
            windows = cutoffs(session, kind, settings, now)
        for window, before in windows:
            while True:
                with db.write_session() as session:
                    removed = kind.purge(session, window, before, limit, counts)
                    session.commit()
                counts[kind.name] += removed
                if removed < limit:
                    break
    for name, removed in counts.items():
        if removed:
            RETENTION_PURGED.labels(name).inc(removed)
    if any(counts.values()):
        log.info("retention.swept", extra={k: v for k, v in counts.items() if v})
    return counts


class Sweep:
    """Runs :func:`sweep` at most every ``retention_every_seconds`` (first: at start)."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings
        self._next = 0.0

    def run_round(self) -> int:
        if time.monotonic() < self._next:
            return 0
        self._next = time.monotonic() + self.settings.retention_every_seconds
        sweep(self.db, self.settings)
        return 0  # bookkeeping: never keeps the worker from idling

    def close(self) -> None:
        """Nothing held between rounds."""


@service("retention.sweep")
def _sweep(db: Database, ctx: TaskContext) -> WorkerService:
    return Sweep(db, ctx.settings)
