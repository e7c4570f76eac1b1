"""The operational reads: the schema's revision and the queues' depths, across every tenant.

These serve /readyz and /metrics, which speak for the whole service, so they are deliberately
unscoped; they return counts and ages only, never a tenant's data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select, text
from sqlalchemy.orm import Session

from peoplelens.kit.repository import unscoped
from peoplelens.models import Email, Task, WebhookDelivery


def schema_revision(session: Session) -> str | None:
    """The revision the database is at (Alembic's ``alembic_version``)."""
    value = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return None if value is None else str(value)


@dataclass(frozen=True)
class Backlog:
    """Work waiting (or running): how many, and since when the oldest due one has been due."""

    depth: int
    oldest_due: datetime | None


def task_backlogs(session: Session) -> dict[str, Backlog]:
    """Queued or running tasks per kind, one GROUP BY over the status index."""
    oldest = func.min(case((Task.status == "queued", Task.run_after)))
    stmt = unscoped(
        select(Task.kind, func.count(), oldest)
        .where(Task.status.in_(("queued", "running")))
        .group_by(Task.kind)
    )
    return {kind: Backlog(int(n), at) for kind, n, at in session.execute(stmt)}


def _backlog(
    session: Session, model: type[WebhookDelivery] | type[Email], ready: str, busy: str
) -> Backlog:
    oldest = func.min(case((model.status == ready, model.next_attempt_at)))
    stmt = unscoped(select(func.count(), oldest).where(model.status.in_((ready, busy))))
    n, at = session.execute(stmt).one()
    return Backlog(int(n), at)


def delivery_backlog(session: Session) -> Backlog:
    """Webhook deliveries still owed (pending or being attempted)."""
    return _backlog(session, WebhookDelivery, "pending", "delivering")


def email_backlog(session: Session) -> Backlog:
    """E-mails not yet sent (queued, or being sent)."""
    return _backlog(session, Email, "queued", "sending")
