"""The worker: claims due tasks with a lease, runs each in its own transaction.

* Claiming is one short transaction: ``FOR UPDATE SKIP LOCKED`` on PostgreSQL (several
  workers share the queue without blocking each other); on SQLite the write lock serialises
  claims. A claimed task carries ``locked_until``; a worker that dies loses its lease and the
  task becomes claimable again — at-least-once, never dropped.
* Running is a second transaction holding the task's effects *and* its ``done`` mark, so a
  crash leaves either both or neither.
* A failure is retried with exponential backoff up to ``task_max_attempts``; then the task is
  ``failed`` and its handler's ``on_give_up`` records that (e.g. ``assessment_failed``).

The worker serves every tenant, so claiming is not tenant-scoped; each task's handler then acts
for the task's tenant, and everything it touches goes through tenant repositories. Handlers
and the services run every round are registered by their domains (``worker/registry.py``).
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from peoplelens.db import Database
from peoplelens.kit.metrics import TASK_SECONDS, TASKS
from peoplelens.kit.repository import in_tenant, unscoped
from peoplelens.kit.retry import due, exponential, lock_for_claim
from peoplelens.kit.time import utcnow
from peoplelens.models import Task
from peoplelens.worker.registry import TaskContext, WorkerService, handler_for, services

log = logging.getLogger("peoplelens.worker")

LEASE = timedelta(minutes=5)
# After finding the task queue empty, the loop looks again this much later, not every round:
# the webhook service's rounds come every few milliseconds under load, and an empty claim is
# still a write transaction (a quarter of a busy worker's time, measured).
QUEUE_POLL_SECONDS = 0.2


def claim_next(db: Database, tenant_id: uuid.UUID | None = None) -> uuid.UUID | None:
    """The next due task of every tenant's queue, or of ``tenant_id``'s alone."""
    now = utcnow()
    with db.write_session() as session:
        ready = select(Task).where(
            due(Task, ready="queued", busy="running", due_at=Task.run_after, now=now)
        )
        if tenant_id is not None:
            ready = ready.where(in_tenant(Task, tenant_id))
        stmt = unscoped(ready.order_by(Task.run_after, Task.id).limit(1))
        task = session.scalars(lock_for_claim(stmt, is_sqlite=db.is_sqlite)).first()
        if task is None:
            return None
        task.status = "running"
        task.attempts += 1
        task.locked_until = now + LEASE
        task.updated_at = now
        session.commit()
        return task.id


def backoff(attempt: int) -> timedelta:
    return exponential(attempt, base=5, cap=3600)


# A run's new status, as the task metrics name the outcome.
_OUTCOMES = {"done": "done", "queued": "retrying", "failed": "failed", "gone": "gone"}


def run_task(db: Database, task_id: uuid.UUID, ctx: TaskContext) -> str:
    """Runs one claimed task; returns its new status (and counts it: kit/metrics.py)."""
    began = time.perf_counter()
    seen: list[str] = []
    status = _run_task(db, task_id, ctx, seen)
    kind = seen[0] if seen else "unknown"
    TASKS.labels(kind, _OUTCOMES.get(status, status)).inc()
    TASK_SECONDS.labels(kind).observe(time.perf_counter() - began)
    return status


def _run_task(db: Database, task_id: uuid.UUID, ctx: TaskContext, seen: list[str]) -> str:
    try:
        prepared = _prepare(db, task_id, ctx, seen)
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"[:2000]
        log.warning("task.failed", extra={"task_id": str(task_id), "error": error})
        return _record_failure(db, task_id, error, ctx.settings.task_max_attempts)
    with db.write_session() as session:
        task = session.get(Task, task_id)
        if task is None or task.status != "running":
            return "gone"
        handler = handler_for(task.kind)
        try:
            if handler is None:
                raise LookupError(f"no handler for task kind {task.kind!r}")
            payload = dict(task.payload)
            if prepared is not None:
                payload["prepared"] = prepared
            handler.run(session, task.tenant_id, payload, ctx)
            task.status = "done"
            task.locked_until = None
            task.updated_at = utcnow()
            session.commit()
            log.info("task.done", extra={"task_id": str(task_id), "kind": task.kind})
            return "done"
        except Exception as exc:
            session.rollback()
            error = f"{type(exc).__name__}: {exc}"[:2000]
            log.warning("task.failed", extra={"task_id": str(task_id), "error": error})
    return _record_failure(db, task_id, error, ctx.settings.task_max_attempts)


def _prepare(
    db: Database, task_id: uuid.UUID, ctx: TaskContext, seen: list[str]
) -> dict[str, Any] | None:
    """A :class:`~peoplelens.worker.registry.PreparedTask`'s slow part, outside any write
    transaction (the task row is read in a short read transaction)."""
    with db.read_session() as session:
        task = session.get(Task, task_id)
        if task is None:
            return None
        kind, tenant_id, payload = task.kind, task.tenant_id, dict(task.payload)
    seen.append(kind)
    handler = handler_for(kind)
    prepare = getattr(handler, "prepare", None)
    if prepare is None:
        return None
    prepared: dict[str, Any] = prepare(db, tenant_id, payload, ctx)
    return prepared


def _record_failure(db: Database, task_id: uuid.UUID, error: str, max_attempts: int) -> str:
    with db.write_session() as session:
        task = session.get(Task, task_id)
        if task is None:
            return "gone"
        now = utcnow()
        task.last_error = error
        task.locked_until = None
        task.updated_at = now
        handler = handler_for(task.kind)
        # A handler may need more patience than the default (removing files from a storage
        # that is down for a day): its own ``max_attempts``.
        max_attempts = getattr(handler, "max_attempts", None) or max_attempts
        if task.attempts >= max_attempts:
            task.status = "failed"
            if handler is not None:
                handler.on_give_up(session, task.tenant_id, dict(task.payload), error)
        else:
            task.status = "queued"
            task.run_after = now + backoff(task.attempts)
        session.commit()
        return task.status


def run_pending(
    db: Database,
    ctx: TaskContext,
    *,
    limit: int = 1000,
    tenant_id: uuid.UUID | None = None,
    stopping: Callable[[], bool] = lambda: False,
) -> int:
    """Runs due tasks (of every tenant, or of ``tenant_id``) until none is left, ``limit``
    ran, or ``stopping()`` (a shutdown: the task in hand finishes, no new one is claimed);
    returns how many ran."""
    ran = 0
    while ran < limit and not stopping():
        task_id = claim_next(db, tenant_id)
        if task_id is None:
            break
        run_task(db, task_id, ctx)
        ran += 1
    return ran


class WorkerLoop:
    """Polls the queue until stopped: a thread inside ``serve``, or ``peoplelens worker``."""

    def __init__(self, db: Database, ctx: TaskContext, idle_seconds: float = 0.5) -> None:
        self.db = db
        self.ctx = ctx
        self.idle_seconds = idle_seconds
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._next_queue_look = 0.0

    def run_once(self, running: list[WorkerService]) -> int:
        """One round of everything: due tasks, then each registered service (in order)."""
        done = 0
        if time.monotonic() >= self._next_queue_look:
            done = run_pending(self.db, self.ctx, limit=50, stopping=self._stop.is_set)
            if not done:
                self._next_queue_look = time.monotonic() + QUEUE_POLL_SECONDS
        for one in running:
            done += one.run_round()
        return done

    def run_forever(self) -> None:
        log.info("worker.started")
        running = [make(self.db, self.ctx) for _, make in services()]
        try:
            while not self._stop.is_set():
                try:
                    ran = self.run_once(running)
                except Exception:
                    log.exception("worker.loop_error")
                    ran = 0
                if not ran:
                    self._stop.wait(self.idle_seconds)
        finally:
            for one in running:
                one.close()
        log.info("worker.stopped")

    def request_stop(self, why: str = "stop requested") -> None:
        """Ends the loop after its current round (safe from a signal handler)."""
        if not self._stop.is_set():
            log.info("worker.stopping", extra={"why": why})
        self._stop.set()

    def start_thread(self) -> None:
        self._thread = threading.Thread(
            target=self.run_forever, name="peoplelens-worker", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Stops the embedded thread, waiting up to ``timeout`` for its round to finish; past
        that the process exits without it and the leases it holds expire on their own."""
        self.request_stop("server shutting down")
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.warning("worker.stop_timed_out", extra={"seconds": timeout})
