"""The retention sweep of stored idempotent answers (spec §11: purged after 24 h)."""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from peoplelens.db import Database
from peoplelens.idempotency.repository import purge_expired
from peoplelens.kit.time import utcnow
from peoplelens.worker.registry import TaskContext, WorkerService, service

log = logging.getLogger("peoplelens.idempotency")


class Purge:
    """Deletes answers older than ``idempotency_ttl_hours``, at most once a minute."""

    def __init__(self, db: Database, ttl_hours: int, every_seconds: float = 60.0) -> None:
        self.db = db
        self.ttl = timedelta(hours=ttl_hours)
        self.every_seconds = every_seconds
        self._next = 0.0

    def purge_now(self) -> int:
        with self.db.write_session() as session:
            purged = purge_expired(session, utcnow() - self.ttl)
            session.commit()
        if purged:
            log.info("idempotency.purged", extra={"records": purged})
        return purged

    def run_round(self) -> int:
        if time.monotonic() < self._next:
            return 0
        self._next = time.monotonic() + self.every_seconds
        self.purge_now()
        return 0  # bookkeeping: never keeps the worker from idling

    def close(self) -> None:
        """Nothing held between rounds."""


@service("idempotency.purge")
def _purge(db: Database, ctx: TaskContext) -> WorkerService:
    return Purge(db, ctx.settings.idempotency_ttl_hours)
