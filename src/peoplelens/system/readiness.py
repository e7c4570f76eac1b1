"""Readiness (spec §11): may this process take traffic? The database answers, its schema is at
the revision this code expects, and Redis answers when one is configured.

Liveness (/healthz) is deliberately not this: a database blip must make a load balancer stop
sending requests (/readyz 503), not kill every process (/healthz stays 200).
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from alembic.script import ScriptDirectory

from peoplelens.db import Database
from peoplelens.migrate import alembic_config
from peoplelens.system.repository import schema_revision

log = logging.getLogger("peoplelens.system")

OK = "ok"


def head_revision(database_url: str) -> str | None:
    """The newest migration this code ships (read from the migration files once, at start)."""
    return ScriptDirectory.from_config(alembic_config(database_url)).get_current_head()


class Readiness:
    """The checks, with what they need held from start-up (the head revision, a Redis client)."""

    def __init__(self, db: Database, database_url: str, redis_url: str | None) -> None:
        self.db = db
        self._lock = threading.Lock()
        self._cached: tuple[float, dict[str, str]] | None = None
        self.head = head_revision(database_url)
        # Every revision this code knows: a newer one in the database is a rolling deploy's
        # new release having migrated (expand/contract keeps this code working on it).
        script = ScriptDirectory.from_config(alembic_config(database_url))
        self.known = {rev.revision for rev in script.walk_revisions()}
        self.redis: Any = None
        if redis_url:
            import redis

            # Short timeouts: a probe that hangs is as bad as a failing one.
            self.redis = redis.Redis.from_url(redis_url, socket_timeout=1, socket_connect_timeout=1)

    def check(self) -> dict[str, str]:
        """Each check's result: ``ok``, ``not configured``, or what failed (never a secret:
        the exception's type only — a database URL may carry a password)."""
        checks: dict[str, str] = {}
        try:
            with self.db.read_session() as session:
                current = schema_revision(session)
            checks["database"] = OK
            if current == self.head or (current is not None and current not in self.known):
                checks["migrations"] = OK
            else:
                checks["migrations"] = f"at {current}, expected {self.head}"
        except Exception as exc:
            log.warning("readyz.database_failed", extra={"error": type(exc).__name__})
            checks["database"] = f"unreachable ({type(exc).__name__})"
            checks["migrations"] = "unknown"
        if self.redis is None:
            checks["redis"] = "not configured"
        else:
            try:
                self.redis.ping()
                checks["redis"] = OK
            except Exception as exc:
                log.warning("readyz.redis_failed", extra={"error": type(exc).__name__})
                checks["redis"] = f"unreachable ({type(exc).__name__})"
        return checks

    def cached_check(self, seconds: float = 1.0) -> dict[str, str]:
        """:meth:`check` at most once a second: the probe is open to anyone, unlimited, and
        must not turn a flood into database queries and Redis pings."""
        with self._lock:
            now = time.monotonic()
            if self._cached is None or now - self._cached[0] >= seconds:
                self._cached = (now, self.check())
            return dict(self._cached[1])

    @staticmethod
    def ready(checks: dict[str, str]) -> bool:
        return all(value in (OK, "not configured") for value in checks.values())

    def close(self) -> None:
        if self.redis is not None:
            self.redis.close()
